package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.DeploymentProperties;
import io.assetmanager.qualys.api.RequestSizes;
import io.assetmanager.qualys.settings.QualysConnections;
import io.assetmanager.qualys.settings.AutoSubscribe;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.zones.ZonePlan;
import io.assetmanager.qualys.zones.ZoneSettings;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The {@link SyncEngine} wired to the container: the repositories as its store, {@link QualysConnections} as its
 * Qualys. Runs outside any transaction (a run takes minutes); each write goes through a repository in its own short
 * one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncRunner {

    @Inject
    private SyncLeaseRepository lease;
    @Inject
    private SyncRunRepository history;
    @Inject
    private SnapshotRepository snapshots;
    @Inject
    private QualysSettingsRepository settingsRepository;
    @Inject
    private QualysConnections connections;
    @Inject
    private ApprovalRepository approvals;
    @Inject
    private ZoneRepository zones;
    @Inject
    private io.assetmanager.inventory.InventoryRepository inventory;
    @Inject
    private jakarta.enterprise.event.Event<SyncRunFinished> finished;
    /** The thread that stages a run's hosts while it reads on. */
    @Resource
    private ManagedThreadFactory threads;

    SyncStore store() {
        return new RepositorySyncStore(snapshots, history, lease, settingsRepository, approvals, zones, inventory,
                threads);
    }

    private SyncEngine engine() {
        return new SyncEngine(store(), settings -> new QualysClientGateway(connections.open(settings)), System::nanoTime,
                DeploymentProperties.instanceName(), DeploymentProperties.syncLeaseTtl(), DatabaseRetry.standard(),
                SyncRunner::describe, databaseClock());
    }

    /** When runs are due, by the history in the database and the database's clock. */
    public SyncSchedule schedule() {
        return new SyncSchedule(store(), databaseClock(), DeploymentProperties.intervalUnit());
    }

    private Clock databaseClock() {
        return new DatabaseClock(lease::databaseNow);
    }

    /** @see SyncEngine#startManual */
    public SyncEngine.Started startManual(String user) throws SyncRefusedException {
        return engine().startManual(user);
    }

    /** @see SyncEngine#startIf */
    public Optional<SyncEngine.Started> startIf(SyncTrigger trigger, String user, BooleanSupplier stillDue)
            throws SyncRefusedException {
        return engine().startIf(trigger, user, stillDue);
    }

    /** @see SyncEngine#execute */
    public void execute(SyncEngine.Started started) {
        engine().execute(started);
        finished.fire(new SyncRunFinished(started.runId()));
    }

    /** @see SyncEngine#abandon */
    public void abandon(SyncEngine.Started started, String reason) {
        engine().abandon(started, reason);
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

    /**
     * What the next run would add and set, and the Qualys calls it would make, from the stored snapshot and the
     * inventory; calls no Qualys API.
     */
    public Reconciliation.Preview preview() {
        QualysSettings settings = settingsRepository.current();
        return preview(settings.getAutoSubscribe(), settings.getExclusions(), settings.getMaxAddPerRun(),
                settings.getStaleAfterDays(), settings.isStaleJoinDiscovered());
    }

    /**
     * The preview with settings that may not be saved (the settings page's form as it is): Auto-Subscribe, the
     * exclusions (checked lines), the cap per run, "Stale after" and whether stale hosts join the group. Scans are
     * judged stale as the next run judges them: by the database's clock now.
     */
    public Reconciliation.Preview preview(AutoSubscribe autoSubscribe, String exclusions, int maxAddPerRun,
            int staleAfterDays, boolean staleJoinDiscovered) {
        IpRangeSet scanned = snapshots.loadScanned();
        IpRangeSet fresh = snapshots.loadFresh(databaseClock().instant().minus(Duration.ofDays(staleAfterDays)));
        IpRangeSet subscribed = snapshots.loadSubscribed();
        Reconciliation.Preview p = Reconciliation.preview(autoSubscribe, staleJoinDiscovered,
                snapshots.loadIndexed().addresses(), subscribed, scanned, fresh,
                IpRangeSet.parseList(exclusions),
                autoSubscribe.needsApproval() ? approvals.approved() : IpRangeSet.empty(), maxAddPerRun);
        Optional<DiscoveredGroup> group = snapshots.group();
        RequestSizes sizes = new RequestSizes(DeploymentProperties.qualysTruncationLimit(),
                DeploymentProperties.qualysMaxPostBytes());
        CallPlan calls = CallPlan.estimate(sizes, p, scanned.size().longValue(),
                group.map(DiscoveredGroup::getQualysId).isPresent(),
                group.map(DiscoveredGroup::getPushedRanges).map(IpRangeSet::parseList).orElse(null));
        ZoneSettings zoneSettings = zones.settings();
        if (!zoneSettings.enabled()) {
            return p.withCalls(calls);
        }
        // Asset Mapping by Zone On: the zone groups in place of the DISCOVERED group, each with its zone's hosts.
        ZonePlan plan = ZonePlan.of(inventory.zoneNames(), zoneSettings.mappings(), zones.groups());
        IpRangeSet subscribedAfter = p.add() == null ? subscribed : subscribed.union(p.add().toAdd());
        ZoneGroupsEstimate estimate = ZoneGroupsEstimate.of(sizes, plan, settingsRepository.current()
                .getAssetGroupTitle(), zone -> inventory.addressSnapshot(zone).addresses(), p.rule(), subscribedAfter,
                scanned, fresh);
        return p.withZones(estimate).withCalls(calls.withZoneGroups(estimate.checkCalls(), estimate.editCalls()));
    }
}
