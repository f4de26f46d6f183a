package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostFilterTest {

    @Test
    void theZoneIsMatchedAsGivenWithoutItsOuterBlanks() {
        HostFilter dmz = HostFilter.parse(null, null, "  DMZ ");
        assertThat(dmz.zone()).isEqualTo("DMZ");
        assertThat(dmz.namedZone()).isTrue();
        assertThat(HostFilter.parse("", " ", " ")).as("blank filters filter nothing").isEqualTo(HostFilter.ALL);
        assertThat(HostFilter.ALL.namedZone()).isFalse();
    }

    @Test
    void theDefaultZoneIsAskedForByItsName() {
        HostFilter filter = HostFilter.parse("10.0.0.0/8", "Web", "default");
        assertThat(filter.zone()).isEqualTo(HostFields.DEFAULT_ZONE);
        assertThat(filter.namedZone()).as("one stretch of the (zone, ip) index too, since V26").isTrue();
        assertThat(filter.hostnameContains()).isEqualTo("web");
        assertThat(HostFilter.parse(null, null, "Default").zone()).as("zones match exactly")
                .isNotEqualTo(HostFields.DEFAULT_ZONE);
    }

    @Test
    void aHostWithoutAZoneIsInTheDefaultZone() {
        assertThat(HostFields.zoneName(null)).isEqualTo("default");
        assertThat(HostFields.zoneName("DMZ")).isEqualTo("DMZ");
    }
}
