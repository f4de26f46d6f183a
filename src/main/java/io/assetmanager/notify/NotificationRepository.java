package io.assetmanager.notify;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;

/** The one row of Notifications settings and its audit trail. */
@Stateless
public class NotificationRepository {

    @PersistenceContext
    private EntityManager em;

    /** A detached copy. */
    public NotificationSettings current() {
        NotificationSettings settings = em.find(NotificationSettings.class, NotificationSettings.SINGLETON_ID);
        em.detach(settings);
        return settings;
    }

    /**
     * Stores an edited copy from {@link #current()} and its audit rows in one transaction.
     *
     * @throws jakarta.persistence.OptimisticLockException (inside an EJBException) when the row changed since that
     *         copy was read
     */
    public void save(NotificationSettings edited, List<NotificationAuditEntry> changes) {
        em.merge(edited);
        changes.forEach(em::persist);
        em.flush();
    }

    /** Newest first. */
    public List<NotificationAuditEntry> auditTrail(int first, int max) {
        return em.createQuery("SELECT a FROM NotificationAuditEntry a ORDER BY a.changedAt DESC, a.id DESC",
                NotificationAuditEntry.class).setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long auditCount() {
        return em.createQuery("SELECT COUNT(a) FROM NotificationAuditEntry a", Long.class).getSingleResult();
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
