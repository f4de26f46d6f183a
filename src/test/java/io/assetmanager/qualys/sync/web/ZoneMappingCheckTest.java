package io.assetmanager.qualys.sync.web;

import io.assetmanager.qualys.zones.ZoneMapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.qualys.api.QualysNetwork;
import io.assetmanager.qualys.api.ScannerAppliance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks of a save against the lists Qualys gave, and the flags the page shows. */
class ZoneMappingCheckTest {

    private static final ZoneMappingService.QualysLists LISTS = new ZoneMappingService.QualysLists(
            List.of(new QualysNetwork(0, "Global Default Network"), new QualysNetwork(1001, "Data centre"),
                    new QualysNetwork(1003, "Lab")),
            List.of(new ScannerAppliance(43575, "dc_scanner_1", 1001L, "Online"),
                    new ScannerAppliance(43570, "global_scanner", 0L, "Online")), null);

    @Test
    void aGoodMappingPasses() {
        assertThat(ZoneMappingService.check(true, List.of(new ZoneMapping("dc", 1001, 43575L),
                new ZoneMapping("lab", 1003, null)), LISTS)).isEmpty();
    }

    @Test
    void anUnknownNetworkAnUnknownApplianceAndAnApplianceOfAnotherNetworkAreRefusedByZone() {
        assertThat(ZoneMappingService.check(true, List.of(new ZoneMapping("a", 2000, null),
                new ZoneMapping("b", 1001, 99L), new ZoneMapping("c", 1001, 43570L)), LISTS))
                .containsExactly(new ZoneMappingService.Problem("a", "Qualys lists no network 2000"),
                        new ZoneMappingService.Problem("b", "Qualys lists no scanner appliance 99"),
                        new ZoneMappingService.Problem("c", "scanner appliance global_scanner (43570) is in network 0,"
                                + " not in network 1001"));
    }

    @Test
    void switchingOnWithNoZoneMappedIsRefused() {
        assertThat(ZoneMappingService.check(true, List.of(), LISTS)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Map at least one zone"));
        assertThat(ZoneMappingService.check(false, List.of(), LISTS)).isEmpty();
    }

    @Test
    void anUnmappedZoneAndANetworkWithoutApplianceAreFlagged() {
        assertThat(ZoneMappingService.flag("lab", null, LISTS)).contains("Not mapped: nothing is pushed for this zone");
        assertThat(ZoneMappingService.flag("lab", new ZoneMapping("lab", 1003, null), LISTS)).hasValueSatisfying(
                f -> assertThat(f).startsWith("Network 1003 has no scanner appliance"));
        assertThat(ZoneMappingService.flag("dc", new ZoneMapping("dc", 1001, null), LISTS))
                .contains("No default scanner appliance chosen: scans of the group must name one");
        assertThat(ZoneMappingService.flag("dc", new ZoneMapping("dc", 1001, 43575L), LISTS)).isEmpty();
    }

    /** The audit trail names the network and the appliance as Qualys listed them, and gives IDs for the others. */
    @Test
    void theAuditTrailNamesTheNetworkAndTheApplianceWhenQualysListedThem() {
        assertThat(ZoneMappingService.describe(new ZoneMapping("dc", 1001, 43575L), LISTS))
                .isEqualTo("network Data centre (1001), appliance dc_scanner_1 (43575)");
        assertThat(ZoneMappingService.describe(new ZoneMapping("lab", 1003, null), LISTS))
                .isEqualTo("network Lab (1003), no appliance");
        assertThat(ZoneMappingService.describe(new ZoneMapping("old", 2000, 99L), LISTS))
                .as("removed from Qualys since").isEqualTo("network 2000, appliance 99");
        assertThat(ZoneMappingService.describe(new ZoneMapping("dc", 1001, 43575L), null))
                .as("lists never read").isEqualTo("network 1001, appliance 43575");
    }
}
