package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogBudgetTest {

    @Test
    void atMostTheBudgetPerWindowAndTheNextLineSaysHowManyWereLeftOut() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
        LogBudget budget = new LogBudget(3, Duration.ofMinutes(1), clock);
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        for (int i = 0; i < 500; i++) {
            assertThat(budget.take()).as("left out").isEqualTo(-1);
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(budget.take()).as("still the same minute").isEqualTo(-1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.take()).as("the first line of the next minute names the 501 left out").isEqualTo(501);
        assertThat(budget.take()).isZero();
    }
}
