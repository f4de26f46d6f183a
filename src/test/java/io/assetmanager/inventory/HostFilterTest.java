package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostFilterTest {

    @Test
    void theZoneIsMatchedAsGivenWithoutItsOuterBlanks() {
        HostFilter dmz = HostFilter.parse(null, null, "  DMZ ");
        assertThat(dmz.zone()).isEqualTo("DMZ");
        assertThat(dmz.namedZone()).isTrue();
        assertThat(dmz.defaultZone()).isFalse();
        assertThat(HostFilter.parse("", " ", " ")).as("blank filters filter nothing").isEqualTo(HostFilter.ALL);
        assertThat(HostFilter.ALL.namedZone() || HostFilter.ALL.defaultZone()).isFalse();
    }

    @Test
    void theDefaultZoneIsAskedForByItsName() {
        HostFilter filter = HostFilter.parse("10.0.0.0/8", "Web", "default");
        assertThat(filter.defaultZone()).isTrue();
        assertThat(filter.namedZone()).isFalse();
        assertThat(filter.hostnameContains()).isEqualTo("web");
        assertThat(HostFilter.parse(null, null, "Default").defaultZone()).as("zones match exactly").isFalse();
    }

    @Test
    void aHostWithoutAZoneIsInTheDefaultZone() {
        assertThat(HostFields.zoneName(null)).isEqualTo("default");
        assertThat(HostFields.zoneName("DMZ")).isEqualTo("DMZ");
    }
}
