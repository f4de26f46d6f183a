package io.assetmanager.qualys.sync;

import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.settings.AutoSubscribe;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.settings.SettingsEdit;
import io.assetmanager.qualys.settings.SettingsValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/** The sync's store in memory, with the lease rules of {@link SyncLeaseRepository} on the given clock. */
final class InMemorySyncStore implements SyncStore {

    private final Clock clock;
    final QualysSettings settings = defaultSettings();
    IpRangeSet indexed = IpRangeSet.empty();
    IpRangeSet subscribed = IpRangeSet.empty();
    IpRangeSet scanned = IpRangeSet.empty();
    final List<QualysHost> staging = new ArrayList<>();
    final List<QualysHost> scannedHosts = new ArrayList<>();
    DiscoveredGroup group;
    /** Asset Mapping by Zone: the switch, the mappings and the groups on record. */
    boolean zoneMappingOn;
    final Map<String, io.assetmanager.qualys.zones.ZoneMapping> zoneMappings = new java.util.TreeMap<>();
    final Map<String, io.assetmanager.qualys.zones.ZoneGroup> zoneGroups = new java.util.TreeMap<>();
    /** Each zone's hosts; {@link #indexed} must hold their union. */
    final Map<String, IpRangeSet> zoneHosts = new java.util.TreeMap<>();
    /** The approval list (Auto-Subscribe On after approval). */
    Reconciliation.Approvals approvals = new Reconciliation.Approvals(IpRangeSet.empty(), IpRangeSet.empty());
    int verifications;
    private String leaseHolder;
    private Long leaseRun;
    private OffsetDateTime leaseExpires;
    private long leaseToken;
    /** The token the run's writes check, once fenced. */
    private Long fence;
    private final Map<Long, SyncRun> runs = new HashMap<>();
    private final List<String> steps = new ArrayList<>();
    /** Batches handed to {@link #stage} not yet waited for (the real store writes them in the background). */
    int unwaitedStages;
    /** {@link #unwaitedStages} when the run recorded its end; -1 before. */
    int unwaitedStagesAtFinish = -1;
    /** How many of the next {@link #finishRun} calls fail as if the database were away. */
    int finishFailures;
    /** Runs as a snapshot or group-record write begins: a takeover while the write is on its way. */
    Runnable beforeSnapshotWrite = () -> { };
    Runnable beforeGroupPushed = () -> { };

    InMemorySyncStore(Clock clock) {
        this.clock = clock;
    }

    /** Settings as a fresh installation has them, switched On. */
    static QualysSettings defaultSettings() {
        QualysSettings s = new QualysSettings() {
        };
        s.setValues(new SettingsValues(true, QualysSettings.DEFAULT_INTERVAL_HOURS, null, null, AutoSubscribe.OFF,
                QualysSettings.DEFAULT_GROUP_TITLE, "", 10_000, 50, QualysSettings.DEFAULT_STALE_AFTER_DAYS,
                QualysSettings.DEFAULT_HOLD_BELOW_PERCENT));
        return s;
    }

