package io.assetmanager.it;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way integration tests wait: poll a condition until it holds or the timeout passes, then fail naming what
 * was awaited and the last value seen. Tests wait on conditions, never on fixed sleeps; the timeout only says when
 * to give up, it is not a claim about how fast the application is.
 */
public final class Wait {

    private static final Duration POLL = Duration.ofMillis(200);

    private Wait() {
    }

    /** Polls {@code condition} until it is true. */
    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        until(description, timeout, condition::getAsBoolean, Boolean.TRUE::equals, () -> "");
    }

    /** Polls {@code value} until it satisfies {@code done}, and returns that value. */
    public static <T> T until(String description, Duration timeout, Supplier<T> value, Predicate<? super T> done) {
        return until(description, timeout, value, done, () -> "");
    }

    /**
     * Polls {@code value} until it satisfies {@code done}, and returns that value; a failure ends with
     * {@code context} (e.g. the tail of a server's log). An exception or assertion error thrown while polling ends
     * the wait at once.
     */
    public static <T> T until(String description, Duration timeout, Supplier<T> value, Predicate<? super T> done,
            Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + description
                        + "; last value seen: " + Objects.toString(last) + context.get());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + description, e);
            }
            last = value.get();
        }
        return last;
    }
}
