package io.assetmanager.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds how many lines of one kind go to the log: at most {@code linesPerWindow} in each window; the lines left out
 * are counted and named by the next line written, so an attacker cannot fill the disk with failed logins and an
 * operator still sees how many there were.
 */
final class LogBudget {

    private final int linesPerWindow;
    private final Duration window;
    private final Clock clock;
    private Instant windowStart;
    private int written;
    private long suppressed;

    LogBudget(int linesPerWindow, Duration window, Clock clock) {
        this.linesPerWindow = linesPerWindow;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Whether a line may be written now.
     *
     * @return -1 when the line must be left out; otherwise how many lines were left out since the last one written
     */
    synchronized long take() {
        Instant now = clock.instant();
        if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            written = 0;
        }
        if (written >= linesPerWindow) {
            suppressed++;
            return -1;
        }
        written++;
        long left = suppressed;
        suppressed = 0;
        return left;
    }
}
