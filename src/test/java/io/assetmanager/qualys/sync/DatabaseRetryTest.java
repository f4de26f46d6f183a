package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseRetryTest {

    /** A clock that only moves when the retry sleeps. */
    private long now;
    private final List<Duration> sleeps = new ArrayList<>();

    private DatabaseRetry retry(Duration patience, Duration pause) {
        return new DatabaseRetry(patience, pause, d -> {
            sleeps.add(d);
            now += d.toMillis();
        }, () -> now);
    }

    @Test
    void aWriteThatSucceedsIsDoneOnce() {
        int[] calls = {0};
        assertThat(retry(Duration.ofSeconds(60), Duration.ofSeconds(1)).run(() -> calls[0]++)).isEqualTo(1);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aWriteIsRepeatedUntilTheDatabaseIsBack() {
        int[] calls = {0};
        int attempts = retry(Duration.ofSeconds(60), Duration.ofSeconds(1)).run(() -> {
            if (++calls[0] < 4) {
                throw new IllegalStateException("Cannot update the sync lease: connection refused");
            }
        });
        assertThat(attempts).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void afterThePatienceTheLastFailureIsThrown() {
        int[] calls = {0};
        assertThatThrownBy(() -> retry(Duration.ofSeconds(5), Duration.ofSeconds(1)).run(() -> {
            throw new IllegalStateException("attempt " + ++calls[0]);
        })).isInstanceOf(IllegalStateException.class).hasMessage("attempt 6");
        assertThat(now).as("no sleep beyond the patience").isEqualTo(5_000);
    }

    @Test
    void anInterruptStopsTheRetriesAndKeepsTheInterrupt() {
        DatabaseRetry retry = new DatabaseRetry(Duration.ofSeconds(60), Duration.ofSeconds(1), d -> {
            throw new InterruptedException();
        }, () -> now);
        try {
            assertThatThrownBy(() -> retry.run(() -> {
                throw new IllegalStateException("down");
            })).hasMessage("down");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
