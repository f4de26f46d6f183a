package io.assetmanager.notify;

import io.assetmanager.coverage.CoverageService;
import io.assetmanager.coverage.CoverageSet;
import io.assetmanager.notify.NotificationRules.Decision;
import io.assetmanager.notify.NotificationRules.Sent;
import io.assetmanager.qualys.sync.SyncOutcome;
import io.assetmanager.qualys.sync.SyncRun;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the newest finished sync run not judged yet, in one transaction: the rules' decision, the messages for
 * every channel that is on (into the outbox), the memory and the baseline. The state row's version makes it a
 * compare-and-set across instances (the loser's transaction rolls back whole). While no channel is on, nothing is
 * judged: the first run after a channel is switched on sends the summary.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunJudge {

    @PersistenceContext
    private EntityManager em;
    @Inject
    private CoverageService coverage;

    /** @return true when a run was judged */
    public boolean judgeNewest(Instant now) {
        NotificationSettings settings = em.find(NotificationSettings.class, NotificationSettings.SINGLETON_ID);
        NotificationSettingsValues v = settings.values();
        List<ChannelKind> on = new java.util.ArrayList<>();
        if (v.syslogEnabled()) {
            on.add(ChannelKind.SYSLOG);
        }
        if (v.webhookEnabled()) {
            on.add(ChannelKind.WEBHOOK);
        }
        if (v.mailEnabled()) {
            on.add(ChannelKind.MAIL);
        }
        if (on.isEmpty()) {
            return false;
        }
        NotificationState state = em.find(NotificationState.class, NotificationState.SINGLETON_ID);
        Long last = state.getLastRunId();
        // The newest finished run (with none judged yet, the summary is about it); runs finished while notifications
        // were off, or between two ticks, are judged with it rather than each on its own.
        jakarta.persistence.TypedQuery<SyncRun> query = em.createQuery("SELECT r FROM SyncRun r WHERE r.outcome <> :running"
                + (last == null ? "" : " AND r.id > :last") + " ORDER BY r.id DESC", SyncRun.class)
                .setParameter("running", SyncOutcome.RUNNING).setMaxResults(1);
        if (last != null) {
            query.setParameter("last", last);
        }
        List<SyncRun> newest = query.getResultList();
        if (newest.isEmpty()) {
            return false;
        }
        SyncRun run = newest.get(0);
        RunFacts facts = new RunFacts(run.getId(), run.getOutcome(), run.getErrorCode(), run.getErrorText(),
                run.getCountIndexed(), freshlyScanned(run), unmanagedByQualys(), run.getCountStale());
        Map<NotificationEvent, Sent> memory = new EnumMap<>(NotificationEvent.class);
        List<NotificationMemory> rows = em.createQuery("SELECT m FROM NotificationMemory m", NotificationMemory.class)
                .getResultList();
        for (NotificationMemory m : rows) {
            memory.put(NotificationEvent.ofKey(m.getEvent()), new Sent(m.getFingerprint(), m.getSentAt().toInstant()));
        }
        Decision d = NotificationRules.judge(facts, last == null, state.baseline(), memory, new NotificationRules.Settings(
                v.baseUrl() == null ? "" : v.baseUrl(), v.coverageBelowPercent(), v.coverageDropPoints(),
                Duration.ofHours(v.repeatHours())), now);
        state.judged(run.getId(), d.baseline());
        d.memory().forEach((event, sent) -> {
            NotificationMemory row = em.find(NotificationMemory.class, event.key());
            if (row == null) {
                em.persist(new NotificationMemory(event.key(), sent.fingerprint(), NotificationRepository.utc(sent.at())));
            } else {
                row.set(sent.fingerprint(), NotificationRepository.utc(sent.at()));
            }
        });
        for (Notification n : d.toSend()) {
            for (ChannelKind kind : on) {
                em.persist(new OutboxMessage(kind, n));
            }
        }
        em.flush();
        return true;
    }

    private Long unmanagedByQualys() {
        return coverage.numbers().count(CoverageSet.UNMANAGED_BY_QUALYS).longValueExact();
    }

    /**
     * The indexed hosts the run found scanned within the "Stale after" days, |I ∩ M| less the stale ones: the
     * coverage the dashboard shows counts only those. Runs from before the stale count was recorded count every scan.
     */
    private static Long freshlyScanned(SyncRun run) {
        Long managed = run.getCountManaged();
        Long stale = run.getCountStale();
        return managed == null || stale == null ? managed : managed - stale;
    }
}
