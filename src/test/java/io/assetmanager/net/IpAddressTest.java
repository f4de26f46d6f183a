package io.assetmanager.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, 0.0.0.0",
            "10.0.0.1, 10.0.0.1",
            "' 192.168.1.10 ', 192.168.1.10",
            "255.255.255.255, 255.255.255.255",
            "::, ::",
            "::1, ::1",
            "2001:DB8::1, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "fe80::1:2:3:4, fe80::1:2:3:4",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "1::, 1::",
            "::ffff:10.0.0.1, 10.0.0.1",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    })
    void parsesAndFormatsCanonically(String text, String canonical) {
        assertThat(IpAddress.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10.0.0", "10.0.0.1.2", "256.0.0.1", "10.0.0.01", "10..0.1", "10.0.0.1.",
            "a.b.c.d", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", ":1::", "1:", "fe80::1%eth0", "::g",
            "1.2.3.4::", "10.0.0.-1", "١٠.0.0.1", "1:2:3:4:5:6:7:1.2.3.4"})
    void refusesInvalidText(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text))
                .isInstanceOf(IpParseException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void theMessageSaysWhatIsWrong() {
        assertThatThrownBy(() -> IpAddress.parse("10.0.0.300")).hasMessageContaining("300 is above 255");
        assertThatThrownBy(() -> IpAddress.parse("10.1.2")).hasMessageContaining("4 parts, found 3");
    }

    @Test
    void aLongEntryIsQuotedByItsBeginningOnly() {
        String entry = "é".repeat(30_000);
        assertThatThrownBy(() -> IpAddress.parse(entry)).isInstanceOf(IpParseException.class)
                .hasMessageStartingWith("'" + "é".repeat(60) + "…' is not a valid IP address")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200))
                .satisfies(e -> assertThat(((IpParseException) e).input()).isEqualTo(entry));
    }

    @Test
    void agreesWithTheJdkOnBytes() throws Exception {
        for (String text : new String[] {"10.1.2.3", "2001:db8::ff00:42:8329", "::1", "255.255.255.255"}) {
            byte[] jdk = InetAddress.getByName(text).getAddress();
            assertThat(IpAddress.fromBytes(jdk)).isEqualTo(IpAddress.parse(text));
        }
    }

    @Test
    void storageBytesSortLikeAddresses() {
        IpAddress[] ordered = {IpAddress.parse("::1"), IpAddress.parse("0.0.0.0"), IpAddress.parse("10.0.0.1"),
                IpAddress.parse("255.255.255.255"), IpAddress.parse("2001:db8::1"), IpAddress.parse("ffff::")};
        for (int i = 1; i < ordered.length; i++) {
            assertThat(ordered[i - 1]).isLessThan(ordered[i]);
            assertThat(java.util.Arrays.compareUnsigned(ordered[i - 1].toBytes(), ordered[i].toBytes())).isNegative();
            assertThat(ordered[i - 1].toHex()).isLessThan(ordered[i].toHex());
            assertThat(IpAddress.fromBytes(ordered[i].toBytes())).isEqualTo(ordered[i]);
        }
    }

    @Test
    void nextAndPreviousCarryAcrossTheWordBoundary() {
        IpAddress a = IpAddress.parse("::ffff:ffff:ffff:ffff");
        assertThat(a.next()).hasToString("0:0:0:1::");
        assertThat(a.next().previous()).isEqualTo(a);
        assertThat(IpAddress.parse("10.0.0.255").next()).hasToString("10.0.1.0");
    }

    @Test
    void familyIsKnown() {
        assertThat(IpAddress.parse("10.0.0.1").isIpv4()).isTrue();
        assertThat(IpAddress.parse("10.0.0.1").ipv4Value()).isEqualTo(0x0A000001L);
        assertThat(IpAddress.parse("2001:db8::1").isIpv4()).isFalse();
        assertThatThrownBy(() -> IpAddress.parse("::1").ipv4Value()).isInstanceOf(IllegalStateException.class);
    }
}
