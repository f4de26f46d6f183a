package io.assetmanager.qualys.sync;

import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** The run records: written step by step in their own transactions, so pages see a run's progress live. */
@Stateless
public class SyncRunRepository {

    private static final Logger LOG = Logger.getLogger(SyncRunRepository.class.getName());

    @PersistenceContext
    private EntityManager em;
    @Inject
    private SyncLeaseRepository lease;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long start(SyncTrigger trigger, String user, String instance) {
        SyncRun run = new SyncRun(trigger, user, instance, now());
        em.persist(run);
        em.flush();
        return run.getId();
    }

    /** @param leaseToken the run's lease token, checked in this transaction (null: not checked) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void step(long runId, String step, Long leaseToken) {
        if (leaseToken != null) {
            lease.requireToken(leaseToken);
        }
        em.find(SyncRun.class, runId).setCurrentStep(step);
    }

    /**
     * Records the run's end. A run that no longer holds the lease it took with {@code leaseToken} and did not
     * complete ends INTERRUPTED, whatever stopped it: another run has taken over since.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finish(long runId, RunReport report, Long leaseToken) {
        if (leaseToken != null && report.outcome() != SyncOutcome.SUCCEEDED
                && report.outcome() != SyncOutcome.INTERRUPTED && !lease.holdsToken(leaseToken)) {
            report.interrupted("This run lost the sync lease before it ended"
                    + (report.errorText() == null ? "" : ": " + report.errorText()));
        }
        SyncRun run = em.find(SyncRun.class, runId);
        report.applyTo(run);
        run.finish(report.outcome(), now(), report.errorCode(), report.errorText());
    }

    /**
     * Marks runs that can no longer be going on as interrupted: every RUNNING run but the one holding the live lease
     * (while a lease is held but not yet tied to its run, the run being created is spared).
     *
     * <p>The runs are read first and the lease after them. A run creates its record after taking the lease and gives
     * the lease back only after its record is finished, so a run seen RUNNING that is still going on holds the lease
     * at the later read, or has finished by then; and each run is marked only while it is still RUNNING. Reading the
     * lease first would let a run that starts between the two reads be marked while it is going on.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int markInterrupted() {
        List<Object[]> running = em.createQuery("SELECT r.id, r.instanceName, r.currentStep FROM SyncRun r "
                + "WHERE r.outcome = :running", Object[].class).setParameter("running", SyncOutcome.RUNNING)
                .getResultList();
        if (running.isEmpty()) {
            return 0;
        }
        Optional<SyncLeaseRepository.Holder> liveLease = lease.current();
        int marked = 0;
        for (Object[] run : running) {
            Long id = (Long) run[0];
            boolean live = liveLease.isPresent()
                    && (liveLease.get().runId() == null || liveLease.get().runId().equals(id));
            if (!live) {
                int done = em.createQuery("UPDATE SyncRun r SET r.outcome = :interrupted, r.endedAt = :now, "
                        + "r.errorText = :text, r.currentStep = NULL WHERE r.id = :id AND r.outcome = :running")
                        .setParameter("interrupted", SyncOutcome.INTERRUPTED).setParameter("now", now())
                        .setParameter("text", "The run was cut off: instance " + run[1] + " stopped or crashed during"
                                + " the step '" + (run[2] == null ? "start" : run[2]) + "'")
                        .setParameter("id", id).setParameter("running", SyncOutcome.RUNNING).executeUpdate();
                if (done == 1) {
                    // What the judgement rested on, for whoever must tell a crash from a lease given back too early.
                    LOG.warning(() -> "Sync run " + id + " of instance " + run[1] + " is marked interrupted: it is not "
                            + "the run of the live sync lease (" + liveLease.map(h -> "held by " + h.holder()
                                    + " for run " + h.runId() + " until " + h.expiresAt()).orElse("free or expired")
                            + ")");
                }
                marked += done;
            }
        }
        return marked;
    }

    public Optional<SyncRun> find(long id) {
        return Optional.ofNullable(em.find(SyncRun.class, id));
    }

    /** What a run pushed, as stored, each list cut to its first {@code chars} characters in the database. */
    public record PushedPreview(String added, boolean addedCut, String group, boolean groupCut) {
    }

    public Optional<PushedPreview> pushedPreview(long id, int chars) {
        List<Object[]> rows = em.createQuery("SELECT SUBSTRING(r.pushedAdded, 1, :n), LENGTH(r.pushedAdded), "
                + "SUBSTRING(r.pushedGroup, 1, :n), LENGTH(r.pushedGroup) FROM SyncRun r WHERE r.id = :id",
                Object[].class).setParameter("n", chars).setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(r -> new PushedPreview((String) r[0], longer(r[1], chars),
                (String) r[2], longer(r[3], chars)));
    }

    private static boolean longer(Object length, int chars) {
        return length != null && ((Number) length).longValue() > chars;
    }

