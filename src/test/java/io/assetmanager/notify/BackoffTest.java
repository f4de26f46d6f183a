package io.assetmanager.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromAMinuteUpToAnHour() {
        assertThat(Backoff.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Backoff.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Backoff.after(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(Backoff.after(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(Backoff.after(7)).isEqualTo(Duration.ofHours(1));
        assertThat(Backoff.after(1000)).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Backoff.after(0)).hasMessageContaining("at least 1");
    }

    @Test
    void givesUpAfterAboutADay() {
        Duration total = Duration.ZERO;
        for (int failures = 1; failures < Backoff.MAX_ATTEMPTS; failures++) {
            total = total.plus(Backoff.after(failures));
        }
        assertThat(total).isBetween(Duration.ofHours(20), Duration.ofHours(30));
        assertThat(Backoff.givesUp(Backoff.MAX_ATTEMPTS - 1)).isFalse();
        assertThat(Backoff.givesUp(Backoff.MAX_ATTEMPTS)).isTrue();
    }
}
