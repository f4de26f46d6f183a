package io.assetmanager.qualys.sync;

import io.assetmanager.platform.Sleeper;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Repeats a short database write that failed, for a while: what a run must record at its end (its outcome, the lease
 * given back) still has to reach the database when the database was unreachable for a moment. Plain Java, so that
 * the rule is tested without a container.
 */
final class DatabaseRetry {

    private final Duration patience;
    private final Duration pause;
    private final Sleeper sleeper;
    private final Supplier<Long> clockMillis;

    DatabaseRetry(Duration patience, Duration pause, Sleeper sleeper, Supplier<Long> clockMillis) {
        this.patience = patience;
        this.pause = pause;
        this.sleeper = sleeper;
        this.clockMillis = clockMillis;
    }

    static DatabaseRetry standard() {
        return new DatabaseRetry(Duration.ofSeconds(60), Duration.ofSeconds(1), Sleeper.REAL,
                System::currentTimeMillis);
    }

    /**
     * Runs {@code write} until it succeeds or {@code patience} has passed since the first attempt.
     *
     * @return the number of attempts it took
     * @throws RuntimeException the last failure, when it never succeeded
     */
    int run(Runnable write) {
        long deadline = clockMillis.get() + patience.toMillis();
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                write.run();
                return attempt;
            } catch (RuntimeException e) {
                failure = e;
            }
            if (clockMillis.get() + pause.toMillis() > deadline) {
                throw failure;
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }
}
