package io.assetmanager.qualys.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which zones a run pushes, which it leaves unmapped, and which groups on record become orphans. */
class ZonePlanTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-01T10:00:00Z");

    private static ZoneGroup group(String zone, long id) {
        return new ZoneGroup(zone, id, "AM_" + zone, 1001, null, T, null, null, null, null);
    }

    @Test
    void mappedZonesWithHostsArePushedUnmappedOnesListedAndGroupsOfGoneZonesAreOrphans() {
        ZoneMapping dc = new ZoneMapping("dc", 1001, 43575L);
        ZoneMapping old = new ZoneMapping("branch-old", 1002, null);
        ZonePlan plan = ZonePlan.of(List.of("lab", "dc", "branch"), Map.of("dc", dc, "branch-old", old),
                List.of(group("dc", 7), group("branch-old", 8)));

        assertThat(plan.pushed()).extracting(ZonePlan.Target::zone).containsExactly("dc");
        assertThat(plan.pushed().get(0).mapping()).isEqualTo(dc);
        assertThat(plan.pushed().get(0).recorded().qualysId()).isEqualTo(7);
        assertThat(plan.unmapped()).as("zones with hosts but no network, in name order").containsExactly("branch", "lab");
        assertThat(plan.orphans()).as("the renamed zone's group: its zone holds no host any more")
                .extracting(ZoneGroup::qualysId).containsExactly(8L);
        assertThat(plan.pushedZones()).containsExactly("dc");
    }

    @Test
    void aZoneUnmappedKeepsItsGroupAsAnOrphanAndANewZoneHasNoRecord() {
        ZonePlan plan = ZonePlan.of(List.of("dc", "new"), Map.of("new", new ZoneMapping("new", 0, null)),
                List.of(group("dc", 7)));
        assertThat(plan.orphans()).extracting(ZoneGroup::zone).containsExactly("dc");
        assertThat(plan.unmapped()).containsExactly("dc");
        assertThat(plan.pushed().get(0).recorded()).isNull();
    }

    @Test
    void theTitleIsTheGroupTitleAndTheZone() {
        assertThat(ZonePlan.title("Asset Manager_DISCOVERED", "DMZ")).isEqualTo("Asset Manager_DISCOVERED_DMZ");
    }
}
