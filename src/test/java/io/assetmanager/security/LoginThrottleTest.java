package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(30), clock, new MemoryThrottleStore());

    /** One attempt checked and wrong. */
    private LoginThrottle.Failure fail(String user, String address) {
        return throttle.failed(admitted(user, address));
    }

    private LoginThrottle.Attempt admitted(String user, String address) {
        LoginThrottle.Admission admission = throttle.admit(user, address);
        assertThat(admission).as("admitted " + user + " from " + address).isInstanceOf(LoginThrottle.Attempt.class);
        return (LoginThrottle.Attempt) admission;
    }

    @Test
    void theFifthFailureInARowLocksThatUserNameFromThatAddress() {
        for (int i = 1; i <= 4; i++) {
            assertThat(fail("viewer", "10.0.0.1")).isEqualTo(new LoginThrottle.Failure(i, 0));
        }
        assertThat(throttle.secondsLocked("viewer", "10.0.0.1")).isZero();
        assertThat(fail("viewer", "10.0.0.1")).isEqualTo(new LoginThrottle.Failure(5, 30));
        assertThat(throttle.secondsLocked("viewer", "10.0.0.1")).isEqualTo(30);
        assertThat(throttle.secondsLocked(" Viewer ", "10.0.0.1")).as("the same user name").isEqualTo(30);
        assertThat(throttle.admit("viewer", "10.0.0.1")).isEqualTo(
                new LoginThrottle.Refused(LoginThrottle.Scope.USER_NAME, 30));
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
            fail("admin", "10.0.0.1");
        }
        long[] expected = {60, 120, 240, 480, 900, 900};
        for (long seconds : expected) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(fail("admin", "10.0.0.1").lockSeconds()).isEqualTo(seconds);
        }
    }

    @Test
    void aSuccessClearsTheCount() {
        for (int i = 1; i <= 4; i++) {
            fail("admin", "10.0.0.1");
        }
        throttle.succeeded(admitted("admin", "10.0.0.1"));
        assertThat(fail("admin", "10.0.0.1").count()).isEqualTo(1);
    }

    @Test
    void attemptsInProgressCountSoParallelRequestsGetNoMoreChecksThanTheFreeFailures() {
        // 40 requests arrive together: each is admitted or refused before any password is checked.
        List<LoginThrottle.Attempt> checked = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            if (throttle.admit("viewer", "10.0.0.1") instanceof LoginThrottle.Attempt a) {
                checked.add(a);
            } else {
                refused++;
            }
        }
        assertThat(checked).hasSize(LoginThrottle.FREE_FAILURES);
        assertThat(refused).isEqualTo(35);
        checked.forEach(throttle::failed);
        assertThat(throttle.secondsLocked("viewer", "10.0.0.1")).isEqualTo(30);

        // Once the lock has passed, one attempt at a time.
        clock.advance(Duration.ofSeconds(30));
        LoginThrottle.Attempt one = admitted("viewer", "10.0.0.1");
        assertThat(throttle.admit("viewer", "10.0.0.1")).isInstanceOf(LoginThrottle.Refused.class);
        throttle.succeeded(one);
        admitted("viewer", "10.0.0.1");
    }

    @Test
    void oneAddressTryingManyUserNamesIsLockedBeforeAnyMorePasswordIsChecked() {
        for (int i = 1; i < LoginThrottle.ADDRESS_FREE_FAILURES; i++) {
            fail("made-up-" + i, "10.0.0.66");
        }
        assertThat(throttle.secondsLocked("anyone", "10.0.0.66")).isZero();
        fail("made-up-last", "10.0.0.66");
        assertThat(throttle.admit("another-name", "10.0.0.66")).isEqualTo(
                new LoginThrottle.Refused(LoginThrottle.Scope.ADDRESS, 30));
        assertThat(throttle.admit("admin", "10.0.0.67")).as("another address").isInstanceOf(LoginThrottle.Attempt.class);
        // A success from the address does not clear the address's count...
        clock.advance(Duration.ofSeconds(30));
        throttle.succeeded(admitted("viewer", "10.0.0.66"));
        assertThat(fail("made-up-again", "10.0.0.66").lockSeconds()).as("no lock of its own for that user name").isZero();
        assertThat(throttle.secondsLocked("anyone", "10.0.0.66")).as("the address lock doubled").isEqualTo(60);
        // ...but 15 minutes without a failure do.
        clock.advance(Duration.ofMinutes(16));
        for (int i = 1; i < LoginThrottle.ADDRESS_FREE_FAILURES; i++) {
            admitted("fresh-" + i, "10.0.0.66");
        }
    }

    @Test
    void anAttemptThatCouldNotBeCheckedIsNoFailureAndFreesItsPlace() {
        for (int i = 0; i < 50; i++) {
            throttle.abandoned(admitted("admin", "10.0.0.5"));
        }
        assertThat(throttle.secondsLocked("admin", "10.0.0.5")).isZero();
        assertThat(fail("admin", "10.0.0.5").count()).isEqualTo(1);
    }

    @Test
    void parallelAttemptsWithManyUserNamesAreBoundedByTheAddress() {
        int admitted = 0;
        for (int i = 0; i < 200; i++) {
            if (throttle.admit("random-" + i, "10.0.0.99") instanceof LoginThrottle.Attempt) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(LoginThrottle.ADDRESS_FREE_FAILURES);
    }

    @Test
    void anAttemptWhoseCountsStayBusyIsRefusedUnchecked() {
        int[] steps = {0};
        LoginThrottle busy = new LoginThrottle(Duration.ofSeconds(30), clock, new LoginThrottle.Store() {
            @Override
            public <T> T update(List<String> keys, java.util.function.Function<java.util.Map<String,
                    LoginThrottle.Count>, T> change) {
                steps[0]++;
                throw new LoginThrottle.Contention("busy", null);
            }

            @Override
            public long purge(Instant now, int maxRows) {
                return 0;
            }
        });
        assertThat(busy.admit("admin", "10.0.0.8")).isEqualTo(new LoginThrottle.Refused(LoginThrottle.Scope.USER_NAME, 1));
        assertThat(steps[0]).as("tried again before giving up").isEqualTo(10);
    }
}