    public List<RunSummary> newestFirst(int first, int max) {
        return em.createQuery(RunSummary.SELECT + " ORDER BY r.startedAt DESC, r.id DESC", RunSummary.class)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public Optional<RunSummary> summary(long id) {
        return em.createQuery(RunSummary.SELECT + " WHERE r.id = :id", RunSummary.class).setParameter("id", id)
                .getResultStream().findFirst();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(r) FROM SyncRun r", Long.class).getSingleResult();
    }

    public Optional<OffsetDateTime> lastStart() {
        return Optional.ofNullable(em.createQuery("SELECT MAX(r.startedAt) FROM SyncRun r", OffsetDateTime.class)
                .getSingleResult());
    }

    /** The resume time of the newest run when it paused; reads two columns, not the run's pushed range lists. */
    public Optional<OffsetDateTime> pausedUntil() {
        return em.createQuery("SELECT r.outcome, r.resumeAt FROM SyncRun r ORDER BY r.startedAt DESC, r.id DESC",
                Object[].class).setMaxResults(1).getResultStream().findFirst()
                .filter(row -> row[0] == SyncOutcome.PAUSED).map(row -> (OffsetDateTime) row[1]);
    }

    /** @see SyncStore#lastHeldOrSucceeded() */
    public Optional<SyncRun> lastHeldOrSucceeded() {
        return em.createQuery("SELECT r FROM SyncRun r WHERE r.outcome IN (:held, :ok) ORDER BY r.startedAt DESC,"
                + " r.id DESC", SyncRun.class).setParameter("held", SyncOutcome.HELD)
                .setParameter("ok", SyncOutcome.SUCCEEDED).setMaxResults(1).getResultStream().findFirst();
    }

    /**
     * Records that {@code user} accepts the held result of run {@code id}, if it is still the newest run that held or
     * applied anything (an older held result has been overtaken).
     *
     * @return the run accepted, empty when there is no such held run
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<SyncRun> acceptHeld(String user) {
        Optional<SyncRun> held = lastHeldOrSucceeded().filter(r -> r.getOutcome() == SyncOutcome.HELD);
        held.ifPresent(r -> r.accepted(user, now()));
        return held;
    }

    public Optional<SyncRun> lastFinished() {
        return em.createQuery("SELECT r FROM SyncRun r WHERE r.outcome <> :running ORDER BY r.startedAt DESC, r.id DESC",
                SyncRun.class).setParameter("running", SyncOutcome.RUNNING).setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** The database's time, as the lease goes by: an instance's clock may be off. */
    private OffsetDateTime now() {
        return lease.databaseNow();
    }

    /** The set sizes one successful run recorded. */
    public record RecordedCounts(OffsetDateTime endedAt, Long indexed, BigInteger subscribed, Long scanned,
            BigInteger discovered, Long managed, Long stale, Long unmanagedByQualys) {
    }

    /**
     * The set sizes the successful runs that have ended recorded, newest end first, at most {@code max}. Only these
     * columns: a run's pushed address lists are tens of megabytes at a million hosts, and the dashboard asks on every
     * view (loading whole runs ran a 512 MiB server out of heap under 50 users).
     */
    public List<RecordedCounts> succeededCountsNewestFirst(int max) {
        return em.createQuery("SELECT r.endedAt, r.countIndexed, r.countSubscribed, r.countScanned,"
                + " r.countDiscovered, r.countManaged, r.countStale, r.countUnmanagedByQualys FROM SyncRun r WHERE r.outcome = :ok AND r.endedAt IS NOT NULL"
                + " ORDER BY r.endedAt DESC, r.id DESC", Object[].class).setParameter("ok", SyncOutcome.SUCCEEDED)
                .setMaxResults(max).getResultStream()
                .map(r -> new RecordedCounts((OffsetDateTime) r[0], (Long) r[1], (BigInteger) r[2], (Long) r[3],
                        (BigInteger) r[4], (Long) r[5], (Long) r[6], (Long) r[7]))
                .toList();
    }

    /** When the newest successful run ended. */
    public Optional<OffsetDateTime> lastSuccessEnd() {
        return Optional.ofNullable(em.createQuery("SELECT MAX(r.endedAt) FROM SyncRun r WHERE r.outcome = :ok",
                OffsetDateTime.class).setParameter("ok", SyncOutcome.SUCCEEDED).getSingleResult());
    }

    /** The runs of one outcome: how many, and their Qualys calls and seconds waited on limits summed. */
    public record OutcomeTotals(SyncOutcome outcome, long runs, long qualysCalls, long qualysWaitSeconds) {
    }

    public List<OutcomeTotals> totalsByOutcome() {
        return em.createQuery("SELECT r.outcome, COUNT(r), SUM(r.qualysCalls), SUM(r.qualysWaitSeconds) "
                + "FROM SyncRun r GROUP BY r.outcome", Object[].class).getResultList().stream()
                .map(row -> new OutcomeTotals((SyncOutcome) row[0], ((Number) row[1]).longValue(), sum(row[2]),
                        sum(row[3])))
                .toList();
    }

    private static long sum(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
