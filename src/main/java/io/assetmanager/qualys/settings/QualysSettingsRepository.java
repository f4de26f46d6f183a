package io.assetmanager.qualys.settings;

import io.assetmanager.counts.CountsRepository;
import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;

/** The one row of Qualys settings. */
@Stateless
public class QualysSettingsRepository {

    @PersistenceContext
    private EntityManager em;

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

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

    /** Qualys accepted the stored credentials: the scheduler may use them again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void clearCredentialsRejected() {
        em.find(QualysSettings.class, QualysSettings.SINGLETON_ID).setCredentialsRejected(false);
    }

    /**
     * Qualys accepted the credentials of {@code used} (a copy from {@link #current()}): lifts the refusal, unless
     * server, user name or password changed since that copy was read (the refusal may be about the new ones).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void clearCredentialsRejected(QualysSettings used) {
        QualysSettings now = em.find(QualysSettings.class, QualysSettings.SINGLETON_ID);
        if (java.util.Objects.equals(now.getServerName(), used.getServerName())
                && java.util.Objects.equals(now.getUsername(), used.getUsername())
                && java.util.Objects.equals(now.getPasswordCiphertext(), used.getPasswordCiphertext())) {
            now.setCredentialsRejected(false);
        }
    }

    /**
     * Stores an edited copy from {@link #current()} and its audit rows in one transaction.
     *
     * @throws jakarta.persistence.OptimisticLockException (inside an EJBException) when the row changed since
     *         that copy was read
     */
    public void save(QualysSettings edited, List<SettingsChange> changes, String user, OffsetDateTime at) {
        em.merge(edited);
        for (SettingsChange change : changes) {
            em.persist(new SettingsAuditEntry(at, user, change));
        }
        em.flush();
        if (changes.stream().anyMatch(c -> c.field() == SettingsField.STALE_AFTER_DAYS)) {
            // The dashboard's fresh and stale counts follow the setting in the same commit.
            try (Connection c = dataSource.getConnection()) {
                CountsRepository.recountFresh(c, edited.getStaleAfterDays());
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot count the scan freshness again: " + e.getMessage(), e);
            }
        }
    }

    /** Newest first. */
    public List<SettingsAuditEntry> auditTrail(int first, int max) {
        return em.createQuery("SELECT a FROM SettingsAuditEntry a ORDER BY a.changedAt DESC, a.id DESC",
                SettingsAuditEntry.class).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** The labels of the fields changed at {@code at} (one save, or one rejection on the Approvals page). */
    public List<String> fieldsChangedAt(OffsetDateTime at) {
        return em.createQuery("SELECT DISTINCT a.field FROM SettingsAuditEntry a WHERE a.changedAt = :at ORDER BY"
                + " a.field", String.class).setParameter("at", at).getResultList();
    }

    public long auditCount() {
        return em.createQuery("SELECT COUNT(a) FROM SettingsAuditEntry a", Long.class).getSingleResult();
    }
}
