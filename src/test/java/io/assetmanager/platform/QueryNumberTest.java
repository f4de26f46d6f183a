package io.assetmanager.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Whole-number query parameters: the default when absent, a message naming the parameter when wrong. */
class QueryNumberTest {

    @Test
    void aMissingOrBlankValueIsTheDefaultAndAGoodOneIsRead() {
        assertThat(QueryNumber.parse("limit", null, 100, 1, 1000)).isEqualTo(100);
        assertThat(QueryNumber.parse("limit", " ", 100, 1, 1000)).isEqualTo(100);
        assertThat(QueryNumber.parse("limit", " 25 ", 100, 1, 1000)).isEqualTo(25);
        assertThat(QueryNumber.parseInt("offset", "0", 0, 0, Integer.MAX_VALUE)).isZero();
    }

    @Test
    void textOutOfRangeAndHugeNumbersAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> QueryNumber.parse("limit", "abc", 100, 1, 1000))
                .isInstanceOfSatisfying(QueryNumber.BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("limit"))
                .hasMessage("Query parameter 'limit' must be a whole number from 1 to 1000, not 'abc'.");
        assertThatThrownBy(() -> QueryNumber.parse("limit", "0", 100, 1, 1000))
                .hasMessageContaining("not '0'");
        assertThatThrownBy(() -> QueryNumber.parse("offset", "99999999999999999999999", 0, 0, Long.MAX_VALUE))
                .hasMessageContaining("from 0 to 9223372036854775807, not '99999999999999999999999'");
        assertThatThrownBy(() -> QueryNumber.parse("offset", "1.5", 0, 0, 10)).hasMessageContaining("not '1.5'");
        assertThatThrownBy(() -> QueryNumber.parse("offset", "x".repeat(500), 0, 0, 10))
                .hasMessageContaining("not '" + "x".repeat(40) + "…'");
    }
}
