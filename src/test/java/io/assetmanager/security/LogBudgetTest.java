package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogBudgetTest {

    @Test
    void atMostTheBudgetPerWindowAndTheNextLineSaysHowManyWereLeftOut() {
        Instant start = Instant.parse("2026-12-06T10:00:00Z");
        Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
        LogBudget budget = new LogBudget(3, Duration.ofMinutes(1), new Clock() {
            @Override
            public Instant instant() {
                return clock[0].instant();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        for (int i = 0; i < 500; i++) {
            assertThat(budget.take()).as("left out").isEqualTo(-1);
        }
        clock[0] = Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC);
        assertThat(budget.take()).as("the first line of the next minute names the 500 left out").isEqualTo(500);
        assertThat(budget.take()).isZero();
    }
}
