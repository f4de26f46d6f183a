package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.QualysApi;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.RateLimitStatus;
import io.assetmanager.qualys.api.RequestSizes;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.testing.ManualClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A run's decisions against Qualys and the store in memory, with the worked example of DESIGN.md. */
class SyncEngineTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final String TITLE = "Asset Manager_DISCOVERED";
    private static final IpRangeSet I = IpRangeSet.parseList("10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.1.5, 192.168.1.10");
    private static final IpRangeSet S = IpRangeSet.parseList("10.0.0.0-10.0.0.255, 172.16.0.1");

    private final ManualClock clock = new ManualClock(START);
    private final InMemorySyncStore store = new InMemorySyncStore(clock);
    private final FakeQualys qualys = new FakeQualys();
    private final SyncEngine engine = engine("node-a");

    private SyncEngine engine(String instance) {
        return new SyncEngine(store, qualys, () -> clock.millis() * 1_000_000, instance, TTL,
                new DatabaseRetry(Duration.ofSeconds(60), Duration.ofSeconds(1), clock::advance, clock::millis),
                Throwable::getMessage, clock);
    }

    @BeforeEach
    void workedExample() {
        store.indexed = I;
        qualys.subscription = S;
        qualys.hosts.add(host(1, "10.0.0.2"));
        qualys.hosts.add(host(2, "172.16.0.1"));
    }

    private static QualysHost host(long id, String ip) {
        return new QualysHost(id, ip == null ? null : IpAddress.parse(ip), null, null, null, "IP", null);
    }

    private SyncRun run() {
        try {
            engine.execute(engine.start(SyncTrigger.TIMER, null));
        } catch (SyncRefusedException e) {
            throw new AssertionError(e);
        }
        return store.onlyRun();
    }

    private SyncRun runAgain() {
        try {
            SyncEngine.Started started = engine.start(SyncTrigger.TIMER, null);
            engine.execute(started);
            return store.run(started.runId()).orElseThrow();
        } catch (SyncRefusedException e) {
            throw new AssertionError(e);
        }
    }

    private static RateLimitStatus quota(int limit, int remaining) {
        return new RateLimitStatus(limit, 3600, remaining, 0, 2, 0, START);
    }

    /** 300 scattered indexed and subscribed addresses that Qualys has not scanned: a group of several edits. */
    private void manyUnscannedHosts() {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (int i = 0; i < 600; i += 2) {
            b.add(IpAddress.fromBigInteger(IpAddress.parse("10.50.0.0").toBigInteger().add(BigInteger.valueOf(i))));
        }
        store.indexed = I.union(b.build());
        qualys.subscription = S.union(IpRangeSet.parseList("10.50.0.0/22"));
        qualys.sizes = new RequestSizes(1000, 2048);
    }

    @Nested
    class QuotaAndGroupEdits {

        @Test
        void aRunPlansItsCallsAndAnUnchangedRunEditsNothing() {
            qualys.addGroup(42, TITLE);
            store.adoptGroup(42, TITLE);
            SyncRun first = runAgain();
            assertThat(first.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(first.getPlannedCalls()).as("1 subscription read, 1 host page, 1 group check, 1 edit")
                    .isEqualTo(4).isEqualTo(first.getQualysCalls());
            qualys.calls.clear();

            SyncRun second = runAgain();

            assertThat(second.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(qualys.calls).containsExactly("list subscribed IPs", "list hosts", "find group 42");
            assertThat(second.getPlannedCalls()).isEqualTo(3);
        }

        @Test
        void aGroupChangedInQualysIsEditedBackByDifference() {
            manyUnscannedHosts();
            qualys.addGroup(42, TITLE);
            store.adoptGroup(42, TITLE);
            runAgain();
            IpRangeSet wanted = qualys.groups.get(42L).ips();
            qualys.groups.put(42L, new AssetGroup(42, TITLE, wanted.difference(IpRangeSet.parseList("10.50.0.8"))
                    .union(IpRangeSet.parseList("10.99.0.1"))));
            qualys.calls.clear();

            runAgain();

            assertThat(qualys.writes()).containsExactly("edit group 42 remove_ips 10.99.0.1",
                    "edit group 42 add_ips 10.50.0.8");
            assertThat(qualys.groups.get(42L).ips()).isEqualTo(wanted);
        }

        @Test
        void aGroupEditThatFailsHalfWayIsRecordedAsItIsAndCompletedByTheNextRun() {
            manyUnscannedHosts();
            qualys.addGroup(42, TITLE);
            store.adoptGroup(42, TITLE);
            qualys.editFailure = new QualysException.RateLimited("edit asset group IPs", 409, 1965,
                    "This API cannot be run again for another 59 minutes", 3540, "POST /api/2.0/fo/asset/group/");
            qualys.editsLeft = 1;

            SyncRun failed = runAgain();

            IpRangeSet holds = qualys.groups.get(42L).ips();
            assertThat(failed.getOutcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(holds.isEmpty()).isFalse();
            assertThat(failed.getErrorText()).contains("the DISCOVERED group holds " + holds.size() + " of the 302 IPs"
                    + " meant for it (1 of 3 edits applied), and the next run completes it");
            assertThat(store.group.getPushedRanges()).as("the record says what the group holds")
                    .isEqualTo(holds.toString());

            qualys.editFailure = null;
            qualys.calls.clear();
            SyncRun next = runAgain();

            assertThat(next.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(qualys.groups.get(42L).ips().size()).isEqualTo(BigInteger.valueOf(302));
            assertThat(qualys.writes()).isNotEmpty().allMatch(w -> w.startsWith("edit group 42 add_ips"));
        }

        @Test
        void aRunPausesBeforeAnyWriteWhenTheGroupApiCannotHoldItsEditsAndTheReserve() {
            qualys.addGroup(42, TITLE);
            store.adoptGroup(42, TITLE);
            qualys.limits.put(QualysApi.ASSET_GROUP, quota(300, 150));

            SyncRun run = runAgain();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.PAUSED);
            assertThat(run.getErrorText()).isEqualTo("Paused before editing the DISCOVERED group (1 requests): 1 calls"
                    + " are needed, but Qualys allows 150 more of 300 in its 3600 s window, and 150 (50 %) are kept"
                    + " for other tools. The Qualys snapshot was stored; nothing was written to Qualys; the next run"
                    + " is due at 2026-03-01 11:00 UTC");
            assertThat(qualys.writes()).isEmpty();
            assertThat(store.scanned.isEmpty()).as("the snapshot is stored").isFalse();
            assertThat(run.getResumeAt()).isEqualTo(clock.instant().plusSeconds(3600).atOffset(ZoneOffset.UTC));
            SyncSchedule schedule = new SyncSchedule(store, clock, Duration.ofHours(1));
            assertThat(schedule.nextRun(store.settings())).contains(run.getResumeAt());

            store.edit(e -> e.quotaReservePercent(40));
            assertThat(runAgain().getOutcome()).as("with 120 kept, 30 are left: enough")
                    .isEqualTo(SyncOutcome.SUCCEEDED);
        }

        @Test
        void aRunPausesBeforeTheHostListWhenTheSubscriptionApiCannotHoldItsAdds() {
            store.edit(e -> e.autoSubscribe(true));
            qualys.limits.put(QualysApi.SUBSCRIPTION, quota(300, 151));

            SyncRun run = runAgain();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.PAUSED);
            assertThat(run.getErrorText()).startsWith("Paused before reading the scanned hosts: this run needs about"
                    + " 7 Qualys calls (2 more to the subscription's API): 2 calls are needed, but Qualys allows 151"
                    + " more of 300").contains("Nothing was written to Qualys or stored");
            assertThat(qualys.calls).containsExactly("list subscribed IPs");
            assertThat(store.subscribed.isEmpty()).as("nothing stored").isTrue();
        }
    }

    @Nested
    class HeldRuns {

        /** A good first run: M = {10.0.0.2, 172.16.0.1}, S = 257 addresses, the group set. */
        private void goodRun() {
            store.edit(e -> e.autoSubscribe(true));
            assertThat(runAgain().getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            qualys.calls.clear();
            store.steps().clear();
        }

        @Test
        void anEmptyHostListAfterAGoodRunIsHeldAndChangesNothingHereOrInQualys() {
            goodRun();
            IpRangeSet scannedBefore = store.scanned;
            IpRangeSet subscribedBefore = store.subscribed;
            String groupBefore = store.group.getPushedRanges();
            store.indexed = I.union(IpRangeSet.parseList("10.0.2.1"));
            qualys.hosts.clear();

            SyncRun held = runAgain();

            assertThat(held.getOutcome()).isEqualTo(SyncOutcome.HELD);
            assertThat(held.getErrorText()).contains("Held: Qualys listed 0 scanned addresses (M) where the stored"
                    + " snapshot has 2", "threshold 50 %", "Nothing was stored or written to Qualys");
            assertThat(held.getKeptScanned()).isEqualTo(BigInteger.TWO);
            assertThat(held.getHeldScanned()).isZero();
            assertThat(held.getKeptSubscribed()).isEqualTo(held.getHeldSubscribed());
            assertThat(store.scanned).isEqualTo(scannedBefore);
            assertThat(store.subscribed).isEqualTo(subscribedBefore);
            assertThat(store.group.getPushedRanges()).isEqualTo(groupBefore);
            assertThat(qualys.writes()).as("no IP added, no group edited").isEmpty();
            assertThat(store.steps()).doesNotContain("Storing the Qualys snapshot");
        }

        @Test
        void theNextRunWithTheSameAnswerConfirmsAndAppliesIt() {
            goodRun();
            qualys.hosts.clear();
            assertThat(runAgain().getOutcome()).isEqualTo(SyncOutcome.HELD);

            SyncRun confirmed = runAgain();

            assertThat(confirmed.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(store.scanned).isEqualTo(IpRangeSet.empty());
            assertThat(confirmed.getCountScanned()).isZero();
        }

        @Test
        void anAnswerBackToNormalAfterAHeldOneIsApplied() {
            goodRun();
            var hosts = new java.util.ArrayList<>(qualys.hosts);
            qualys.hosts.clear();
            assertThat(runAgain().getOutcome()).isEqualTo(SyncOutcome.HELD);
            qualys.hosts.addAll(hosts);

            assertThat(runAgain().getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(store.scanned).hasToString("10.0.0.2,172.16.0.1");
        }

        @Test
        void aSubscriptionShrunkPastTheThresholdIsHeld() {
            goodRun();
            IpRangeSet subscribedBefore = store.subscribed;
            qualys.subscription = IpRangeSet.parseList("10.0.0.0-10.0.0.99, 172.16.0.1");

            SyncRun held = runAgain();

            assertThat(held.getOutcome()).isEqualTo(SyncOutcome.HELD);
            assertThat(held.getErrorText()).contains("Qualys listed 101 subscribed IPs (S) where the stored snapshot"
                    + " has 259, less than 50 %");
            assertThat(store.subscribed).isEqualTo(subscribedBefore);
            assertThat(qualys.writes()).isEmpty();
        }

        @Test
        void aLowerThresholdLetsTheSameShrinkThrough() {
            goodRun();
            store.edit(e -> e.holdBelowPercent(30));
            qualys.subscription = IpRangeSet.parseList("10.0.0.0-10.0.0.99, 172.16.0.1");

            assertThat(runAgain().getOutcome()).as("101 of 259 is more than 30 %").isEqualTo(SyncOutcome.SUCCEEDED);
        }

        @Test
        void theFirstAnswerOfAnotherQualysAccountIsNotHeld() {
            goodRun();
            store.edit(e -> e.serverName("qualysapi.qualys.eu"));
            qualys.hosts.clear();

            assertThat(runAgain().getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(store.scanned).isEqualTo(IpRangeSet.empty());
        }

        @Test
        void theFirstRunEverIsNeverHeld() {
            qualys.hosts.clear();
            qualys.subscription = IpRangeSet.empty();

            SyncRun first = run();

            assertThat(first.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        }
    }

    @Nested
    class TheDiscoveredGroup {

        @Test
        void onTheFirstRunAGroupOfThatTitleIsAdopted() {
            qualys.addGroup(42, TITLE);

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(store.group.getQualysId()).isEqualTo(42L);
            assertThat(store.group.getTitle()).isEqualTo(TITLE);
            assertThat(qualys.calls).doesNotContain("create group " + TITLE);
            assertThat(qualys.groups.get(42L).ips()).hasToString("10.0.0.1,10.0.0.3");
            assertThat(run.isGroupRecreated()).isFalse();
        }

        @Test
        void isCreatedWhenNoGroupHasThatTitle() {
            qualys.addGroup(42, "Someone else's group");

            SyncRun run = run();

            assertThat(qualys.calls).contains("create group " + TITLE);
            long id = store.group.getQualysId();
            assertThat(id).isNotEqualTo(42L);
            assertThat(qualys.groups.get(id).title()).isEqualTo(TITLE);
            assertThat(qualys.groups.get(id).ips()).hasToString("10.0.0.1,10.0.0.3");
            assertThat(qualys.groups.get(42L).ips().isEmpty()).isTrue();
            assertThat(run.isGroupRecreated()).isFalse();
        }

        @Test
        void isVerifiedWhenTheKnownIdStillHasTheTitle() {
            qualys.addGroup(42, TITLE);
            store.adoptGroup(42, TITLE);

            SyncRun run = run();

            assertThat(store.verifications).isEqualTo(1);
            assertThat(qualys.calls).contains("find group 42").doesNotContain("find group " + TITLE)
                    .noneMatch(c -> c.startsWith("create"));
            assertThat(qualys.groups.get(42L).ips()).hasToString("10.0.0.1,10.0.0.3");
            assertThat(run.isGroupRecreated()).isFalse();
        }

        @Test
        void isRecreatedWhenTheKnownGroupVanished() {
            store.adoptGroup(42, TITLE);

            SyncRun run = run();

            assertThat(run.isGroupRecreated()).isTrue();
            assertThat(qualys.calls).contains("create group " + TITLE);
            assertThat(store.group.getQualysId()).isNotEqualTo(42L);
            assertThat(store.verifications).isZero();
        }

        @Test
        void isNotTrustedByIdWhenTheKnownIdNowHasAnotherTitle() {
            store.adoptGroup(42, TITLE);
            qualys.addGroup(42, "Renamed in Qualys");

            SyncRun run = run();

            assertThat(run.isGroupRecreated()).isTrue();
            long id = store.group.getQualysId();
            assertThat(id).isNotEqualTo(42L);
            assertThat(qualys.groups.get(42L).ips().isEmpty()).isTrue();
            assertThat(qualys.groups.get(id).ips()).hasToString("10.0.0.1,10.0.0.3");
        }

        @Test
        void isAdoptedWhenItsTitleNowBelongsToAnotherGroup() {
            store.adoptGroup(42, TITLE);
            qualys.addGroup(42, "Renamed in Qualys");
            qualys.addGroup(77, TITLE);

            SyncRun run = run();

            assertThat(run.isGroupRecreated()).isTrue();
            assertThat(store.group.getQualysId()).isEqualTo(77L);
            assertThat(qualys.calls).noneMatch(c -> c.startsWith("create"));
            assertThat(qualys.groups.get(77L).ips()).hasToString("10.0.0.1,10.0.0.3");
        }

        @Test
        void followsATitleChangedInTheSettings() {
            store.adoptGroup(42, TITLE);
            qualys.addGroup(42, TITLE);
            store.edit(e -> e.assetGroupTitle("Unscanned hosts"));

            SyncRun run = run();

            assertThat(qualys.calls).doesNotContain("find group 42").contains("create group Unscanned hosts");
            assertThat(store.group.getTitle()).isEqualTo("Unscanned hosts");
            assertThat(qualys.groups.get(store.group.getQualysId()).ips()).hasToString("10.0.0.1,10.0.0.3");
            assertThat(qualys.groups.get(42L).ips().isEmpty()).isTrue();
            assertThat(run.isGroupRecreated()).isFalse();
        }
    }

    @Nested
    class AutoSubscribe {

        @Test
        void onAddsTheMissingHostsAndListsTheSubscriptionAgain() {
            store.edit(e -> e.autoSubscribe(true));

            SyncRun run = run();

            assertThat(qualys.calls).containsExactly("list subscribed IPs", "list hosts", "find group " + TITLE,
                    "create group " + TITLE, "add 10.0.1.5,192.168.1.10", "list subscribed IPs",
                    "edit group 1000 add_ips 10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5,192.168.1.10");
            assertThat(store.subscribed).hasToString("10.0.0.0-10.0.0.255,10.0.1.5,172.16.0.1,192.168.1.10");
            assertThat(run.getPushedAdded()).isEqualTo("10.0.1.5,192.168.1.10");
            assertThat(run.getCountAdded()).isEqualTo(BigInteger.TWO);
            assertThat(run.getCountSubscribed()).isEqualTo(BigInteger.valueOf(259));
            assertThat(run.getPushedGroup()).isEqualTo("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5,192.168.1.10");
            assertThat(run.isCapped()).isFalse();
        }

        @Test
        void onWithNothingMissingAddsNothingAndListsOnce() {
            store.edit(e -> e.autoSubscribe(true));
            store.indexed = IpRangeSet.parseList("10.0.0.1, 10.0.0.2");

            SyncRun run = run();

            assertThat(qualys.calls).containsOnlyOnce("list subscribed IPs").noneMatch(c -> c.startsWith("add"));
            assertThat(store.steps()).noneMatch(s -> s.startsWith("Adding"));
            assertThat(run.getCountAdded()).isEqualTo(BigInteger.ZERO);
            assertThat(run.getPushedGroup()).isEqualTo("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255");
        }

        @Test
        void theAddIsCappedAndTheRunSaysSo() {
            store.edit(e -> e.autoSubscribe(true));
            store.edit(e -> e.maxAddPerRun(1));

            SyncRun run = run();

            assertThat(qualys.calls).contains("add 10.0.1.5");
            assertThat(run.isCapped()).isTrue();
            assertThat(run.getPushedAdded()).isEqualTo("10.0.1.5");
            assertThat(run.getPushedGroup()).isEqualTo("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5");
        }

        @Test
        void excludedAddressesAreNotAdded() {
            store.edit(e -> e.autoSubscribe(true));
            store.edit(e -> e.exclusions("192.168.0.0/16"));

            run();

            assertThat(qualys.calls).contains("add 10.0.1.5");
        }

        @Test
        void offAddsNothingAndPushesTheIndexedSubscribedUnscannedHosts() {
            SyncRun run = run();

            assertThat(qualys.calls).noneMatch(c -> c.startsWith("add")).containsOnlyOnce("list subscribed IPs");
            assertThat(qualys.subscription).isEqualTo(S);
            assertThat(run.getPushedAdded()).isNull();
            assertThat(run.getPushedGroup()).isEqualTo("10.0.0.1,10.0.0.3");
            assertThat(store.group.getPushedRanges()).isEqualTo("10.0.0.1,10.0.0.3");
        }
    }

    @Nested
    class AfterApproval {

        private static final String UNKNOWN = "10.0.1.5,192.168.1.10";

        @BeforeEach
        void onAfterApproval() {
            store.edit(e -> e.autoSubscribe(io.assetmanager.qualys.settings.AutoSubscribe.AFTER_APPROVAL));
        }

        private void decide(UnaryOperator<Reconciliation.Approvals> decision) {
            store.approvals = decision.apply(store.approvals);
        }

        /** As the Approvals page's Reject does: the IPs leave the list and join the exclusions. */
        private void reject(String ips) {
            IpRangeSet chosen = IpRangeSet.parseList(ips);
            IpRangeSet rejected = store.approvals.pending().union(store.approvals.approved()).intersection(chosen);
            decide(list -> Reconciliation.reject(list, chosen));
            store.edit(e -> e.exclusions(Reconciliation.withExclusions(store.settings.getExclusions(), rejected)));
        }

        @Test
        void aRunPutsTheMissingHostsOnThePendingListAndAddsNothing() {
            SyncRun run = run();

            assertThat(qualys.calls).noneMatch(c -> c.startsWith("add")).containsOnlyOnce("list subscribed IPs");
            assertThat(qualys.subscription).isEqualTo(S);
            assertThat(store.approvals.pending()).hasToString(UNKNOWN);
            assertThat(store.approvals.approved().isEmpty()).isTrue();
            assertThat(run.getCountPending()).isEqualTo(BigInteger.TWO);
            assertThat(run.getCountApprovedAdded()).isEqualTo(BigInteger.ZERO);
            assertThat(run.getCountAdded()).isEqualTo(BigInteger.ZERO);
            assertThat(run.getPushedGroup()).as("the On rule, S' − M, with nothing added")
                    .isEqualTo("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255");
        }

        @Test
        void approvedHostsAreAddedByTheNextRunAndTheRestStaysPending() {
            run();
            decide(list -> Reconciliation.approve(list, IpRangeSet.parseList("10.0.1.0/24")));
            qualys.calls.clear();

            SyncRun second = runAgain();

            assertThat(qualys.writes()).contains("add 10.0.1.5");
            assertThat(qualys.subscription).hasToString("10.0.0.0-10.0.0.255,10.0.1.5,172.16.0.1");
            assertThat(store.approvals.pending()).hasToString("192.168.1.10");
            assertThat(store.approvals.approved().isEmpty()).as("added, so no longer waiting").isTrue();
            assertThat(second.getCountApprovedAdded()).isEqualTo(BigInteger.ONE);
            assertThat(second.getCountPending()).isEqualTo(BigInteger.ONE);
            assertThat(second.getPushedAdded()).isEqualTo("10.0.1.5");
            assertThat(second.getPushedGroup()).isEqualTo("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5");
        }

        @Test
        void rejectedHostsJoinTheExclusionsAndNeverComeBack() {
            store.edit(e -> e.exclusions("10.9.0.0/16"));
            run();
            decide(list -> Reconciliation.approve(list, IpRangeSet.parseList("10.0.1.5")));
            reject("192.168.1.0/24");

            assertThat(store.settings.getExclusions()).isEqualTo("10.9.0.0/16\n192.168.1.10");
            SyncRun second = runAgain();

            assertThat(qualys.writes()).contains("add 10.0.1.5").noneMatch(c -> c.contains("192.168.1.10"));
            assertThat(store.approvals.pending().isEmpty()).isTrue();
            assertThat(second.getCountPending()).isEqualTo(BigInteger.ZERO);
        }

        @Test
        void theCapHoldsApprovedHostsBackForTheNextRun() {
            store.edit(e -> e.maxAddPerRun(1));
            run();
            decide(list -> Reconciliation.approve(list, IpRangeSet.parseList(UNKNOWN)));

            SyncRun second = runAgain();

            assertThat(second.isCapped()).isTrue();
            assertThat(second.getPushedAdded()).isEqualTo("10.0.1.5");
            assertThat(store.approvals.approved()).hasToString("192.168.1.10");
            assertThat(store.approvals.pending().isEmpty()).isTrue();
            SyncRun third = runAgain();
            assertThat(third.getPushedAdded()).isEqualTo("192.168.1.10");
            assertThat(store.approvals.approved().isEmpty()).isTrue();
        }

        @Test
        void anApprovalOfAHostThatLeftTheInventoryLapses() {
            run();
            decide(list -> Reconciliation.approve(list, IpRangeSet.parseList(UNKNOWN)));
            store.indexed = IpRangeSet.parseList("10.0.0.1, 10.0.1.5");

            runAgain();

            assertThat(qualys.writes()).contains("add 10.0.1.5").noneMatch(c -> c.contains("192.168.1.10"));
            assertThat(store.approvals.approved().isEmpty()).isTrue();
            assertThat(store.approvals.pending().isEmpty()).isTrue();
        }
    }

    @Test
    void theStepsComeInTheOrderOfTheDesign() {
        store.edit(e -> e.autoSubscribe(true));

        run();

        assertThat(store.steps()).containsExactly("Loading the inventory", "Fetching the subscription from Qualys",
                "Planning the Qualys calls", "Fetching the scanned hosts from Qualys", "Storing the Qualys snapshot",
                "Checking the DISCOVERED asset group", "Adding 2 IPs to the Qualys subscription",
                "Fetching the subscription again", "Setting the DISCOVERED asset group");
        assertThat(store.onlyRun().getStepTimings()).startsWith("Loading the inventory=0\n")
                .contains("Setting the DISCOVERED asset group=");
        assertThat(store.onlyRun().getCurrentStep()).isNull();
    }

    @Test
    void theRunRecordsTheIndexedHostsScannedButNotInTheLastNDays() {
        qualys.hosts.clear();
        // Judged at the run's start with "Stale after 30 days": 30 days before is still fresh, a second more is not.
        qualys.hosts.add(new QualysHost(1, IpAddress.parse("10.0.0.2"), null, null, null, "IP",
                START.minus(Duration.ofDays(30))));
        qualys.hosts.add(new QualysHost(2, IpAddress.parse("10.0.0.3"), null, null, null, "IP",
                START.minus(Duration.ofDays(30)).minusSeconds(1)));
        qualys.hosts.add(host(3, "10.0.1.5"));
        qualys.hosts.add(new QualysHost(4, IpAddress.parse("172.16.0.1"), null, null, null, "IP",
                START.minus(Duration.ofDays(400))));

        SyncRun run = run();

        assertThat(run.getCountManaged()).isEqualTo(3L);
        assertThat(run.getCountStale()).as("10.0.0.3, and 10.0.1.5 with no scan date").isEqualTo(2L);

        store.edit(e -> e.staleAfterDays(1));
        assertThat(runAgain().getCountStale()).isEqualTo(3L);
    }

    @Test
    void withTheSwitchOnStaleHostsJoinTheGroupAndWithItOffTheyDoNot() {
        qualys.hosts.clear();
        qualys.hosts.add(new QualysHost(1, IpAddress.parse("10.0.0.2"), null, null, null, "IP",
                START.minus(Duration.ofDays(31))));
        qualys.hosts.add(new QualysHost(4, IpAddress.parse("172.16.0.1"), null, null, null, "IP",
                START.minus(Duration.ofDays(400))));

        SyncRun off = run();
        assertThat(store.group.getPushedRanges()).isEqualTo("10.0.0.1,10.0.0.3");
        assertThat(off.getCountDiscovered()).isEqualTo(BigInteger.TWO);

        store.edit(e -> e.staleJoinDiscovered(true));
        SyncRun on = runAgain();
        assertThat(store.group.getPushedRanges()).as("10.0.0.2 is stale; 172.16.0.1 is stale but not indexed")
                .isEqualTo("10.0.0.1-10.0.0.3");
        assertThat(on.getCountDiscovered()).isEqualTo(BigInteger.valueOf(3));

        store.edit(e -> e.staleAfterDays(60));
        runAgain();
        assertThat(store.group.getPushedRanges()).as("scanned within 60 days: fresh again")
                .isEqualTo("10.0.0.1,10.0.0.3");
    }

    @Test
    void theSnapshotHoldsWhatQualysListedAndTheCountsAreRecorded() {
        qualys.hosts.add(host(3, null));
        for (int i = 0; i < SyncEngine.STAGE_BATCH; i++) {
            qualys.hosts.add(host(10 + i, IpAddress.fromBigInteger(IpAddress.parse("10.9.0.0").toBigInteger()
                    .add(BigInteger.valueOf(i))).toString()));
        }

        SyncRun run = run();

        assertThat(store.subscribed).isEqualTo(S);
        assertThat(store.scannedHosts).hasSize(SyncEngine.STAGE_BATCH + 2).noneMatch(h -> h.ip() == null);
        assertThat(store.scanned.contains(IpAddress.parse("10.0.0.2"))).isTrue();
        assertThat(run.getCountIndexed()).isEqualTo(5L);
        assertThat(run.getCountScanned()).isEqualTo(SyncEngine.STAGE_BATCH + 3L);
        assertThat(run.getCountManaged()).isEqualTo(1L);
        assertThat(run.getCountDiscovered()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void aDualStackHostPutsBothAddressesInMAndNoIpv6ReachesQualys() {
        store.indexed = I.union(IpRangeSet.parseList("2001:db8::5"));
        qualys.hosts.add(new QualysHost(3, IpAddress.parse("10.0.1.5"), null, null, null, "IP", null,
                IpAddress.parse("2001:db8::5")));
        store.edit(e -> e.autoSubscribe(true));

        SyncRun run = run();

        assertThat(store.scanned).hasToString("10.0.0.2,10.0.1.5,172.16.0.1,2001:db8::5");
        assertThat(run.getCountScanned()).as("hosts Qualys listed").isEqualTo(3L);
        assertThat(run.getCountManaged()).as("I ∩ M = {10.0.0.2, 10.0.1.5, 2001:db8::5}").isEqualTo(3L);
        assertThat(run.getPushedAdded()).as("A = I − S, IPv4 only").isEqualTo("10.0.1.5,192.168.1.10");
        assertThat(qualys.subscription.ipv6()).isEmpty();
        assertThat(qualys.groups.values()).allSatisfy(g -> assertThat(g.ips().ipv6()).isEmpty());
    }

    @Test
    void theRunRecordsItsQualysCallsAndClosesTheConnection() {
        SyncRun run = run();

        assertThat(run.getQualysCalls()).isEqualTo(5).isEqualTo(qualys.calls.size());
        assertThat(qualys.closed).isTrue();
    }

    @Nested
    class Credentials {

        @Test
        void refusedCredentialsFailTheRunAndAreMarkedRejected() {
            qualys.refusal = new QualysException.BadCredentials("list subscribed IPs", 401, 2000, "Bad Login/Password",
                    null);

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(run.getErrorCode()).isEqualTo("2000");
            assertThat(run.getErrorText()).contains("Bad Login/Password");
            assertThat(store.settings.isCredentialsRejected()).isTrue();
            assertThat(store.lease()).isEmpty();
            clock.advance(Duration.ofDays(2));
            assertThat(new SyncSchedule(store, clock, Duration.ofHours(1)).isDue(store.settings)).isFalse();
        }

        @Test
        void otherQualysErrorsLeaveTheCredentialsAlone() {
            qualys.refusal = new QualysException.ServerError("list subscribed IPs", 500, 999, "Internal error", null);

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(run.getErrorCode()).isEqualTo("999");
            assertThat(store.settings.isCredentialsRejected()).isFalse();
        }

        @Test
        void aRunThatFailsWhileItsHostsAreStagedWaitsForTheirWriteBeforeItEnds() {
            for (int i = 0; i < SyncEngine.STAGE_BATCH + 1; i++) {
                qualys.hosts.add(host(100_000 + i, IpAddress.ofIpv4(0x0A01_0000L + i).toString()));
            }
            qualys.hostListFailure = new QualysException.Transport("list hosts", "connection reset", null);

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(store.unwaitedStagesAtFinish).as("batches staged and not waited for when the run ended")
                    .isZero();
            assertThat(store.staging).as("a batch was handed on before the failure").isNotEmpty();
        }

        @Test
        void aSuccessfulRunClearsTheMark() {
            store.settings.setCredentialsRejected(true);

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(store.settings.isCredentialsRejected()).isFalse();
        }
    }

    @Nested
    class TheLease {

        @Test
        void heldByARunningRunRefusesAndSaysWhoRunsSinceWhenWhere() throws Exception {
            SyncEngine other = engine("node-b");
            SyncEngine.Started first = other.start(SyncTrigger.TIMER, null);
            store.step(first.runId(), "Fetching the scanned hosts from Qualys");
            clock.advance(Duration.ofMinutes(1));

            assertThatThrownBy(() -> engine.start(SyncTrigger.MANUAL, "alice"))
                    .isInstanceOf(SyncRefusedException.class)
                    .hasMessage("A sync run is already in progress: started by the polling timer at "
                            + "2026-03-01 10:00 UTC on node-b (Fetching the scanned hosts from Qualys).");
            assertThat(store.runCount()).isEqualTo(1);
        }

        @Test
        void heldByAManualRunNamesTheAdmin() throws Exception {
            engine("node-b").start(SyncTrigger.MANUAL, "bob");

            assertThatThrownBy(() -> engine.start(SyncTrigger.TIMER, null))
                    .hasMessage("A sync run is already in progress: started by bob at 2026-03-01 10:00 UTC on node-b.");
        }

        @Test
        void heldWhileARunIsBeingCreatedRefusesWithoutDetails() {
            assertThat(store.tryAcquireLease("node-b#12345678", TTL)).isPresent();

            assertThatThrownBy(() -> engine.start(SyncTrigger.TIMER, null))
                    .hasMessage("A sync run is already starting; try again in a moment.");
        }

        @Test
        void expiredIsTakenOverAndTheStaleRunStopsAtItsNextHeartbeat() throws Exception {
            SyncEngine.Started stale = engine("node-b").start(SyncTrigger.TIMER, null);
            clock.advance(TTL.plusSeconds(1));

            SyncEngine.Started fresh = engine.start(SyncTrigger.MANUAL, "alice");

            assertThat(store.lease()).map(SyncLeaseRepository.Holder::runId).contains(fresh.runId());
            assertThat(store.heartbeat(stale.leaseHolder(), TTL)).isFalse();
        }

        @Test
        void stolenMidRunStopsTheRunBeforeItWritesToQualys() {
            store.edit(e -> e.autoSubscribe(true));
            qualys.duringHostList = () -> {
                clock.advance(TTL.plusSeconds(1));
                assertThat(store.tryAcquireLease("node-b#12345678", TTL)).isPresent();
            };

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.INTERRUPTED);
            assertThat(run.getErrorText()).startsWith("This run lost");
            assertThat(qualys.writes()).isEmpty();
            assertThat(qualys.calls).containsExactly("list subscribed IPs", "list hosts");
            assertThat(store.subscribed.isEmpty()).isTrue();
            assertThat(store.lease()).map(SyncLeaseRepository.Holder::holder).contains("node-b#12345678");
        }

        @Test
        void stolenBetweenStepsStopsTheRunBeforeTheNextStep() {
            qualys.hosts.clear();
            qualys.duringHostList = () -> {
                clock.advance(TTL.plusSeconds(1));
                assertThat(store.tryAcquireLease("node-b#12345678", TTL)).isPresent();
            };

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.INTERRUPTED);
            assertThat(store.steps()).last().isEqualTo("Fetching the scanned hosts from Qualys");
            assertThat(store.subscribed.isEmpty()).isTrue();
            assertThat(qualys.writes()).isEmpty();
        }

        /**
         * A process frozen right after its heartbeat (a long pause) resumes with the snapshot write: the heartbeat
         * passed, so only the token checked by the write itself keeps the stale snapshot out.
         */
        @Test
        void takenOverBetweenTheHeartbeatAndTheSnapshotWriteStoresNothingAndEndsInterrupted() {
            store.subscribed = IpRangeSet.parseList("192.0.2.0/24");
            store.beforeSnapshotWrite = () -> {
                clock.advance(TTL.plusSeconds(1));
                assertThat(store.tryAcquireLease("node-b#12345678", TTL)).isPresent();
            };

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.INTERRUPTED);
            assertThat(run.getErrorText()).startsWith("This run lost the sync lease");
            assertThat(store.subscribed).isEqualTo(IpRangeSet.parseList("192.0.2.0/24"));
            assertThat(store.scannedHosts).isEmpty();
            assertThat(qualys.writes()).isEmpty();
            assertThat(store.lease()).map(SyncLeaseRepository.Holder::holder).contains("node-b#12345678");
        }

        @Test
        void takenOverDuringTheGroupEditLeavesTheGroupRecordToTheNewRun() {
            manyUnscannedHosts();
            qualys.addGroup(42, TITLE);
            store.adoptGroup(42, TITLE);
            store.beforeGroupPushed = () -> {
                clock.advance(TTL.plusSeconds(1));
                assertThat(store.tryAcquireLease("node-b#12345678", TTL)).isPresent();
            };

            SyncRun run = runAgain();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.INTERRUPTED);
            assertThat(store.group.getPushedRanges()).as("the group record a newer run would write").isNull();
        }

        @Test
        void takingTheLeaseMovesItsTokenOn() {
            long first = store.tryAcquireLease("node-b#1", TTL).orElseThrow();
            store.releaseLease("node-b#1");

            assertThat(store.tryAcquireLease("node-a#2", TTL)).hasValue(first + 1);
        }

        @Test
        void isGivenBackAfterASuccess() {
            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(store.lease()).isEmpty();
        }

        @Test
        void isGivenBackAfterAFailure() {
            qualys.refusal = new QualysException.ServerError("list subscribed IPs", 500, 999, "Internal error", null);

            SyncRun run = run();

            assertThat(run.getOutcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(store.lease()).isEmpty();
        }

        @Test
        void isGivenBackWhenTheRunIsNotDueAfterAll() throws Exception {
            Optional<SyncEngine.Started> started = engine.startIf(SyncTrigger.TIMER, null, () -> false);

            assertThat(started).isEmpty();
            assertThat(store.runCount()).isZero();
            assertThat(store.lease()).isEmpty();
        }

        @Test
        void isGivenBackWhenOpeningTheRunFails() {
            assertThatThrownBy(() -> engine.startIf(SyncTrigger.TIMER, null, () -> {
                throw new IllegalStateException("database away");
            })).hasMessage("database away");
            assertThat(store.lease()).isEmpty();
        }

        @Test
        void isAttachedToTheRunItStarted() throws Exception {
            SyncEngine.Started started = engine.start(SyncTrigger.TIMER, null);

            assertThat(store.lease()).map(SyncLeaseRepository.Holder::runId).contains(started.runId());
            assertThat(started.leaseHolder()).startsWith("node-a#");
            assertThat(store.onlyRun().getInstanceName()).isEqualTo("node-a");
        }
    }

    @Test
    void theEndIsRecordedWhenTheDatabaseWasAwayForAMoment() {
        store.finishFailures = 3;

        SyncRun run = run();

        assertThat(run.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(run.getEndedAt()).isEqualTo(OffsetDateTime.ofInstant(START.plusSeconds(3), ZoneOffset.UTC));
        assertThat(store.lease()).isEmpty();
    }

    @Test
    void anAbandonedRunIsRecordedFailedAndGivesTheLeaseBack() throws Exception {
        SyncEngine.Started started = engine.start(SyncTrigger.MANUAL, "alice");

        engine.abandon(started, "The executor is shut down");

        assertThat(store.onlyRun().getOutcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(store.onlyRun().getErrorText()).isEqualTo("The executor is shut down");
        assertThat(store.lease()).isEmpty();
        assertThat(qualys.calls).isEmpty();
    }

    @Test
    void runNowIsRefusedWhileTheIntegrationIsOff() {
        store.edit(e -> e.enabled(false));

        assertThatThrownBy(() -> engine.startManual("alice")).isInstanceOf(SyncRefusedException.class)
                .hasMessage("The Qualys integration is Off: switch it On in Settings > Integrations > Qualys to run it.");
        assertThat(store.lease()).isEmpty();
        assertThat(store.runCount()).isZero();
    }

    @Test
    void runNowIsRefusedWhileQualysRejectsTheStoredCredentials() {
        store.settings.setCredentialsRejected(true);

        assertThatThrownBy(() -> engine.startManual("alice")).isInstanceOf(SyncRefusedException.class)
                .hasMessageStartingWith("Sync stopped: Qualys rejected the credentials.");
        assertThat(store.lease()).isEmpty();
        assertThat(store.runCount()).isZero();
        assertThat(qualys.calls).as("no login sent").isEmpty();
    }

    @Test
    void runNowStartsAManualRunForTheAdmin() throws Exception {
        engine.startManual("alice");

        assertThat(store.onlyRun().getTrigger()).isEqualTo(SyncTrigger.MANUAL);
        assertThat(store.onlyRun().getTriggeredBy()).isEqualTo("alice");
        assertThat(store.onlyRun().getOutcome()).isEqualTo(SyncOutcome.RUNNING);
    }
}
