package io.assetmanager.qualys.sync;

import io.assetmanager.counts.RunSets;
import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.Numbers;
import io.assetmanager.platform.Times;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.GroupEdits;
import io.assetmanager.qualys.api.GroupScanners;
import io.assetmanager.qualys.api.QualysApi;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.api.QualysHostSink;
import io.assetmanager.qualys.settings.AutoSubscribe;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZoneMapping;
import io.assetmanager.qualys.zones.ZonePlan;
import io.assetmanager.qualys.zones.ZoneSettings;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
    private final Clock clock;

    /**
     * @param nanoTime  a monotonic clock for the step timings
     * @param retry     repeats the writes that end a run
     * @param describe  the text a failure other than a Qualys error leaves in the run record
     * @param clock     says when a paused run tries again
     */
    SyncEngine(SyncStore store, QualysGateway.Opener qualys, LongSupplier nanoTime, String instanceName,
            Duration leaseTtl, DatabaseRetry retry, Function<Throwable, String> describe, Clock clock) {
        this.store = store;
        this.qualys = qualys;
        this.nanoTime = nanoTime;
        this.instanceName = instanceName;
        this.leaseTtl = leaseTtl;
        this.retry = retry;
        this.describe = describe;
        this.clock = clock;
    }

    /**
     * Why no run starts, Run now included, while Qualys rejects the stored credentials: every run would send one more
     * failing login, and repeated bad logins lock Qualys accounts.
     */
    public static final String CREDENTIALS_REJECTED = "Sync stopped: Qualys rejected the credentials. Change the"
            + " username or password in Settings > Integrations > Qualys (they are tested before they are saved);"
            + " no run starts until then.";

    /**
     * A run that holds the lease and has its record; {@link #execute} does the work. Its writes carry the lease token
     * it took the lease with, and fail once the lease has changed hands.
     */
    public record Started(long runId, String leaseHolder, long leaseToken) {
    }

    /** How a run with Asset Mapping by Zone Off begins its note about the zone groups it left as orphans. */
    public static final String ZONES_OFF = "Asset Mapping by Zone is Off: ";

    /** Stands for this process (this deployment's classes) in the lease holders it writes. */
    private static final String PROCESS = UUID.randomUUID().toString().substring(0, 6);

    /**
     * How every lease holder this process writes begins: the instance's name, then the process. A restart recognises
     * its instance's lease by the name; a shutdown gives back only its own process's.
     */
    public static String holderPrefix(String instanceName) {
        return instanceName + "#" + PROCESS + "-";
    }

    /**
     * Takes the lease and opens the run record of a run an admin asked for.
     *
     * @throws SyncRefusedException while the integration is Off or Qualys rejects the stored credentials, or saying
     *         who runs since when when a run is going on anywhere
     */
    public Started startManual(String user) throws SyncRefusedException {
        if (!store.settings().isEnabled()) {
            throw new SyncRefusedException("The Qualys integration is Off: switch it On in Settings > Integrations > "
                    + "Qualys to run it.");
        }
        if (store.settings().isCredentialsRejected()) {
            throw new SyncRefusedException(CREDENTIALS_REJECTED);
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
        String holder = holderPrefix(instanceName) + UUID.randomUUID().toString().substring(0, 8);
        OptionalLong token = store.tryAcquireLease(holder, leaseTtl);
        if (token.isEmpty()) {
            throw new SyncRefusedException(busyMessage());
        }
        try {
            if (!stillDue.getAsBoolean()) {
                store.releaseLease(holder);
                return Optional.empty();
            }
            long runId = store.startRun(trigger, user, instanceName);
            store.attachRun(holder, runId);
            return Optional.of(new Started(runId, holder, token.getAsLong()));
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
        store.fence(started.leaseToken());
        try {
            run.go();
        } catch (Paused p) {
            run.report.paused(p.getMessage(), p.resumeAt);
            LOG.info(() -> "Sync run " + started.runId() + " paused: " + p.getMessage());
        } catch (Held h) {
            run.report.held(h.getMessage(), h.kept, h.fetched);
            LOG.warning(() -> "Sync run " + started.runId() + " held: " + h.getMessage());
        } catch (QualysException e) {
            if (e instanceof QualysException.BadCredentials) {
                markCredentialsRejected(started);
            }
            run.report.failed(e.qualysCode().map(String::valueOf).orElse(null), e.getMessage());
            LOG.warning(() -> "Sync run " + started.runId() + " failed: " + e.getMessage());
        } catch (Exception | LinkageError e) {
            Optional<LeaseLostException> lost = LeaseLostException.in(e);
            if (lost.isPresent()) {
                run.report.interrupted(lost.get().getMessage());
                LOG.warning(() -> "Sync run " + started.runId() + " interrupted: " + lost.get().getMessage());
            } else {
                run.report.failed(null, describe.apply(e));
                LOG.log(Level.WARNING, "Sync run " + started.runId() + " failed", e);
            }
        } finally {
            run.finish();
        }
    }

    /** Closes a run that will never be executed (the background executor refused it): failed, lease given back. */
    public void abandon(Started started, String reason) {
        RunReport report = new RunReport();
        report.failed(null, reason);
        store.fence(started.leaseToken());
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

    /** Ends a run before it writes anything, when the Qualys API quota left cannot hold its calls. */
    static final class Paused extends Exception {
        final OffsetDateTime resumeAt;

        Paused(String message, OffsetDateTime resumeAt) {
            super(message, null, false, false);
            this.resumeAt = resumeAt;
        }
    }

    /** Ends a run before it stores or writes anything, when Qualys's answer shrank past the threshold. */
    static final class Held extends Exception {
        final HoldRule.Sizes kept;
        final HoldRule.Sizes fetched;

        Held(String message, HoldRule.Sizes kept, HoldRule.Sizes fetched) {
            super(message, null, false, false);
            this.kept = kept;
            this.fetched = fetched;
        }
    }

    /** What the host list gave: how many hosts, their addresses (M), and those scanned recently (F). */
    private record Fetched(long hosts, IpRangeSet scanned, IpRangeSet fresh) {
    }

    /** The state of one run while it goes. */
    private final class Run {
        private final Started started;
        private final RunReport report = new RunReport();
        private QualysGateway client;
        private String step;
        private long stepStart;
        /** The size of M as stored, read while planning. */
        private BigInteger storedScannedSize;

        Run(Started started) {
            this.started = started;
        }

        void go() throws QualysException, Paused, Held {
            QualysSettings settings = store.settings();
            IpRangeSet exclusions = IpRangeSet.parseList(settings.getExclusions());
            step("Loading the inventory");
            InventoryRepository.AddressSnapshot indexed = store.indexed();
            report.indexed(indexed.rows());

            client = qualys.open(settings);
            report.qualysAccount(account(settings));
            step("Fetching the subscription from Qualys");
            IpRangeSet subscribed = client.listSubscribedIps();
            report.subscribed(subscribed.size());

            step("Planning the Qualys calls");
            Instant judgedAt = clock.instant();
            Instant freshSince = judgedAt.minus(Duration.ofDays(settings.getStaleAfterDays()));
            Reconciliation.DiscoveredRule rule = new Reconciliation.DiscoveredRule(settings.getAutoSubscribe().subscribes(),
                    settings.isStaleJoinDiscovered());
            CallPlan plan = plan(settings, rule, freshSince, indexed.addresses(), subscribed, exclusions);
            report.planned(plan.total());
            LOG.info(() -> "Sync run " + started.runId() + " plans " + plan.describe());
            requireQuota(QualysApi.SUBSCRIPTION, plan.subscriptionApi() - 1, settings,
                    "Paused before reading the scanned hosts: this run needs about " + plan.total()
                            + " Qualys calls (" + (plan.subscriptionApi() - 1) + " more to the subscription's API)",
                    "Nothing was written to Qualys or stored");

            step("Fetching the scanned hosts from Qualys");
            store.clearStaging();
            Fetched fetched = fetchHosts(freshSince);
            IpRangeSet scanned = fetched.scanned();
            IpRangeSet fresh = fetched.fresh();
            report.scanned(fetched.hosts());
            // |I ∩ M| and the stale |I ∩ (M − F)| = |I ∩ M| − |I ∩ F| (F lies inside M), counted without building
            // either set: each would be tens of megabytes of heap at a million hosts.
            BigInteger managed = indexed.addresses().intersectionSize(scanned);
            report.managed(managed.longValueExact());
            report.stale(managed.subtract(indexed.addresses().intersectionSize(fresh)).longValueExact());
            holdIfShrunk(settings, new HoldRule.Sizes(scanned.size(), subscribed.size()));

            step("Storing the Qualys snapshot");
            // The dashboard's counts from the sets in hand (the tables are read instead if the inventory changed).
            RunSets sets = new RunSets(indexed.version(), indexed.rows(), indexed.addresses(), scanned, fresh,
                    judgedAt.atOffset(ZoneOffset.UTC), settings.getStaleAfterDays());
            store.replaceSnapshot(subscribed, sets);

            String title = settings.getAssetGroupTitle();
            ZoneSettings zoneSettings = store.zoneSettings();
            ZoneRun zones = zoneSettings.enabled() ? new ZoneRun(title, zoneSettings) : null;
            Optional<AssetGroup> found = Optional.empty();
            if (zones == null) {
                step("Checking the DISCOVERED asset group");
                found = findGroup(title);
            } else {
                step("Checking the zone groups");
                zones.resolve();
            }

            // Every write sequence is checked against the quota before the first write of the run: a run pauses
            // before it writes anything, never half-way through.
            AutoSubscribe mode = settings.getAutoSubscribe();
            Reconciliation.AddPlan add = Reconciliation.planAdd(mode, indexed.addresses(), subscribed, exclusions,
                    mode.needsApproval() ? store.approved() : IpRangeSet.empty(), settings.getMaxAddPerRun());
            IpRangeSet toAdd = add == null ? IpRangeSet.empty() : add.toAdd();
            IpRangeSet holds = found.map(AssetGroup::ips).orElse(IpRangeSet.empty());
            int addCalls = client.sizes().ipChunkCount(toAdd);
            int groupWrites = zones != null ? zones.writeCalls(rule, subscribed.union(toAdd), scanned, fresh)
                    : (found.isPresent() ? 0 : 1) + groupEditCalls(rule, indexed.addresses(), subscribed.union(toAdd),
                            scanned, fresh, holds);
            if (zones != null) {
                // The plan counted the DISCOVERED group's calls; the zone groups' are known now.
                report.planned(plan.subscription() + plan.hostList() + plan.subscribe() + zones.reads + groupWrites);
            }
            String stored = "The Qualys snapshot was stored; nothing was written to Qualys";
            requireQuota(QualysApi.SUBSCRIPTION, addCalls == 0 ? 0 : addCalls + 1, settings, "Paused before adding "
                    + Numbers.grouped(toAdd.size()) + " IPs to the subscription (" + addCalls + " requests and a read)",
                    stored);
            requireQuota(QualysApi.ASSET_GROUP, groupWrites, settings, "Paused before "
                    + (zones != null ? "setting the zone groups" : (found.isPresent() ? "" : "creating and ")
                            + "editing the DISCOVERED group") + " (" + groupWrites + " requests)", stored);
            AssetGroup group = found.orElse(null);
            if (zones != null) {
                zones.createAndDelete();
            } else if (group == null) {
                group = new AssetGroup(client.createAssetGroup(title), title, IpRangeSet.empty());
                store.adoptGroup(group.id(), title);
            }

            IpRangeSet subscribedNow = subscribed;
            if (add != null) {
                report.added(toAdd.size(), add.capped(), toAdd.toString());
                if (!toAdd.isEmpty()) {
                    step("Adding " + toAdd.size() + " IPs to the Qualys subscription");
                    client.addIps(toAdd);
                    step("Fetching the subscription again");
                    subscribedNow = client.listSubscribedIps();
                    store.replaceSubscribed(subscribedNow, sets);
                    report.subscribed(subscribedNow.size());
                }
                if (add.approval()) {
                    Reconciliation.Approvals left = store.approvalsAfterRun(add.allowed(), toAdd);
                    report.approval(left.pending().size(), toAdd.size());
                }
            }
            report.unmanagedByQualys(indexed.addresses().difference(subscribedNow).size().longValueExact());
            if (zones != null) {
                step("Setting the zone groups");
                zones.push(rule, subscribedNow, scanned, fresh);
            } else {
                step("Setting the DISCOVERED asset group");
                IpRangeSet discovered = Reconciliation.discovered(rule, indexed.addresses(), subscribedNow, scanned,
                        fresh);
                editGroup(group, discovered, store::groupPushed, "the DISCOVERED group");
                report.discovered(discovered.size(), discovered.toString());
                orphanZoneGroups();
            }
            if (settings.isCredentialsRejected()) {
                // Qualys accepted these credentials after all: the timer may use them again.
                store.clearCredentialsRejected(settings);
            }
            report.succeeded();
        }

        /**
         * Streams the host list into staging and builds M and F from it. A method of its own so that the stager's
         * buffers (tens of megabytes at a million hosts) are garbage once it returns, not kept by the run's frame.
         */
        private Fetched fetchHosts(Instant freshSince) throws QualysException {
            HostStager stager = new HostStager(freshSince);
            long hosts = client.listHosts(stager);
            stager.flush();
            return new Fetched(hosts, stager.addresses.build(), stager.fresh.build());
        }

        /**
         * With Asset Mapping by Zone Off, the zone groups of an earlier run with it On are no longer set: they become
         * orphans, listed on the zones page until an admin deletes them, and this run says so once.
         */
        private void orphanZoneGroups() {
            long inUse = store.zoneGroups().stream().filter(g -> !g.isOrphan()).count();
            if (inUse > 0) {
                store.zoneOrphans(Set.of());
                report.zoneGroups(ZONES_OFF + inUse + (inUse == 1 ? " zone group is" : " zone groups are")
                        + " no longer set; they are listed as orphans on Settings > Zones: Qualys until an admin"
                        + " deletes them");
            }
        }

        /**
         * The calls this run needs, estimated as the preview does from the stored snapshot; what it loads for that is
         * dropped before the host list streams in.
         */
        private CallPlan plan(QualysSettings settings, Reconciliation.DiscoveredRule rule, Instant freshSince,
                IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet exclusions) {
            Optional<DiscoveredGroup> known = store.group();
            IpRangeSet storedScanned = store.storedScanned();
            storedScannedSize = storedScanned.size();
            // F matters only for the stale hosts that join the group: not read when they do not.
            IpRangeSet storedFresh = rule.staleJoin() ? store.storedFresh(freshSince) : storedScanned;
            AutoSubscribe mode = settings.getAutoSubscribe();
            Reconciliation.Preview expected = Reconciliation.preview(mode, rule.staleJoin(), indexed, subscribed,
                    storedScanned, storedFresh, exclusions, mode.needsApproval() ? store.approved() : IpRangeSet.empty(),
                    settings.getMaxAddPerRun());
            return CallPlan.estimate(client.sizes(), expected, storedScanned.size().longValue(),
                    known.map(DiscoveredGroup::getQualysId).isPresent(),
                    known.map(DiscoveredGroup::getPushedRanges).map(IpRangeSet::parseList).orElse(null));
        }

        /**
         * The requests that would bring the group to the DISCOVERED set of these sets, counted only: the set itself
         * is worked out again after Auto-Subscribe added to the subscription, and at a million hosts two of them at
         * once (with their request bodies) do not fit a small heap.
         */
        private int groupEditCalls(Reconciliation.DiscoveredRule rule, IpRangeSet indexed, IpRangeSet subscribed,
                IpRangeSet scanned, IpRangeSet fresh, IpRangeSet holds) {
            return client.sizes().groupEditCalls(holds, Reconciliation.discovered(rule, indexed, subscribed, scanned,
                    fresh));
        }

        /**
         * Edits the group by difference. When an edit fails, the group record keeps exactly what the group holds
         * (what the edits before it left), the failure says so, and the next run, which lists the group, completes it.
         */
        private void editGroup(AssetGroup group, IpRangeSet wanted, Consumer<IpRangeSet> pushed, String which)
                throws QualysException {
            GroupEdits edits = client.sizes().planGroupEdits(group.ips(), wanted);
            IpRangeSet[] holds = {group.ips()};
            int[] applied = {0};
            try {
                client.editAssetGroupIps(group.id(), group.ips(), edits, after -> {
                    holds[0] = after;
                    applied[0]++;
                });
            } catch (QualysException e) {
                pushed.accept(holds[0]);
                report.failureContext(which + " holds " + Numbers.grouped(holds[0].size()) + " of the "
                        + Numbers.grouped(wanted.size()) + " IPs meant for it (" + applied[0] + " of " + edits.calls()
                        + " edits applied), and the next run completes it");
                throw e;
            }
            pushed.accept(wanted);
        }

        /**
         * Holds the run, before anything is stored or written, when Qualys's answer is empty or shrank past the
         * threshold against the stored snapshot, or against the sizes of a held run that has not been overtaken
         * (the same answer again confirms it).
         */
        private void holdIfShrunk(QualysSettings settings, HoldRule.Sizes fetched) throws Held {
            HoldRule.Sizes kept = new HoldRule.Sizes(storedScannedSize, store.storedSubscribed().size());
            Optional<SyncRun> last = store.lastHeldOrSucceeded();
            if (last.map(SyncRun::getQualysAccount).filter(a -> !a.equals(account(settings))).isPresent()) {
                // Another server or user: another subscription, whose first answer has nothing to be judged by.
                return;
            }
            Optional<SyncRun> held = last.filter(r -> r.getOutcome() == SyncOutcome.HELD
                    && r.getHeldScanned() != null && r.getHeldSubscribed() != null);
            HoldRule.Sizes baseline = held.map(r -> new HoldRule.Sizes(r.getHeldScanned(), r.getHeldSubscribed()))
                    .orElse(kept);
            String against = held.map(r -> "held run " + r.getId() + " had").orElse("the stored snapshot has");
            Optional<String> reason = HoldRule.check(settings.getHoldBelowPercent(), baseline, fetched, against);
            if (reason.isPresent()) {
                throw new Held("Held: " + reason.get() + " (threshold " + settings.getHoldBelowPercent()
                        + " %). Nothing was stored or written to Qualys: the dashboard shows the previous snapshot."
                        + " An admin can accept this result (Sync history), or the next run applies it if Qualys"
                        + " answers the same", kept, fetched);
            }
        }

        /** The Qualys account a run uses: its server and username. */
        private static String account(QualysSettings settings) {
            return settings.getServerName() + " " + settings.getUsername();
        }

        /** Pauses the run unless the API's quota left holds {@code calls} and the share kept for other tools. */
        private void requireQuota(QualysApi api, int calls, QualysSettings settings, String what, String nothingDone)
                throws Paused {
            Optional<String> shortfall = QuotaCheck.shortfall(client.limits(api), calls,
                    settings.getQuotaReservePercent());
            if (shortfall.isPresent()) {
                OffsetDateTime resumeAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                        .plus(QuotaCheck.window(client.limits(api)));
                throw new Paused(what + ": " + shortfall.get() + ". " + nothingDone + "; the next run is due at "
                        + Times.format(resumeAt), resumeAt);
            }
        }

        /**
         * The group to keep: the known one if its ID still has the title, else one with the title (adopted); empty
         * when there is none and one must be created.
         */
        private Optional<AssetGroup> findGroup(String title) throws QualysException {
            Optional<DiscoveredGroup> known = store.group();
            if (known.isPresent() && known.get().getQualysId() != null && title.equals(known.get().getTitle())) {
                // Same ID and same title: an ID alone could name another group after the server was changed.
                Optional<AssetGroup> listed = client.findAssetGroupById(known.get().getQualysId())
                        .filter(g -> title.equals(g.title()));
                if (listed.isPresent()) {
                    store.groupVerified();
                    String pushed = known.get().getPushedRanges();
                    // Compared as text (the record keeps the set's canonical list): parsing it again would hold
                    // a second set of a million ranges beside the listed one, which -Xmx512m did not hold.
                    if (pushed != null && !listed.get().ips().hasText(pushed)) {
                        LOG.info(() -> "The DISCOVERED group in Qualys holds other IPs than Asset Manager last set"
                                + " (changed in Qualys, or an earlier edit did not finish); this run edits it from"
                                + " what it holds");
                    }
                    return listed;
                }
                report.groupRecreated();
            }
            // First run, a new title, or the group vanished: adopt a group of that title, else one is created.
            Optional<AssetGroup> byTitle = client.findAssetGroupByTitle(title);
            byTitle.ifPresent(g -> store.adoptGroup(g.id(), title));
            return byTitle;
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
                throw new LeaseLostException("This run lost its lease (no heartbeat for "
                        + leaseTtl.toSeconds() + " s); it stops so that runs never overlap");
            }
        }

        void finish() {
            endStep();
            try {
                store.endStaging();
            } catch (RuntimeException e) {
                // A run that did not reach the snapshot (failed, held, interrupted): its outcome stands, nothing of
                // the staging is used. A run that stored its snapshot waited for these writes before it.
                LOG.log(Level.INFO, "Sync run " + started.runId() + ": a write of the staged host list failed as well",
                        e);
            }
            if (client != null) {
                report.qualysUsage((int) client.callCount(), client.waitedSeconds());
                client.close();
            }
            SyncEngine.this.finish(started, report);
        }

        /**
         * The groups of one run with Asset Mapping by Zone On ({@link ZonePlan}): one group a mapped zone, titled
         * {@code <group title>_<zone>}, in the zone's network. Read first (the groups on record by ID, the others
         * adopted by title), then the writes are counted for the quota check, then made: a group in another network
         * than its zone's mapping is deleted and created again (Qualys cannot change a group's network), a changed
         * appliance is one edit, and each group is edited by difference to the DISCOVERED rule with I the zone's
         * hosts. Unmapped zones get nothing; groups of zones no longer pushed are marked orphans, never deleted.
         */
        private final class ZoneRun {
            private final String baseTitle;
            private final ZonePlan plan;
            private final Map<String, IpRangeSet> hosts = new LinkedHashMap<>();
            /** The group kept for each zone, as Qualys listed it; zones missing here get a new group. */
            private final Map<String, AssetGroup> kept = new LinkedHashMap<>();
            /** Groups to give the zone's title (the group title setting changed), by zone. */
            private final Map<String, Long> toRename = new LinkedHashMap<>();
            /** Groups to delete before their zone's group is created again, by zone. */
            private final Map<String, Long> toDelete = new LinkedHashMap<>();
            private final Set<String> applianceChanged = new LinkedHashSet<>();
            private final Map<String, String> lines = new TreeMap<>();
            /**
             * The zones this run sets: those of {@link ZonePlan#pushed} less those whose group's title is taken by a
             * group in another network that is not Asset Manager's.
             */
            private final List<ZonePlan.Target> targets = new ArrayList<>();
            /** Reads made to find the groups. */
            private int reads;

            ZoneRun(String baseTitle, ZoneSettings settings) {
                this.baseTitle = baseTitle;
                this.plan = ZonePlan.of(store.zones(), settings.mappings(), store.zoneGroups());
            }

            void resolve() throws QualysException {
                // One call for every group on record, however many zones.
                List<Long> ids = plan.pushed().stream().map(ZonePlan.Target::recorded)
                        .filter(java.util.Objects::nonNull).map(ZoneGroup::qualysId).toList();
                Map<Long, AssetGroup> listed = ids.isEmpty() ? Map.of() : client.findAssetGroupsById(ids);
                reads += ids.isEmpty() ? 0 : 1;
                for (ZonePlan.Target t : plan.pushed()) {
                    hosts.put(t.zone(), store.indexedInZone(t.zone()).addresses());
                    String title = ZonePlan.title(baseTitle, t.zone());
                    ZoneGroup recorded = t.recorded();
                    Optional<AssetGroup> live;
                    boolean applianceDiffers;
                    if (recorded != null) {
                        // Same ID and the title it was given: an ID alone could name another group.
                        String had = recorded.title();
                        live = Optional.ofNullable(listed.get(recorded.qualysId())).filter(g -> had.equals(g.title()));
                        if (live.isEmpty()) {
                            report.groupRecreated();
                            note(t.zone(), "its group " + recorded.qualysId() + " was gone from Qualys: created again");
                        } else if (!recorded.sameNetwork(t.mapping())) {
                            toDelete.put(t.zone(), recorded.qualysId());
                            note(t.zone(), "its network changed from " + recorded.networkId() + ": group "
                                    + recorded.qualysId() + " deleted and created again in network "
                                    + t.mapping().networkId());
                            live = Optional.empty();
                        } else if (!had.equals(title)) {
                            // The group title setting changed: the group is renamed, its scan history kept.
                            toRename.put(t.zone(), recorded.qualysId());
                            note(t.zone(), "group " + recorded.qualysId() + " renamed from \"" + had + "\"");
                            live = live.map(g -> new AssetGroup(g.id(), title, g.ips(), g.networkId(),
                                    g.defaultApplianceId(), g.applianceIds()));
                        }
                        applianceDiffers = !recorded.sameAppliance(t.mapping());
                    } else {
                        live = client.findAssetGroupByTitle(title);
                        reads++;
                        if (live.isPresent() && live.get().networkId() != null
                                && live.get().networkId() != t.mapping().networkId()) {
                            // Not Asset Manager's (none on record): left alone, whatever its title.
                            note(t.zone(), "a group titled \"" + title + "\" (" + live.get().id() + ") exists in"
                                    + " network " + live.get().networkId() + ", not in the zone's network "
                                    + t.mapping().networkId() + ": nothing pushed for this zone; rename or delete"
                                    + " that group in Qualys, or map the zone to its network");
                            continue;
                        } else if (live.isPresent()) {
                            store.zoneGroupRecorded(t.zone(), live.get().id(), title, t.mapping());
                            note(t.zone(), "group " + live.get().id() + " of that title adopted");
                        }
                        applianceDiffers = live.isPresent() && !java.util.Objects.equals(
                                live.get().defaultApplianceId(), t.mapping().applianceId());
                    }
                    targets.add(t);
                    live.ifPresent(g -> kept.put(t.zone(), g));
                    if (live.isPresent() && applianceDiffers) {
                        applianceChanged.add(t.zone());
                    }
                }
            }

            /** The writes: deletions, creations, appliance edits and the edits of each group's IPs, estimated. */
            int writeCalls(Reconciliation.DiscoveredRule rule, IpRangeSet subscribed, IpRangeSet scanned,
                    IpRangeSet fresh) {
                int calls = toDelete.size() + toRename.size() + applianceChanged.size();
                for (ZonePlan.Target t : targets) {
                    AssetGroup g = kept.get(t.zone());
                    calls += (g == null ? 1 : 0) + client.sizes().groupEditCalls(g == null ? IpRangeSet.empty()
                            : g.ips(), Reconciliation.zoneDiscovered(rule, hosts.get(t.zone()), subscribed, scanned,
                                    fresh));
                }
                return calls;
            }

            void createAndDelete() throws QualysException {
                for (ZonePlan.Target t : targets) {
                    String zone = t.zone();
                    ZoneMapping m = t.mapping();
                    Long renamed = toRename.get(zone);
                    if (renamed != null) {
                        String title = ZonePlan.title(baseTitle, zone);
                        client.renameAssetGroup(renamed, title);
                        store.zoneGroupRenamed(zone, title);
                    }
                    Long old = toDelete.get(zone);
                    if (old != null) {
                        client.deleteAssetGroup(old);
                        store.zoneGroupForgotten(zone);
                    }
                    if (!kept.containsKey(zone)) {
                        String title = ZonePlan.title(baseTitle, zone);
                        long id = client.createAssetGroup(title, GroupScanners.of(m.networkId(), m.applianceIds()));
                        store.zoneGroupRecorded(zone, id, title, m);
                        kept.put(zone, new AssetGroup(id, title, IpRangeSet.empty()));
                        if (!lines.containsKey(zone)) {
                            note(zone, "group " + id + " created in network " + m.networkId());
                        }
                    } else if (applianceChanged.contains(zone)) {
                        client.setAssetGroupAppliances(kept.get(zone).id(), m.applianceIds(), m.applianceId());
                        store.zoneApplianceSet(zone, m.applianceId());
                        note(zone, "scanner appliance set to " + (m.applianceId() == null ? "none"
                                : m.applianceId()));
                    }
                }
            }

            void push(Reconciliation.DiscoveredRule rule, IpRangeSet subscribed, IpRangeSet scanned, IpRangeSet fresh)
                    throws QualysException {
                BigInteger total = BigInteger.ZERO;
                IpRangeSet all = IpRangeSet.empty();
                try {
                    for (ZonePlan.Target t : targets) {
                        String zone = t.zone();
                        AssetGroup g = kept.get(zone);
                        IpRangeSet wanted = Reconciliation.zoneDiscovered(rule, hosts.get(zone), subscribed, scanned,
                                fresh);
                        editGroup(g, wanted, ips -> store.zoneGroupPushed(zone, ips), "the group of zone " + zone);
                        total = total.add(wanted.size());
                        all = all.union(wanted);
                        note(zone, "group " + g.id() + " (network " + t.mapping().networkId() + ") set to "
                                + Numbers.grouped(wanted.size()) + " IPs");
                    }
                    for (String zone : plan.unmapped()) {
                        note(zone, "not mapped to a Qualys network: nothing pushed");
                    }
                    store.zoneOrphans(plan.pushedZones());
                    for (ZoneGroup o : plan.orphans()) {
                        note(o.zone(), "orphaned group " + o.qualysId() + " (\"" + o.title() + "\"): the zone is "
                                + "no longer pushed; kept in Qualys until an admin deletes it");
                    }
                } finally {
                    StringBuilder text = new StringBuilder();
                    lines.forEach((zone, line) -> text.append(zone).append(": ").append(line).append('\n'));
                    report.zoneGroups(text.toString().strip());
                }
                report.discovered(total, all.toString());
            }

            private void note(String zone, String line) {
                lines.merge(zone, line, (a, b) -> a + "; " + b);
            }
        }

        /**
         * Streams hosts into the staging table in batches and keeps only their addresses, as a range set. Renews the
         * lease at most every tenth of its time to live (the step renewed it when it began): once per batch was 200
         * commits a run at a million hosts.
         */
        private final class HostStager implements QualysHostSink {
            private final List<QualysHost> batch = new ArrayList<>(STAGE_BATCH);
            private final IpRangeSet.Builder addresses = IpRangeSet.builder();
            /** The addresses of hosts last scanned on or after {@link #freshSince}: F, judged at the run's start. */
            private final IpRangeSet.Builder fresh = IpRangeSet.builder();
            private final Instant freshSince;
            private long lastHeartbeat = nanoTime.getAsLong();

            HostStager(Instant freshSince) {
                this.freshSince = freshSince;
            }

            @Override
            public void accept(QualysHost host) {
                if (host.ip() == null) {
                    // Agent-tracked hosts can lack an address: nothing to compare or push.
                    return;
                }
                // Every address: a host with IPv4 and IPv6 puts both in M (and in F when its scan is fresh).
                boolean isFresh = host.lastScan() != null && !host.lastScan().isBefore(freshSince);
                for (IpAddress a : host.addresses()) {
                    addresses.add(a);
                    if (isFresh) {
                        fresh.add(a);
                    }
                }
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
