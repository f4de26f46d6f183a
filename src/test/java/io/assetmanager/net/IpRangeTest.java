package io.assetmanager.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1, 10.0.0.1, 1",
            "10.0.0.1-10.0.0.9, 10.0.0.1-10.0.0.9, 9",
            "'10.0.0.1 - 10.0.0.9', 10.0.0.1-10.0.0.9, 9",
            "10.0.0.0/24, 10.0.0.0-10.0.0.255, 256",
            "10.0.0.77/24, 10.0.0.0-10.0.0.255, 256",
            "10.0.0.0/8, 10.0.0.0-10.255.255.255, 16777216",
            "0.0.0.0/0, 0.0.0.0-255.255.255.255, 4294967296",
            "10.0.0.5/32, 10.0.0.5, 1",
            "2001:db8::/32, 2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, 79228162514264337593543950336",
            "2001:db8::/64, 2001:db8::-2001:db8::ffff:ffff:ffff:ffff, 18446744073709551616",
            "2001:db8::/65, 2001:db8::-2001:db8::7fff:ffff:ffff:ffff, 9223372036854775808",
            "::/0, ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 340282366920938463463374607431768211456",
    })
    void parsesSinglesRangesAndCidr(String text, String canonical, String size) {
        IpRange range = IpRange.parse(text);
        assertThat(range).hasToString(canonical);
        assertThat(range.size()).isEqualTo(new BigInteger(size));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.9-10.0.0.1", "10.0.0.1-::1", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/",
            "10.0.0.0/x", "10.0.0.1-", "-10.0.0.1", "10.0.0.0/-1"})
    void refusesBadRanges(String text) {
        assertThatThrownBy(() -> IpRange.parse(text))
                .isInstanceOf(IpParseException.class)
                .hasMessageContaining(text.strip());
    }

    @Test
    void theIntersectionHoldsTheAddressesBothRangesHold() {
        IpRange slash8 = IpRange.parse("10.0.0.0/8");
        assertThat(slash8.intersection(IpRange.parse("10.1.0.0/16")))
                .contains(IpRange.parse("10.1.0.0/16"));
        assertThat(slash8.intersection(IpRange.parse("9.255.255.250-10.0.0.5")))
                .contains(IpRange.parse("10.0.0.0-10.0.0.5"));
        assertThat(slash8.intersection(IpRange.parse("11.0.0.0/8"))).isEmpty();
        assertThat(slash8.intersection(IpRange.parse("2001:db8::/32"))).isEmpty();
    }
}
