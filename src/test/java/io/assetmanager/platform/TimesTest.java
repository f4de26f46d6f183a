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

    @Test
    void anExportTimeIsWhatOffsetDateTimeWritesAtUtc() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_000_000_000L, 253_402_300_799L);
            int nano = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                case 3 -> random.nextInt(1_000_000_000);
                default -> 0;
            };
            if (i % 5 == 4) {
                second -= Math.floorMod(second, 60); // on the minute: no seconds written
            }
            OffsetDateTime t = java.time.Instant.ofEpochSecond(second, nano).atOffset(java.time.ZoneOffset.UTC);
            assertThat(Times.iso(t)).isEqualTo(t.toString());
        }
        assertThat(Times.iso(OffsetDateTime.parse("2026-12-07T01:30:00+10:30"))).isEqualTo("2026-12-06T15:00Z");
        assertThat(Times.iso(OffsetDateTime.parse("+12026-01-01T00:00:01Z"))).isEqualTo("+12026-01-01T00:00:01Z");
        assertThat(Times.iso(null)).isNull();
    }
}
