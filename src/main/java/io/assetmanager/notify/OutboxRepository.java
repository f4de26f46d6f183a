package io.assetmanager.notify;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: messages waiting for their channel. Every instance sends from it; a message is claimed with one
 * conditional update before it is sent, so only the instance whose update changed the row sends it, and a claim
 * left by a crashed instance expires ({@link #CLAIM}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxRepository {

    /** Longer than a send may take (every channel's time-outs add up to less). */
    static final Duration CLAIM = Duration.ofMinutes(5);
    /** Sent and given-up messages are kept this long for the page, then deleted. */
    static final Duration KEPT = Duration.ofDays(30);

    @PersistenceContext
    private EntityManager em;

    /** The ids of messages due to be (re)tried, oldest first. */
    public List<Long> due(OffsetDateTime now, int max) {
        return em.createQuery("SELECT m.id FROM OutboxMessage m WHERE m.sentAt IS NULL AND m.givenUp = FALSE"
                + " AND m.nextAttemptAt <= :now AND (m.claimedUntil IS NULL OR m.claimedUntil < :now) ORDER BY m.id",
                Long.class).setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** Claims the message for {@code instance}; empty when another instance claimed or sent it first. */
    public Optional<OutboxMessage> claim(long id, String instance, OffsetDateTime now) {
        int claimed = em.createQuery("UPDATE OutboxMessage m SET m.claimedBy = :me, m.claimedUntil = :until"
                + " WHERE m.id = :id AND m.sentAt IS NULL AND m.givenUp = FALSE"
                + " AND (m.claimedUntil IS NULL OR m.claimedUntil < :now)")
                .setParameter("me", instance).setParameter("until", now.plus(CLAIM)).setParameter("id", id)
                .setParameter("now", now).executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        OutboxMessage m = em.find(OutboxMessage.class, id);
        em.refresh(m);
        em.detach(m);
        return Optional.of(m);
    }

    public void delivered(long id, OffsetDateTime at) {
        em.find(OutboxMessage.class, id).delivered(at);
    }

    public void failed(long id, String error, OffsetDateTime at) {
        em.find(OutboxMessage.class, id).failed(error, at);
    }

    public void dropped(long id, String reason, OffsetDateTime at) {
        em.find(OutboxMessage.class, id).dropped(reason, at);
    }

    public int purge(OffsetDateTime now) {
        return em.createQuery("DELETE FROM OutboxMessage m WHERE (m.sentAt IS NOT NULL OR m.givenUp = TRUE)"
                + " AND m.raisedAt < :before").setParameter("before", now.minus(KEPT)).executeUpdate();
    }

    /** The latest messages of a channel, newest first, for the page. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<OutboxMessage> latest(ChannelKind channel, int max) {
        return em.createQuery("SELECT m FROM OutboxMessage m WHERE m.channel = :c ORDER BY m.id DESC",
                OutboxMessage.class).setParameter("c", channel).setMaxResults(max).getResultList();
    }

    /** Messages of a channel not yet sent nor given up. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long waiting(ChannelKind channel) {
        return em.createQuery("SELECT COUNT(m) FROM OutboxMessage m WHERE m.channel = :c AND m.sentAt IS NULL"
                + " AND m.givenUp = FALSE", Long.class).setParameter("c", channel).getSingleResult();
    }
}
