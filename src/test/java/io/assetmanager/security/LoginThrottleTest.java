package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(30), clock);

    @Test
    void theFifthFailureInARowLocksThatUserNameFromThatAddress() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.failed("viewer", "10.0.0.1")).isEqualTo(new LoginThrottle.Failure(i, 0));
        }
        assertThat(throttle.secondsLocked("viewer", "10.0.0.1")).isZero();
        assertThat(throttle.failed("viewer", "10.0.0.1")).isEqualTo(new LoginThrottle.Failure(5, 30));
        assertThat(throttle.secondsLocked("viewer", "10.0.0.1")).isEqualTo(30);
        assertThat(throttle.secondsLocked(" Viewer ", "10.0.0.1")).as("the same user name").isEqualTo(30);
        assertThat(throttle.secondsLocked("viewer", "10.0.0.2")).as("another address").isZero();
        assertThat(throttle.secondsLocked("admin", "10.0.0.1")).as("another user name").isZero();

        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.secondsLocked("viewer", "10.0.0.1")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.secondsLocked("viewer", "10.0.0.1")).isZero();
    }

    @Test
    void eachFailureAfterALockDoublesTheNextLockUpToFifteenMinutes() {
        for (int i = 1; i <= 5; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        long[] expected = {60, 120, 240, 480, 900, 900};
        for (long seconds : expected) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(throttle.failed("admin", "10.0.0.1").lockSeconds()).isEqualTo(seconds);
        }
    }

    @Test
    void aSuccessClearsTheCount() {
        for (int i = 1; i <= 4; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        throttle.succeeded("admin", "10.0.0.1");
        assertThat(throttle.failed("admin", "10.0.0.1").count()).isEqualTo(1);
    }
}
