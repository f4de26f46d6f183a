package io.assetmanager.notify;

import java.time.Duration;

/**
 * When a message that a channel refused is tried again: 1 minute after the first failure, then doubling, at most an
 * hour apart; after {@link #MAX_ATTEMPTS} attempts (about a day) it is given up and stays listed as failed.
 */
public final class Backoff {

    public static final int MAX_ATTEMPTS = 30;
    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofHours(1);

    private Backoff() {
    }

    /** The wait after the {@code failures}-th failed attempt (1 for the first). */
    public static Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, not " + failures);
        }
        int doublings = Math.min(failures - 1, 10);
        Duration wait = FIRST.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }

    public static boolean givesUp(int attempts) {
        return attempts >= MAX_ATTEMPTS;
    }
}
