package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostFieldsTest {

    @ParameterizedTest
    @ValueSource(strings = {"00:1a:2b:3c:4d:5e", "00-1A-2B-3C-4D-5E", "001a.2b3c.4d5e", "001A2B3C4D5E", " 00:1a:2b:3c:4d:5e "})
    void macAddressesInTheUsualFormsAreStoredAsNmapWritesThem(String mac) {
        assertThat(HostFields.mac(mac)).isEqualTo("00:1A:2B:3C:4D:5E");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:1a:2b:3c:4d", "00:1a:2b:3c:4d:5g", "00:1a-2b:3c:4d:5e", "001a:2b3c:4d5e", "00::1a:2b:3c:4d:5",
            "0:1a:2b:3c:4d:5e:f"})
    void otherMacTextIsRefused(String mac) {
        assertThatThrownBy(() -> HostFields.mac(mac)).hasMessageStartingWith("mac: '").hasMessageContaining("not a MAC");
    }

    @Test
    void blankOptionalFieldsAreAbsent() {
        assertThat(HostFields.mac("  ")).isNull();
        assertThat(HostFields.hostname("")).isNull();
        assertThat(HostFields.zone(null)).isNull();
    }

    @Test
    void hostnamesAndLabelsHaveLimits() {
        assertThat(HostFields.hostname("db-01.corp_x.example")).isEqualTo("db-01.corp_x.example");
        assertThatThrownBy(() -> HostFields.hostname("a".repeat(256))).hasMessage("hostname: longer than 255 characters (256)");
        assertThatThrownBy(() -> HostFields.hostname("a\u0000b")).hasMessageContaining("\\u0000");
        assertThat(HostFields.zone("Paris – floor 2")).isEqualTo("Paris – floor 2");
        assertThatThrownBy(() -> HostFields.zone("a\nb")).hasMessageStartingWith("zone: ").hasMessageContaining("control");
    }
}
