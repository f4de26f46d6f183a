package io.assetmanager.qualys.settings;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The one row of Qualys settings. */
@Stateless
public class QualysSettingsRepository {

    @PersistenceContext
    private EntityManager em;

    /** A detached copy: callers read it without holding a transaction open. */
    public QualysSettings current() {
        QualysSettings settings = em.find(QualysSettings.class, QualysSettings.SINGLETON_ID);
        em.detach(settings);
        return settings;
    }

    /** Stops the scheduler from trying credentials Qualys refused: repeated bad logins lock Qualys accounts. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markCredentialsRejected() {
        em.find(QualysSettings.class, QualysSettings.SINGLETON_ID).setCredentialsRejected(true);
    }
}
