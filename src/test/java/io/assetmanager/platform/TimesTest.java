package io.assetmanager.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void aTimeIsShownInUtcToTheMinute() {
        assertThat(Times.format(OffsetDateTime.parse("2026-12-06T15:04:59Z"))).isEqualTo("2026-12-06 15:04 UTC");
    }

    @Test
    void aTimeWithAnotherOffsetIsShownAsTheSameInstantInUtc() {
        assertThat(Times.format(OffsetDateTime.parse("2026-12-07T01:30:00+10:30"))).isEqualTo("2026-12-06 15:00 UTC");
    }

    @Test
    void noTimeIsShownAsNothing() {
        assertThat(Times.format(null)).isEmpty();
    }
}
