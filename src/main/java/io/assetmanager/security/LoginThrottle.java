package io.assetmanager.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failed logins in a row for one user name from one
 * address, that pair is locked for {@code assetmanager.login.lockSeconds} (a system property, 30 by default), and
 * every further failure after a lock doubles the next lock, up to 15 minutes. A locked login is refused without
 * looking at the password; a successful login clears the count. Kept in memory per instance: a restart forgets it.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final String LOCK_SECONDS_PROPERTY = "assetmanager.login.lockSeconds";
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** Bounds the memory an attacker can make us use with made-up user names. */
    private static final int MAX_TRACKED = 10_000;

    /** The failures of one user name from one address. */
    private record Failures(int count, Instant lockedUntil) {
    }

    /** What a failed login led to: how many failures in a row, and the seconds of the lock it started (or 0). */
    public record Failure(int count, long lockSeconds) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Duration firstLock;
    private final Clock clock;

    public LoginThrottle() {
        this(Duration.ofSeconds(Long.getLong(LOCK_SECONDS_PROPERTY, 30)), Clock.systemUTC());
    }

    LoginThrottle(Duration firstLock, Clock clock) {
        this.firstLock = firstLock;
        this.clock = clock;
    }

    /** The seconds until this user name may try again from this address, 0 when it may now. */
    public long secondsLocked(String username, String address) {
        Failures f = failures.get(key(username, address));
        if (f == null || f.lockedUntil() == null) {
            return 0;
        }
        long millis = Duration.between(clock.instant(), f.lockedUntil()).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    public Failure failed(String username, String address) {
        if (failures.size() >= MAX_TRACKED) {
            forgetUnlocked();
        }
        Failures f = failures.merge(key(username, address), new Failures(1, null),
                (old, one) -> next(old.count() + 1));
        return new Failure(f.count(), secondsLocked(username, address));
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private Failures next(int count) {
        if (count < FREE_FAILURES) {
            return new Failures(count, null);
        }
        int doublings = Math.min(count - FREE_FAILURES, 20);
        Duration lock = firstLock.multipliedBy(1L << doublings);
        return new Failures(count, clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock));
    }

    private void forgetUnlocked() {
        Instant now = clock.instant();
        failures.values().removeIf(f -> f.lockedUntil() == null || f.lockedUntil().isBefore(now));
    }

    private static String key(String username, String address) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        return (name.length() > 256 ? name.substring(0, 256) : name) + "\n" + address;
    }
}
