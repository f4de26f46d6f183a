package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HoldRuleTest {

    private static final String STORED = "the stored snapshot has";

    private static HoldRule.Sizes sizes(long scanned, long subscribed) {
        return new HoldRule.Sizes(BigInteger.valueOf(scanned), BigInteger.valueOf(subscribed));
    }

    @Test
    void anEmptyBaselineNeverHolds() {
        assertThat(HoldRule.check(50, sizes(0, 0), sizes(0, 0), STORED)).isEmpty();
        assertThat(HoldRule.check(100, sizes(0, 0), sizes(5, 10), STORED)).isEmpty();
    }

    @Test
    void anEmptyAnswerHoldsWhateverTheThreshold() {
        assertThat(HoldRule.check(0, sizes(2003, 16_384), sizes(0, 16_384), STORED)).contains(
                "Qualys listed 0 scanned addresses (M) where the stored snapshot has 2,003");
        assertThat(HoldRule.check(0, sizes(2003, 16_384), sizes(2003, 0), "held run 7 had")).contains(
                "Qualys listed 0 subscribed IPs (S) where held run 7 had 16,384");
    }

    @Test
    void anAnswerBelowTheShareHoldsAndOneAtItDoesNot() {
        assertThat(HoldRule.check(50, sizes(1000, 16_384), sizes(499, 16_384), STORED)).contains(
                "Qualys listed 499 scanned addresses (M) where the stored snapshot has 1,000, less than 50 %");
        assertThat(HoldRule.check(50, sizes(1000, 16_384), sizes(500, 16_384), STORED)).isEmpty();
        assertThat(HoldRule.check(0, sizes(1000, 16_384), sizes(1, 1), STORED)).isEmpty();
        assertThat(HoldRule.check(100, sizes(1000, 16_384), sizes(999, 16_384), STORED)).isPresent();
        assertThat(HoldRule.check(100, sizes(1000, 16_384), sizes(1000, 16_384), STORED)).isEmpty();
    }

    @Test
    void bothListsShrunkAreNamedTogether() {
        assertThat(HoldRule.check(50, sizes(1000, 16_384), sizes(10, 100), STORED)).get().asString()
                .contains("scanned addresses (M)", "; Qualys listed 100 subscribed IPs (S)");
    }
}
