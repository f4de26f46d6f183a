package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.QualysApi;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.api.RateLimitStatus;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZoneMapping;
import io.assetmanager.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs with Asset Mapping by Zone On, against Qualys and the store in memory: one group per mapped zone in its
 * network, nothing for an unmapped zone, orphans reported and kept, a new network a new group.
 */
class SyncEngineZoneTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TITLE = "Asset Manager_DISCOVERED";
    private static final IpRangeSet DC = IpRangeSet.parseList("10.0.0.1, 10.0.0.2, 10.0.0.3");
    private static final IpRangeSet BRANCH = IpRangeSet.parseList("10.0.1.5, 10.0.1.6");
    private static final IpRangeSet LAB = IpRangeSet.parseList("192.168.1.10");
    private static final IpRangeSet S = IpRangeSet.parseList("10.0.0.0-10.0.1.255, 172.16.0.1");

    private final ManualClock clock = new ManualClock(START);
    private final InMemorySyncStore store = new InMemorySyncStore(clock);
    private final FakeQualys qualys = new FakeQualys();
    private final SyncEngine engine = new SyncEngine(store, qualys, () -> clock.millis() * 1_000_000, "node-a",
            Duration.ofMinutes(5), new DatabaseRetry(Duration.ofSeconds(60), Duration.ofSeconds(1), clock::advance,
                    clock::millis), Throwable::getMessage, clock);

    @BeforeEach
    void threeZonesTwoMapped() {
        zones(DC, BRANCH, LAB);
        qualys.subscription = S;
        qualys.hosts.add(new QualysHost(1, IpAddress.parse("10.0.0.2"), null, null, null, "IP", null));
        store.zoneMappingOn = true;
        store.zoneMappings.put("dc", new ZoneMapping("dc", 1001, 43575L));
        store.zoneMappings.put("branch", new ZoneMapping("branch", 1002, null));
    }

    private void zones(IpRangeSet dc, IpRangeSet branch, IpRangeSet lab) {
        store.zoneHosts.clear();
        store.zoneHosts.put("dc", dc);
        store.zoneHosts.put("branch", branch);
        store.zoneHosts.put("lab", lab);
        store.indexed = dc.union(branch).union(lab);
    }

    private SyncRun run() {
        try {
            SyncEngine.Started started = engine.start(SyncTrigger.MANUAL, "admin");
            engine.execute(started);
            return store.run(started.runId()).orElseThrow();
        } catch (SyncRefusedException e) {
            throw new AssertionError(e);
        }
    }

    private AssetGroup group(String zone) {
        return qualys.groups.values().stream().filter(g -> g.title().equals(TITLE + "_" + zone)).findFirst()
                .orElseThrow(() -> new AssertionError("no group for zone " + zone + " in " + qualys.groups.values()));
    }

    @Test
    void eachMappedZoneGetsItsGroupInItsNetworkWithItsOwnHostsAndTheUnmappedZoneNothing() {
        SyncRun run = run();

        assertThat(run.getOutcome()).as(run.getErrorText()).isEqualTo(SyncOutcome.SUCCEEDED);
        AssetGroup dc = group("dc");
        assertThat(dc.networkId()).isEqualTo(1001);
        assertThat(dc.applianceIds()).containsExactly(43575L);
        assertThat(dc.ips()).as("(I_dc ∩ S) − M").isEqualTo(IpRangeSet.parseList("10.0.0.1, 10.0.0.3"));
        AssetGroup branch = group("branch");
        assertThat(branch.networkId()).isEqualTo(1002);
        assertThat(branch.applianceIds()).isEmpty();
        assertThat(branch.ips()).isEqualTo(BRANCH);
        assertThat(qualys.groups.values()).extracting(AssetGroup::title).as("no DISCOVERED group, none for lab")
                .containsExactlyInAnyOrder(TITLE + "_dc", TITLE + "_branch");
        assertThat(run.getCountDiscovered()).isEqualTo(java.math.BigInteger.valueOf(4));
        assertThat(run.getZoneGroups()).contains("lab: not mapped to a Qualys network: nothing pushed",
                "dc: group " + dc.id() + " created in network 1001; group " + dc.id() + " (network 1001) set to 2 IPs");
        assertThat(store.zoneGroups.get("dc").pushedRanges()).isEqualTo("10.0.0.1,10.0.0.3");

        qualys.calls.clear();
        SyncRun again = run();
        assertThat(again.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(qualys.writes()).as("nothing changed: nothing written").isEmpty();
        assertThat(qualys.calls).as("one read for both zone groups").containsExactly("list subscribed IPs",
                "list hosts", "find groups " + List.of(Math.min(dc.id(), branch.id()), Math.max(dc.id(), branch.id())));
    }

    /** 10.0.0.3 is a device in dc and another one in branch (overlapping private ranges): both groups hold it. */
    @Test
    void anAddressIndexedInTwoZonesIsInBothZonesGroups() {
        zones(DC, BRANCH.union(IpRangeSet.parseList("10.0.0.3")), LAB);
        SyncRun run = run();

        assertThat(run.getOutcome()).as(run.getErrorText()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(group("dc").ips()).isEqualTo(IpRangeSet.parseList("10.0.0.1, 10.0.0.3"));
        assertThat(group("branch").ips()).isEqualTo(IpRangeSet.parseList("10.0.0.3, 10.0.1.5, 10.0.1.6"));
        assertThat(run.getCountDiscovered()).as("what the groups hold: 10.0.0.3 counts in each zone")
                .isEqualTo(java.math.BigInteger.valueOf(5));
    }

    @Test
    void withAutoSubscribeOnAZoneGroupHoldsOnlyItsZonesHosts() {
        store.edit(e -> e.autoSubscribe(true));
        SyncRun run = run();
        assertThat(run.getOutcome()).as(run.getErrorText()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(qualys.subscription).as("A = I − S, every zone").isEqualTo(S.union(LAB));
        assertThat(group("dc").ips()).as("S' − M, within the zone").isEqualTo(IpRangeSet.parseList("10.0.0.1, 10.0.0.3"));
        assertThat(group("branch").ips()).isEqualTo(BRANCH);
    }

    @Test
    void aRenamedZoneLeavesItsGroupAsAnOrphanThatNoRunDeletes() {
        run();
        long branchGroup = group("branch").id();
        store.zoneHosts.remove("branch");
        store.zoneHosts.put("branches", BRANCH);
        store.zoneMappings.remove("branch");
        store.zoneMappings.put("branches", new ZoneMapping("branches", 1002, null));

        SyncRun run = run();

        assertThat(run.getOutcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        ZoneGroup orphan = store.zoneGroups.get("branch");
        assertThat(orphan.orphanSince()).isNotNull();
        assertThat(qualys.groups).as("kept in Qualys").containsKey(branchGroup);
        assertThat(group("branches").ips()).isEqualTo(BRANCH);
        assertThat(run.getZoneGroups()).contains("branch: orphaned group " + branchGroup);

        clock.advance(Duration.ofHours(1));
        run();
        assertThat(store.zoneGroups.get("branch").orphanSince()).as("first seen, kept").isEqualTo(orphan.orphanSince());
        assertThat(qualys.groups).containsKey(branchGroup);
    }

    @Test
    void anotherNetworkRecreatesTheGroupAndAnotherApplianceIsOneEdit() {
        run();
        long dc = group("dc").id();
        long branch = group("branch").id();
        store.zoneMappings.put("dc", new ZoneMapping("dc", 1003, null));
        store.zoneMappings.put("branch", new ZoneMapping("branch", 1002, 43580L));
        qualys.calls.clear();

        SyncRun run = run();

        assertThat(run.getOutcome()).as(run.getErrorText()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(qualys.groups).doesNotContainKey(dc);
        assertThat(group("dc").networkId()).isEqualTo(1003);
        assertThat(group("dc").ips()).isEqualTo(IpRangeSet.parseList("10.0.0.1, 10.0.0.3"));
        assertThat(group("branch").id()).as("same network: kept").isEqualTo(branch);
        assertThat(group("branch").applianceIds()).containsExactly(43580L);
        assertThat(qualys.writes()).as("zones in name order; no edit of branch's IPs, which did not change")
                .containsExactly("set appliances of group " + branch + " [43580]", "delete group " + dc,
                        "create group " + TITLE + "_dc in network 1003",
                        "edit group " + group("dc").id() + " add_ips 10.0.0.1,10.0.0.3");
        assertThat(store.zoneGroups.get("branch").applianceId()).isEqualTo(43580L);
        assertThat(run.getZoneGroups()).contains("dc: its network changed from 1001");
    }

    @Test
    void aGroupOfTheTitleIsAdoptedInItsNetworkAndOneInAnotherNetworkIsLeftAloneAndReported() {
        qualys.groups.put(50L, new AssetGroup(50, TITLE + "_dc", IpRangeSet.parseList("10.0.0.9"), 1001L, 43575L,
                List.of(43575L)));
        qualys.groups.put(51L, new AssetGroup(51, TITLE + "_branch", IpRangeSet.parseList("10.0.1.9"), 0L, null,
                List.of()));

        SyncRun run = run();

        assertThat(run.getOutcome()).as(run.getErrorText()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(group("dc").id()).isEqualTo(50);
        assertThat(group("dc").ips()).isEqualTo(IpRangeSet.parseList("10.0.0.1, 10.0.0.3"));
        assertThat(qualys.groups.get(51L).ips()).as("not Asset Manager's: untouched")
                .isEqualTo(IpRangeSet.parseList("10.0.1.9"));
        assertThat(qualys.groups.values()).extracting(AssetGroup::title).containsOnlyOnce(TITLE + "_branch");
        assertThat(store.zoneGroups).doesNotContainKey("branch");
        assertThat(run.getZoneGroups()).contains("branch: a group titled \"" + TITLE + "_branch\" (51) exists in"
                + " network 0, not in the zone's network 1002: nothing pushed for this zone");
    }

    @Test
    void switchedOffTheZoneGroupsBecomeOrphansOnceAndTheDiscoveredGroupIsSetAgain() {
        run();
        store.zoneMappingOn = false;

        SyncRun off = run();

        assertThat(off.getOutcome()).as(off.getErrorText()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(store.zoneGroups.values()).extracting(ZoneGroup::orphanSince).doesNotContainNull();
        assertThat(off.getZoneGroups()).isEqualTo(SyncEngine.ZONES_OFF + "2 zone groups are no longer set; they are"
                + " listed as orphans on Settings > Zones: Qualys until an admin deletes them");
        assertThat(qualys.groups.values()).extracting(AssetGroup::title).contains(TITLE, TITLE + "_dc",
                TITLE + "_branch");
        assertThat(run().getZoneGroups()).as("said once").isNull();
    }

    @Test
    void theRunPlansTheZoneGroupsCalls() {
        SyncRun first = run();
        assertThat(first.getPlannedCalls()).as("subscription, host page, 2 titles, 2 creates, 2 edits")
                .isEqualTo(first.getQualysCalls()).isEqualTo(8);
        qualys.calls.clear();
        SyncRun again = run();
        assertThat(again.getPlannedCalls()).as("subscription, host page, one list of both groups")
                .isEqualTo(qualys.calls.size()).isEqualTo(3);
    }

    @Test
    void aNewGroupTitleRenamesTheZoneGroupsAndKeepsThem() {
        run();
        long dc = group("dc").id();
        long branch = group("branch").id();
        store.edit(e -> e.assetGroupTitle("AM"));
        qualys.calls.clear();

        SyncRun run = run();

        assertThat(run.getOutcome()).as(run.getErrorText()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(qualys.groups.get(dc).title()).isEqualTo("AM_dc");
        assertThat(qualys.groups.get(branch).title()).isEqualTo("AM_branch");
        assertThat(qualys.writes()).containsExactly("rename group " + branch + " to AM_branch",
                "rename group " + dc + " to AM_dc");
        assertThat(run.getPlannedCalls()).isEqualTo(qualys.calls.size());
        assertThat(store.zoneGroups.get("dc").title()).isEqualTo("AM_dc");
        assertThat(run.getZoneGroups()).contains("dc: group " + dc + " renamed from \"" + TITLE + "_dc\"");
        qualys.calls.clear();
        run();
        assertThat(qualys.writes()).isEmpty();
    }

    @Test
    void aGroupDeletedInQualysIsCreatedAgain() {
        run();
        long dc = group("dc").id();
        qualys.groups.remove(dc);
        SyncRun run = run();
        assertThat(run.isGroupRecreated()).isTrue();
        assertThat(group("dc").id()).isNotEqualTo(dc);
        assertThat(store.zoneGroups.get("dc").qualysId()).isEqualTo(group("dc").id());
    }

    @Test
    void aRunPausesBeforeCreatingZoneGroupsWhenTheQuotaCannotHoldThem() {
        qualys.limits.put(QualysApi.ASSET_GROUP, new RateLimitStatus(300, 3600, 160, 0, 2, 0, START));
        qualys.limits.put(QualysApi.SUBSCRIPTION, new RateLimitStatus(300, 3600, 290, 0, 2, 0, START));
        SyncRun ok = run();
        assertThat(ok.getOutcome()).as(ok.getErrorText()).isEqualTo(SyncOutcome.SUCCEEDED);

        store.zoneMappings.put("lab", new ZoneMapping("lab", 1003, null));
        qualys.limits.put(QualysApi.ASSET_GROUP, new RateLimitStatus(300, 3600, 150, 0, 2, 0, START));
        qualys.calls.clear();
        SyncRun paused = run();
        assertThat(paused.getOutcome()).isEqualTo(SyncOutcome.PAUSED);
        assertThat(paused.getErrorText()).contains("Paused before setting the zone groups");
        assertThat(qualys.writes()).isEmpty();
    }
}
