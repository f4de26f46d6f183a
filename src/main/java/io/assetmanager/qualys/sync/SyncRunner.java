package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.DeploymentProperties;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.HostListSummary;
import io.assetmanager.qualys.api.QualysClient;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.api.QualysHostSink;
import io.assetmanager.qualys.settings.QualysConnections;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One sync run, step by step as DESIGN.md section 2 says. Runs outside any transaction (a run takes minutes);
 * each write goes through {@link SnapshotRepository} or {@link SyncRunRepository} in its own short one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class.getName());
    private static final int STAGE_BATCH = 5_000;

    @Inject
    private SyncLeaseRepository lease;
    @Inject
    private SyncRunRepository history;
    @Inject
    private SnapshotRepository store;
    @Inject
    private QualysSettingsRepository settingsRepository;
    @Inject
    private QualysConnections connections;

    /** A run that holds the lease and has its record; {@link #execute} does the work. */
    public record Started(long runId, String leaseHolder) {
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
        String holder = DeploymentProperties.instanceName() + "#" + UUID.randomUUID().toString().substring(0, 8);
        if (!lease.tryAcquire(holder, DeploymentProperties.syncLeaseTtl())) {
            throw new SyncRefusedException(busyMessage());
        }
        try {
            if (!stillDue.getAsBoolean()) {
                lease.release(holder);
                return Optional.empty();
            }
            long runId = history.start(trigger, user, DeploymentProperties.instanceName());
            lease.attachRun(holder, runId);
            return Optional.of(new Started(runId, holder));
        } catch (RuntimeException e) {
            lease.release(holder);
            throw e;
        }
    }

    private String busyMessage() {
        Optional<SyncLeaseRepository.Holder> holder = lease.current();
        Optional<SyncRun> run = holder.map(SyncLeaseRepository.Holder::runId).flatMap(history::find);
        if (run.isEmpty()) {
            return "A sync run is already starting; try again in a moment.";
        }
        SyncRun r = run.get();
        String who = r.getTrigger() == SyncTrigger.TIMER ? "the polling timer" : r.getTriggeredBy();
        return "A sync run is already in progress: started by " + who + " at "
                + r.getStartedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on " + r.getInstanceName()
                + (r.getCurrentStep() == null ? "" : " (" + r.getCurrentStep() + ")") + ".";
    }

    /**
     * Does the run and records how it went; never throws. The run record is finished and the lease given back even
     * when the database was unreachable for a moment (those writes are repeated for up to a minute); if the database
     * stays away longer, the lease expires and the next tick marks the run interrupted.
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
            run.report.failed(null, describe(e));
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
            settingsRepository.markCredentialsRejected();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sync run " + started.runId() + " could not mark the credentials as refused", e);
        }
    }

    private void finish(Started started, RunReport report) {
        DatabaseRetry retry = DatabaseRetry.standard();
        try {
            retry.run(() -> history.finish(started.runId(), report));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Sync run " + started.runId() + " could not record its end; it will be marked"
                    + " interrupted once its lease expires", e);
        } finally {
            try {
                retry.run(() -> lease.release(started.leaseHolder()));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Sync run " + started.runId() + " could not give the lease back; it expires "
                        + DeploymentProperties.syncLeaseTtl().toSeconds() + " s after the last heartbeat", e);
            }
        }
    }

    /** The message of the first cause that is not a container wrapper, with its own cause's message when it adds to it. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t instanceof jakarta.ejb.EJBException
                || t instanceof jakarta.transaction.RollbackException || t.getMessage() == null)) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t.getCause() != null && t.getCause().getMessage() != null && !message.contains(t.getCause().getMessage())
                ? message + " (" + t.getCause().getMessage() + ")" : message;
    }

    /** The state of one run while it goes. */
    private final class Run {
        private final Started started;
        private final RunReport report = new RunReport();
        private QualysClient client;
        private String step;
        private long stepStart;

        Run(Started started) {
            this.started = started;
        }

        void go() throws QualysException {
            QualysSettings settings = settingsRepository.current();
            IpRangeSet exclusions = IpRangeSet.parseList(settings.getExclusions());
            step("Loading the inventory");
            SnapshotRepository.AddressSnapshot indexed = store.loadIndexed();
            report.indexed(indexed.rows());

            client = connections.open(settings);
            step("Fetching the subscription from Qualys");
            IpRangeSet subscribed = client.listSubscribedIps();
            report.subscribed(subscribed.size());

            step("Fetching the scanned hosts from Qualys");
            store.clearStaging();
            HostStager stager = new HostStager();
            HostListSummary hosts = client.listHosts(stager);
            stager.flush();
            IpRangeSet scanned = stager.addresses.build();
            report.scanned(hosts.hosts());
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
                settingsRepository.clearCredentialsRejected(settings);
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
            long id = byTitle.isPresent() ? byTitle.get().id() : client.createAssetGroup(title, IpRangeSet.empty());
            store.adoptGroup(id, title);
            return id;
        }

        void step(String name) {
            endStep();
            step = name;
            stepStart = System.nanoTime();
            heartbeat();
            history.step(started.runId(), name);
        }

        private void endStep() {
            if (step != null) {
                report.step(step, (System.nanoTime() - stepStart) / 1_000_000);
                step = null;
            }
        }

        void heartbeat() {
            if (!lease.heartbeat(started.leaseHolder(), DeploymentProperties.syncLeaseTtl())) {
                throw new IllegalStateException("This run lost its lease (no heartbeat for "
                        + DeploymentProperties.syncLeaseTtl().toSeconds() + " s); it stops so that runs never overlap");
            }
        }

        void finish() {
            endStep();
            if (client != null) {
                report.qualysUsage((int) client.callCount(), client.waitedSeconds());
                client.close();
            }
            SyncRunner.this.finish(started, report);
        }

        /** Streams hosts into the staging table in batches and keeps only their addresses, as a range set. */
        private final class HostStager implements QualysHostSink {
            private final List<QualysHost> batch = new ArrayList<>(STAGE_BATCH);
            private final IpRangeSet.Builder addresses = IpRangeSet.builder();

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
                    heartbeat();
                }
            }
        }
    }

    /** What the next run would add and set, from the stored snapshot and the inventory; calls no Qualys API. */
    public Preview preview() {
        QualysSettings settings = settingsRepository.current();
        IpRangeSet indexed = store.loadIndexed().addresses();
        IpRangeSet subscribed = store.loadSubscribed();
        IpRangeSet scanned = store.loadScanned().addresses();
        Reconciliation.AddPlan plan = settings.isAutoSubscribe()
                ? Reconciliation.planAdd(indexed, subscribed, IpRangeSet.parseList(settings.getExclusions()),
                settings.getMaxAddPerRun())
                : null;
        IpRangeSet subscribedAfter = plan == null ? subscribed : subscribed.union(plan.toAdd());
        return new Preview(settings.isAutoSubscribe(), plan,
                Reconciliation.discovered(settings.isAutoSubscribe(), indexed, subscribedAfter, scanned));
    }

    /** The preview of the next run; {@code add} is null with Auto-Subscribe off. */
    public record Preview(boolean autoSubscribe, Reconciliation.AddPlan add, IpRangeSet discovered) {
    }

}
