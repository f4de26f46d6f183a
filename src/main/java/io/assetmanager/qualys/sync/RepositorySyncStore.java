package io.assetmanager.qualys.sync;

import io.assetmanager.counts.RunSets;
import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZoneMapping;
import io.assetmanager.qualys.zones.ZoneSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The sync's store on the database, through the repositories (their transaction attributes apply). One per run: it
 * remembers the stored scanned hosts from {@link #clearStaging()} on, so that only the hosts Qualys reports
 * differently are staged and rewritten, and the ones it no longer lists are deleted. Changed hosts are staged
 * {@value #STAGE_ROWS} at a time: one COPY each, few transactions when a first run stages a million hosts. The
 * COPYs run in a second thread (one per run) while the run reads on: the host list and the database work at once (a
 * first run at a million hosts stages them all). One COPY at a time, so the heap holds two batches at most.
 */
final class RepositorySyncStore implements SyncStore {

    /** Hosts written or removed from which on the Qualys table's planner statistics are refreshed after the commit. */
    private static final int ANALYZE_AFTER_HOSTS = 10_000;

    static final int STAGE_ROWS = 50_000;

    private final SnapshotRepository snapshots;
    private final SyncRunRepository history;
    private final SyncLeaseRepository lease;
    private final QualysSettingsRepository settings;
    private final ApprovalRepository approvals;
    private final ZoneRepository zones;
    private final InventoryRepository inventory;
    private KnownScannedHosts known;
    /** Hosts staged since {@link #clearStaging()}. */
    private long stagedHosts;
    private List<QualysHost> changed = new ArrayList<>();
    /**
     * The digest of each of {@link #changed}, worked out once: working it out again for the COPY was a tenth of the
     * CPU of reading the host list.
     */
    private long[] changedDigests = new long[1024];
    private final ThreadFactory threads;
    /** Changed hosts per COPY ({@value #STAGE_ROWS}; tests stage fewer). */
    private final int stageRows;
    /** The thread that stages, from the first COPY to {@link #endStaging()}. */
    private ExecutorService stager;
    /** The COPY in flight, if any. */
    private Future<?> staging;
    /** The run's lease token, checked by each of its writes once {@link #fence} set it. */
    private Long leaseToken;

    RepositorySyncStore(SnapshotRepository snapshots, SyncRunRepository history, SyncLeaseRepository lease,
            QualysSettingsRepository settings, ApprovalRepository approvals, ZoneRepository zones,
            InventoryRepository inventory, ThreadFactory threads) {
        this(snapshots, history, lease, settings, approvals, zones, inventory, threads, STAGE_ROWS);
    }

    RepositorySyncStore(SnapshotRepository snapshots, SyncRunRepository history, SyncLeaseRepository lease,
            QualysSettingsRepository settings, ApprovalRepository approvals, ZoneRepository zones,
            InventoryRepository inventory, ThreadFactory threads, int stageRows) {
        this.threads = threads;
        this.stageRows = stageRows;
        this.approvals = approvals;
        this.zones = zones;
        this.inventory = inventory;
        this.snapshots = snapshots;
        this.history = history;
        this.lease = lease;
        this.settings = settings;
    }

    @Override
    public QualysSettings settings() {
        return settings.current();
    }

    @Override
    public void markCredentialsRejected() {
        settings.markCredentialsRejected();
    }

    @Override
    public void clearCredentialsRejected(QualysSettings used) {
        settings.clearCredentialsRejected(used);
    }

    @Override
    public InventoryRepository.AddressSnapshot indexed() {
        return snapshots.loadIndexed();
    }

    @Override
    public void clearStaging() {
        snapshots.clearStaging(leaseToken);
        changed.clear();
        stagedHosts = 0;
        known = snapshots.loadKnownScanned();
    }

    @Override
    public void stage(List<QualysHost> hosts) {
        for (QualysHost h : hosts) {
            long digest = KnownScannedHosts.digest(h);
            if (!known().unchanged(h.id(), digest)) {
                if (changed.size() == changedDigests.length) {
                    changedDigests = Arrays.copyOf(changedDigests, changedDigests.length * 2);
                }
                changedDigests[changed.size()] = digest;
                changed.add(h);
            }
        }
        if (changed.size() >= stageRows) {
            stageChanged();
        }
    }

    private void stageChanged() {
        if (changed.isEmpty()) {
            return;
        }
        awaitStaged();
        List<QualysHost> batch = changed;
        long[] digests = Arrays.copyOf(changedDigests, batch.size());
        changed = new ArrayList<>();
        Long token = leaseToken;
        if (stager == null) {
            stager = Executors.newSingleThreadExecutor(threads);
        }
        staging = stager.submit(() -> snapshots.stage(batch, digests, token));
        stagedHosts += batch.size();
    }

    /** Waits for the COPY in flight; its failure is this run's (a lease lost, the database gone). */
    private void awaitStaged() {
        Future<?> f = staging;
        staging = null;
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false);
            throw new IllegalStateException("Interrupted while the Qualys host list was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void endStaging() {
        try {
            awaitStaged();
        } finally {
            if (stager != null) {
                stager.shutdown();
                stager = null;
            }
        }
    }

    @Override
    public void replaceSnapshot(IpRangeSet subscribed, RunSets sets) {
        stageChanged();
        endStaging();
        long[] vanished = known().vanished();
        snapshots.replaceSnapshot(subscribed, vanished, leaseToken, sets);
        if (stagedHosts + vanished.length >= ANALYZE_AFTER_HOSTS) {
            // After the commit, outside the counts row: the lists plan with the new table, not the old statistics
            // (a first run fills an empty table), without waiting for autovacuum.
            snapshots.analyze();
        }
        known = null;
    }

    private KnownScannedHosts known() {
        if (known == null) {
            throw new IllegalStateException("clearStaging() comes first: it reads the stored hosts to compare with");
        }
        return known;
    }

    @Override
    public void replaceSubscribed(IpRangeSet subscribed, RunSets sets) {
        snapshots.replaceSubscribed(subscribed, leaseToken, sets);
    }

    @Override
    public IpRangeSet approved() {
        return approvals.approved();
    }

    @Override
    public Reconciliation.Approvals approvalsAfterRun(IpRangeSet allowed, IpRangeSet added) {
        return approvals.afterRun(allowed, added, leaseToken);
    }

    @Override
    public ZoneSettings zoneSettings() {
        return zones.settings();
    }

    @Override
    public List<String> zones() {
        return inventory.zoneNames();
    }

    @Override
    public InventoryRepository.AddressSnapshot indexedInZone(String zone) {
        return inventory.addressSnapshot(zone);
    }

    @Override
    public List<ZoneGroup> zoneGroups() {
        return zones.groups();
    }

    @Override
    public void zoneGroupRecorded(String zone, long qualysId, String title, ZoneMapping mapping) {
        zones.recordGroup(zone, qualysId, title, mapping, OffsetDateTime.now(java.time.ZoneOffset.UTC), leaseToken);
    }

    @Override
    public void zoneApplianceSet(String zone, Long applianceId) {
        zones.applianceSet(zone, applianceId, leaseToken);
    }

    @Override
    public void zoneGroupRenamed(String zone, String title) {
        zones.renameGroup(zone, title, leaseToken);
    }

    @Override
    public void zoneGroupPushed(String zone, IpRangeSet ips) {
        zones.groupPushed(zone, ips, OffsetDateTime.now(java.time.ZoneOffset.UTC), leaseToken);
    }

    @Override
    public void zoneGroupForgotten(String zone) {
        zones.forgetGroup(zone, leaseToken);
    }

    @Override
    public void zoneOrphans(Set<String> inUse) {
        zones.markOrphans(inUse, OffsetDateTime.now(java.time.ZoneOffset.UTC), leaseToken);
    }

    @Override
    public Optional<DiscoveredGroup> group() {
        return snapshots.group();
    }

    @Override
    public void adoptGroup(long qualysId, String title) {
        snapshots.adoptGroup(qualysId, title, leaseToken);
    }

    @Override
    public void groupVerified() {
        snapshots.groupVerified(leaseToken);
    }

    @Override
    public void groupPushed(IpRangeSet ips) {
        snapshots.groupPushed(ips, leaseToken);
    }

    @Override
    public OptionalLong tryAcquireLease(String holder, Duration ttl) {
        return lease.tryAcquire(holder, ttl);
    }

    @Override
    public void fence(long token) {
        leaseToken = token;
    }

    @Override
    public void attachRun(String holder, long runId) {
        lease.attachRun(holder, runId);
    }

    @Override
    public boolean heartbeat(String holder, Duration ttl) {
        return lease.heartbeat(holder, ttl);
    }

    @Override
    public void releaseLease(String holder) {
        lease.release(holder);
    }

    @Override
    public Optional<SyncLeaseRepository.Holder> lease() {
        return lease.current();
    }

    @Override
    public long startRun(SyncTrigger trigger, String user, String instance) {
        return history.start(trigger, user, instance);
    }

    @Override
    public void step(long runId, String step) {
        history.step(runId, step, leaseToken);
    }

    @Override
    public void finishRun(long runId, RunReport report) {
        history.finish(runId, report, leaseToken);
    }

    @Override
    public Optional<SyncRun> run(long id) {
        return history.find(id);
    }

    @Override
    public Optional<OffsetDateTime> pausedUntil() {
        return history.pausedUntil();
    }

    @Override
    public IpRangeSet storedScanned() {
        return snapshots.loadScanned();
    }

    @Override
    public IpRangeSet storedFresh(Instant since) {
        return snapshots.loadFresh(since);
    }

    @Override
    public IpRangeSet storedSubscribed() {
        return read("the stored Qualys subscription", snapshots::loadSubscribed);
    }

    @Override
    public Optional<SyncRun> lastHeldOrSucceeded() {
        return read("the last held or successful run", history::lastHeldOrSucceeded);
    }

    /** A read the hold rule needs, failing with a message that names it when the database cannot answer. */
    private static <T> T read(String what, java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            // A JPA or EJB exception, whose message names only the SQL.
            throw new IllegalStateException("Cannot read the database (" + what + "): " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<OffsetDateTime> lastStart() {
        return history.lastStart();
    }
}