    /** Changes the stored settings as an admin's save would. */
    void edit(UnaryOperator<SettingsEdit> change) {
        settings.setValues(change.apply(SettingsEdit.of(settings.values())).values());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** A run record as another instance would have written it. */
    long addRun(SyncTrigger trigger, String user, String instance, OffsetDateTime startedAt) {
        long id = runs.size() + 1;
        runs.put(id, new SyncRun(trigger, user, instance, startedAt));
        return id;
    }

    List<String> steps() {
        return steps;
    }

    SyncRun onlyRun() {
        if (runs.size() != 1) {
            throw new IllegalStateException(runs.size() + " runs recorded");
        }
        return runs.values().iterator().next();
    }

    int runCount() {
        return runs.size();
    }

    @Override
    public QualysSettings settings() {
        return settings;
    }

    @Override
    public void markCredentialsRejected() {
        settings.setCredentialsRejected(true);
    }

    @Override
    public void clearCredentialsRejected(QualysSettings used) {
        settings.setCredentialsRejected(false);
    }

    @Override
    public InventoryRepository.AddressSnapshot indexed() {
        return new InventoryRepository.AddressSnapshot(indexed, indexed.size().longValueExact(), -1);
    }

    /** As {@link SyncLeaseRepository#requireToken}: a write of a run whose lease changed hands fails. */
    private void requireToken() {
        if (fence != null && (leaseHolder == null || leaseToken != fence)) {
            throw new LeaseLostException("This run lost the sync lease");
        }
    }

    @Override
    public void clearStaging() {
        requireToken();
        staging.clear();
    }

    @Override
    public void stage(List<QualysHost> hosts) {
        requireToken();
        staging.addAll(hosts);
        unwaitedStages++;
    }

    @Override
    public void endStaging() {
        unwaitedStages = 0;
    }

    @Override
    public void replaceSnapshot(IpRangeSet subscribed, io.assetmanager.counts.RunSets sets) {
        beforeSnapshotWrite.run();
        requireToken();
        scannedHosts.clear();
        scannedHosts.addAll(staging);
        IpRangeSet.Builder b = IpRangeSet.builder();
        staging.forEach(h -> h.addresses().forEach(b::add));
        scanned = b.build();
        staging.clear();
        this.subscribed = subscribed;
    }

    @Override
    public void replaceSubscribed(IpRangeSet subscribed, io.assetmanager.counts.RunSets sets) {
        requireToken();
        this.subscribed = subscribed;
    }

    @Override
    public IpRangeSet approved() {
        return approvals.approved();
    }

    @Override
    public Reconciliation.Approvals approvalsAfterRun(IpRangeSet allowed, IpRangeSet added) {
        requireToken();
        approvals = Reconciliation.afterRun(approvals.approved(), allowed, added);
        return approvals;
    }

    @Override
    public Optional<DiscoveredGroup> group() {
        return Optional.ofNullable(group);
    }

    @Override
    public void adoptGroup(long qualysId, String title) {
        requireToken();
        if (group == null) {
            group = new DiscoveredGroup(qualysId, title, now());
        } else {
            group.adopt(qualysId, title, now());
        }
    }

    @Override
    public void groupVerified() {
        requireToken();
        group.verified(now());
        verifications++;
    }

    @Override
    public io.assetmanager.qualys.zones.ZoneSettings zoneSettings() {
        return new io.assetmanager.qualys.zones.ZoneSettings(zoneMappingOn, Map.copyOf(zoneMappings), null,
                null);
    }

    @Override
    public List<String> zones() {
        return List.copyOf(zoneHosts.keySet());
    }

    @Override
    public InventoryRepository.AddressSnapshot indexedInZone(String zone) {
        IpRangeSet ips = zoneHosts.getOrDefault(zone, IpRangeSet.empty());
        return new InventoryRepository.AddressSnapshot(ips, ips.size().longValueExact(), -1);
    }

    @Override
    public List<io.assetmanager.qualys.zones.ZoneGroup> zoneGroups() {
        return List.copyOf(zoneGroups.values());
    }

    @Override
    public void zoneGroupRecorded(String zone, long qualysId, String title,
            io.assetmanager.qualys.zones.ZoneMapping mapping) {
        requireToken();
        zoneGroups.put(zone, new io.assetmanager.qualys.zones.ZoneGroup(zone, qualysId, title, mapping.networkId(),
                mapping.applianceId(), now(), null, null, null, null));
    }

    @Override
    public void zoneApplianceSet(String zone, Long applianceId) {
        requireToken();
        var g = zoneGroups.get(zone);
        zoneGroups.put(zone, new io.assetmanager.qualys.zones.ZoneGroup(zone, g.qualysId(), g.title(), g.networkId(),
                applianceId, g.createdAt(), g.pushedAt(), g.pushedCount(), g.pushedRanges(), g.orphanSince()));
    }

    @Override
    public void zoneGroupRenamed(String zone, String title) {
        requireToken();
        var g = zoneGroups.get(zone);
        zoneGroups.put(zone, new io.assetmanager.qualys.zones.ZoneGroup(zone, g.qualysId(), title, g.networkId(),
                g.applianceId(), g.createdAt(), g.pushedAt(), g.pushedCount(), g.pushedRanges(), g.orphanSince()));
    }

    @Override
    public void zoneGroupPushed(String zone, IpRangeSet ips) {
        requireToken();
        var g = zoneGroups.get(zone);
        zoneGroups.put(zone, new io.assetmanager.qualys.zones.ZoneGroup(zone, g.qualysId(), g.title(), g.networkId(),
                g.applianceId(), g.createdAt(), now(), ips.size(), ips.toString(), g.orphanSince()));
    }

    @Override
    public void zoneGroupForgotten(String zone) {
        requireToken();
        zoneGroups.remove(zone);
    }

    @Override
    public void zoneOrphans(java.util.Set<String> inUse) {
        requireToken();
        zoneGroups.replaceAll((zone, g) -> new io.assetmanager.qualys.zones.ZoneGroup(zone, g.qualysId(), g.title(),
                g.networkId(), g.applianceId(), g.createdAt(), g.pushedAt(), g.pushedCount(), g.pushedRanges(),
                inUse.contains(zone) ? null : g.orphanSince() == null ? now() : g.orphanSince()));
    }

    @Override
    public void groupPushed(IpRangeSet ips) {
        beforeGroupPushed.run();
        requireToken();
        group.pushed(ips.toString(), ips.rangeCount(), ips.size(), now());
    }

    @Override
    public OptionalLong tryAcquireLease(String holder, Duration ttl) {
        if (leaseHolder != null && !leaseExpires.isBefore(now())) {
            return OptionalLong.empty();
        }
        leaseHolder = holder;
        leaseRun = null;
        leaseExpires = now().plus(ttl);
        return OptionalLong.of(++leaseToken);
    }

    @Override
    public void fence(long token) {
        fence = token;
    }

    @Override
    public void attachRun(String holder, long runId) {
        if (holder.equals(leaseHolder)) {
            leaseRun = runId;
        }
    }

    @Override
    public boolean heartbeat(String holder, Duration ttl) {
        if (!holder.equals(leaseHolder)) {
            return false;
        }
        leaseExpires = now().plus(ttl);
        return true;
    }

    @Override
    public void releaseLease(String holder) {
        if (holder.equals(leaseHolder)) {
            leaseHolder = null;
            leaseRun = null;
            leaseExpires = null;
        }
    }

    @Override
    public Optional<SyncLeaseRepository.Holder> lease() {
        if (leaseHolder == null || leaseExpires.isBefore(now())) {
            return Optional.empty();
        }
        return Optional.of(new SyncLeaseRepository.Holder(leaseHolder, leaseRun, null, leaseExpires));
    }

    @Override
    public long startRun(SyncTrigger trigger, String user, String instance) {
        return addRun(trigger, user, instance, now());
    }

    @Override
    public void step(long runId, String step) {
        requireToken();
        runs.get(runId).setCurrentStep(step);
        steps.add(step);
    }

    @Override
    public void finishRun(long runId, RunReport report) {
        unwaitedStagesAtFinish = unwaitedStages;
        if (finishFailures > 0) {
            finishFailures--;
            throw new IllegalStateException("Connection refused");
        }
        if (fence != null && report.outcome() != SyncOutcome.SUCCEEDED && report.outcome() != SyncOutcome.INTERRUPTED
                && (leaseHolder == null || leaseToken != fence)) {
            report.interrupted("This run lost the sync lease before it ended: " + report.errorText());
        }
        SyncRun run = runs.get(runId);
        report.applyTo(run);
        run.finish(report.outcome(), now(), report.errorCode(), report.errorText());
    }

    @Override
    public Optional<SyncRun> run(long id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public Optional<OffsetDateTime> pausedUntil() {
        return runs.entrySet().stream().max(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                .filter(r -> r.getOutcome() == SyncOutcome.PAUSED).map(SyncRun::getResumeAt);
    }

    @Override
    public IpRangeSet storedScanned() {
        return scanned;
    }

    @Override
    public IpRangeSet storedFresh(Instant since) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        scannedHosts.stream().filter(h -> h.lastScan() != null && !h.lastScan().isBefore(since))
                .forEach(h -> h.addresses().forEach(b::add));
        return b.build();
    }

    @Override
    public IpRangeSet storedSubscribed() {
        return subscribed;
    }

    @Override
    public Optional<SyncRun> lastHeldOrSucceeded() {
        return runs.entrySet().stream().filter(e -> e.getValue().getOutcome() == SyncOutcome.HELD
                        || e.getValue().getOutcome() == SyncOutcome.SUCCEEDED)
                .max(Map.Entry.comparingByKey()).map(Map.Entry::getValue);
    }

    @Override
    public Optional<OffsetDateTime> lastStart() {
        return runs.values().stream().map(SyncRun::getStartedAt).max(OffsetDateTime::compareTo);
    }
}
