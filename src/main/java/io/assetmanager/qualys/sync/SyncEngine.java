package io.assetmanager.qualys.sync;

import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.api.QualysHostSink;
import io.assetmanager.qualys.settings.QualysSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts and does sync runs, step by step as DESIGN.md section 2 says, under the lease that lets one run go at a
 * time across instances. Plain Java: Qualys and the database are behind {@link QualysGateway} and {@link SyncStore}.
 */
public final class SyncEngine {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class.getName());
    static final int STAGE_BATCH = 5_000;

    private final SyncStore store;
    private final QualysGateway.Opener qualys;
    private final LongSupplier nanoTime;
    private final String instanceName;
    private final Duration leaseTtl;
    private final DatabaseRetry retry;
    private final Function<Throwable, String> describe;

    /**
     * @param nanoTime  a monotonic clock for the step timings
     * @param retry     repeats the writes that end a run
     * @param describe  the text a failure other than a Qualys error leaves in the run record
     */
    SyncEngine(SyncStore store, QualysGateway.Opener qualys, LongSupplier nanoTime, String instanceName,
            Duration leaseTtl, DatabaseRetry retry, Function<Throwable, String> describe) {
        this.store = store;
        this.qualys = qualys;
        this.nanoTime = nanoTime;
        this.instanceName = instanceName;
        this.leaseTtl = leaseTtl;
        this.retry = retry;
        this.describe = describe;
    }

    /** A run that holds the lease and has its record; {@link #execute} does the work. */
    public record Started(long runId, String leaseHolder) {
    }

    /**
     * Takes the lease and opens the run record of a run an admin asked for.
     *
     * @throws SyncRefusedException while the integration is Off, or saying who runs since when when a run is going
     *         on anywhere
     */
    public Started startManual(String user) throws SyncRefusedException {
        if (!store.settings().isEnabled()) {
            throw new SyncRefusedException("The Qualys integration is Off: switch it On in Settings > Integrations > "
                    + "Qualys to run it.");
        }
        return start(SyncTrigger.MANUAL, user);
    }

    /**
     * Takes the lease and opens the run record.
     *
     * @throws SyncRefusedException saying who runs since when, when another run holds the lease
     */
    public Started start(SyncTrigger trigger, String user) throws SyncRefusedException {
        return startIf(trigger, user, () -> true).orElseThrow();
    }

    /**
     * Takes the lease, then opens the run record only if {@code stillDue} holds with the lease held; otherwise gives
     * the lease back and starts nothing. Every run records its start while it holds the lease, so once this one holds
     * it the history is final: a run another instance started and finished after the caller judged a run due (the
     * lease then free again) is seen here, and the interval does not get a second run.
     *
     * @throws SyncRefusedException saying who runs since when, when another run holds the lease
     */
    public Optional<Started> startIf(SyncTrigger trigger, String user, BooleanSupplier stillDue)
            throws SyncRefusedException {
        String holder = instanceName + "#" + UUID.randomUUID().toString().substring(0, 8);
        if (!store.tryAcquireLease(holder, leaseTtl)) {
            throw new SyncRefusedException(busyMessage());
        }
        try {
            if (!stillDue.getAsBoolean()) {
                store.releaseLease(holder);
                return Optional.empty();
            }
            long runId = store.startRun(trigger, user, instanceName);
            store.attachRun(holder, runId);
            return Optional.of(new Started(runId, holder));
        } catch (RuntimeException e) {
            store.releaseLease(holder);
            throw e;
        }
    }

    private String busyMessage() {
        Optional<SyncRun> run = store.lease().map(SyncLeaseRepository.Holder::runId).flatMap(store::run);
        if (run.isEmpty()) {
            return "A sync run is already starting; try again in a moment.";
        }
        SyncRun r = run.get();
        return "A sync run is already in progress: " + r.startedDescription()
                + (r.getCurrentStep() == null ? "" : " (" + r.getCurrentStep() + ")") + ".";
    }

    /**
     * Does the run and records how it went; never throws. The run record is finished and the lease given back even
     * when the database was unreachable for a moment (those writes are repeated); if the database stays away longer,
     * the lease expires and the next tick marks the run interrupted.
     */
    public void execute(Started started) {
        Run run = new Run(started);
        try {
            run.go();
        } catch (QualysException e) {
            if (e instanceof QualysException.BadCredentials) {
                markCredentialsRejected(started);
            }
            run.report.failed(e.qualysCode().map(String::valueOf).orElse(null), e.getMessage());
            LOG.warning(() -> "Sync run " + started.runId() + " failed: " + e.getMessage());
        } catch (Exception | LinkageError e) {
            run.report.failed(null, describe.apply(e));
            LOG.log(Level.WARNING, "Sync run " + started.runId() + " failed", e);
        } finally {
            run.finish();
        }
    }

    /** Closes a run that will never be executed (the background executor refused it): failed, lease given back. */
    public void abandon(Started started, String reason) {
        RunReport report = new RunReport();
        report.failed(null, reason);
        finish(started, report);
    }

    private void markCredentialsRejected(Started started) {
        try {
            store.markCredentialsRejected();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sync run " + started.runId() + " could not mark the credentials as refused", e);
        }
    }

    private void finish(Started started, RunReport report) {
        try {
            retry.run(() -> store.finishRun(started.runId(), report));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Sync run " + started.runId() + " could not record its end; it will be marked"
                    + " interrupted once its lease expires", e);
        } finally {
            try {
                retry.run(() -> store.releaseLease(started.leaseHolder()));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Sync run " + started.runId() + " could not give the lease back; it expires "
                        + leaseTtl.toSeconds() + " s after the last heartbeat", e);
            }
        }
    }

    /** The state of one run while it goes. */
    private final class Run {
        private final Started started;
        private final RunReport report = new RunReport();
        private QualysGateway client;
        private String step;
        private long stepStart;

        Run(Started started) {
            this.started = started;
        }

        void go() throws QualysException {
            QualysSettings settings = store.settings();
            IpRangeSet exclusions = IpRangeSet.parseList(settings.getExclusions());
            step("Loading the inventory");
            InventoryRepository.AddressSnapshot indexed = store.indexed();
            report.indexed(indexed.rows());

            client = qualys.open(settings);
            step("Fetching the subscription from Qualys");
            IpRangeSet subscribed = client.listSubscribedIps();
            report.subscribed(subscribed.size());

            step("Fetching the scanned hosts from Qualys");
            store.clearStaging();
            HostStager stager = new HostStager();
            long hosts = client.listHosts(stager);
            stager.flush();
            IpRangeSet scanned = stager.addresses.build();
            report.scanned(hosts);
            report.managed(indexed.addresses().intersection(scanned).size().longValueExact());

            step("Storing the Qualys snapshot");
            store.replaceSnapshot(subscribed);

            step("Checking the DISCOVERED asset group");
            long groupId = ensureGroup(settings.getAssetGroupTitle());

            IpRangeSet subscribedNow = subscribed;
            if (settings.isAutoSubscribe()) {
                Reconciliation.AddPlan plan = Reconciliation.planAdd(indexed.addresses(), subscribed, exclusions,
                        settings.getMaxAddPerRun());
                report.added(plan.toAdd().size(), plan.capped(), plan.toAdd().toString());
                if (!plan.toAdd().isEmpty()) {
                    step("Adding " + plan.toAdd().size() + " IPs to the Qualys subscription");
                    client.addIps(plan.toAdd());
                    step("Fetching the subscription again");
                    subscribedNow = client.listSubscribedIps();
                    store.replaceSubscribed(subscribedNow);
                    report.subscribed(subscribedNow.size());
                }
            }
            IpRangeSet discovered = Reconciliation.discovered(settings.isAutoSubscribe(), indexed.addresses(),
                    subscribedNow, scanned);
            step("Setting the DISCOVERED asset group");
            client.replaceAssetGroupIps(groupId, discovered);
            store.groupPushed(discovered);
            report.discovered(discovered.size(), discovered.toString());
            if (settings.isCredentialsRejected()) {
                // Qualys accepted these credentials after all: the timer may use them again.
                store.clearCredentialsRejected(settings);
            }
            report.succeeded();
        }

        private long ensureGroup(String title) throws QualysException {
            Optional<DiscoveredGroup> known = store.group();
            if (known.isPresent() && known.get().getQualysId() != null && title.equals(known.get().getTitle())) {
                // Same ID and same title: an ID alone could name another group after the server was changed.
                if (client.findAssetGroupById(known.get().getQualysId()).filter(g -> title.equals(g.title())).isPresent()) {
                    store.groupVerified();
                    return known.get().getQualysId();
                }
                report.groupRecreated();
            }
            // First run, a new title, or the group vanished: adopt a group of that title, else create one.
            Optional<AssetGroup> byTitle = client.findAssetGroupByTitle(title);
            long id = byTitle.isPresent() ? byTitle.get().id() : client.createAssetGroup(title);
            store.adoptGroup(id, title);
            return id;
        }

        void step(String name) {
            endStep();
            step = name;
            stepStart = nanoTime.getAsLong();
            heartbeat();
            store.step(started.runId(), name);
        }

        private void endStep() {
            if (step != null) {
                report.step(step, (nanoTime.getAsLong() - stepStart) / 1_000_000);
                step = null;
            }
        }

        void heartbeat() {
            if (!store.heartbeat(started.leaseHolder(), leaseTtl)) {
                throw new IllegalStateException("This run lost its lease (no heartbeat for "
                        + leaseTtl.toSeconds() + " s); it stops so that runs never overlap");
            }
        }

        void finish() {
            endStep();
            if (client != null) {
                report.qualysUsage((int) client.callCount(), client.waitedSeconds());
                client.close();
            }
            SyncEngine.this.finish(started, report);
        }

        /**
         * Streams hosts into the staging table in batches and keeps only their addresses, as a range set. Renews the
         * lease at most every tenth of its time to live (the step renewed it when it began): once per batch was 200
         * commits a run at a million hosts.
         */
        private final class HostStager implements QualysHostSink {
            private final List<QualysHost> batch = new ArrayList<>(STAGE_BATCH);
            private final IpRangeSet.Builder addresses = IpRangeSet.builder();
            private long lastHeartbeat = nanoTime.getAsLong();

            @Override
            public void accept(QualysHost host) {
                if (host.ip() == null) {
                    // Agent-tracked hosts can lack an address: nothing to compare or push.
                    return;
                }
                addresses.add(host.ip());
                batch.add(host);
                if (batch.size() == STAGE_BATCH) {
                    flush();
                }
            }

            void flush() {
                if (!batch.isEmpty()) {
                    store.stage(batch);
                    batch.clear();
                    long now = nanoTime.getAsLong();
                    if (now - lastHeartbeat >= leaseTtl.toNanos() / 10) {
                        heartbeat();
                        lastHeartbeat = now;
                    }
                }
            }
        }
    }
}
