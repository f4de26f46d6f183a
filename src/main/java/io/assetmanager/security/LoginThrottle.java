package io.assetmanager.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows down password guessing, before any password is checked (a check costs a PBKDF2 hash, about 20 ms of CPU).
 *
 * <p>Two counts, each kept in memory per instance (a restart forgets them):
 * <ul>
 * <li><b>One user name from one address</b>: after {@link #FREE_FAILURES} failed logins in a row, that pair is
 * locked for {@code assetmanager.login.lockSeconds} (a system property, 30 by default); every further failure after
 * a lock doubles the next lock, up to 15 minutes. A successful login clears this count.</li>
 * <li><b>One address, any user names</b>: after {@link #ADDRESS_FREE_FAILURES} failed logins, with the same locks.
 * This bounds the password checks an address can make us do with made-up user names. A success does not clear it
 * (an attacker holding one account could otherwise reset it); it is forgotten after 15 minutes without a failure.</li>
 * </ul>
 *
 * <p>An attempt is <em>admitted</em> before its password is checked, atomically: the attempts in progress count as
 * failures until they end, so parallel requests cannot get more checks than the counts allow. A refused attempt is
 * not checked and does not count.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final int ADDRESS_FREE_FAILURES = 20;
    static final String LOCK_SECONDS_PROPERTY = "assetmanager.login.lockSeconds";
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** An address's failures are forgotten after this long without one. */
    private static final Duration ADDRESS_MEMORY = MAX_LOCK;
    /** Bounds the memory an attacker can make us use with made-up user names. */
    private static final int MAX_TRACKED = 10_000;

    /** The failures of one key, its lock, and the attempts being checked now. */
    private static final class Count {
        int failures;
        int inFlight;
        Instant lockedUntil;
        Instant lastFailure;
    }

    /** Whose count refused an attempt. */
    public enum Scope {
        /** This user name from this address. */
        USER_NAME,
        /** This address, whatever the user name. */
        ADDRESS
    }

    /** The outcome of {@link #admit}: either an attempt to check and then report, or a refusal. */
    public sealed interface Admission permits Attempt, Refused {
    }

    /** An admitted attempt: check the password, then report {@link #failed} or {@link #succeeded} exactly once. */
    public record Attempt(String pairKey, String addressKey) implements Admission {
    }

    /** A refused attempt: not checked; try again in {@code seconds}. */
    public record Refused(Scope scope, long seconds) implements Admission {
    }

    /** What a failed login led to: failures in a row for the user name, and the seconds of a lock it started (or 0). */
    public record Failure(int count, long lockSeconds) {
    }

    private final Map<String, Count> counts = new HashMap<>();
    private final Duration firstLock;
    private final Clock clock;

    public LoginThrottle() {
        this(Duration.ofSeconds(Long.getLong(LOCK_SECONDS_PROPERTY, 30)), Clock.systemUTC());
    }

    LoginThrottle(Duration firstLock, Clock clock) {
        this.firstLock = firstLock;
        this.clock = clock;
    }

    /** Admits an attempt (it then counts as a failure until reported) or refuses it without a password check. */
    public synchronized Admission admit(String username, String address) {
        Instant now = clock.instant();
        String pairKey = pairKey(username, address);
        String addressKey = addressKey(address);
        Count pair = counts.get(pairKey);
        Count byAddress = current(addressKey, now);
        long pairLock = secondsLeft(pair, now);
        if (pairLock > 0) {
            return new Refused(Scope.USER_NAME, pairLock);
        }
        long addressLock = secondsLeft(byAddress, now);
        if (addressLock > 0) {
            return new Refused(Scope.ADDRESS, addressLock);
        }
        // The attempts in progress count as failures: at most as many at once as failures are still free.
        if (pair != null && pair.inFlight >= allowance(pair, FREE_FAILURES)) {
            return new Refused(Scope.USER_NAME, 1);
        }
        if (byAddress != null && byAddress.inFlight >= allowance(byAddress, ADDRESS_FREE_FAILURES)) {
            return new Refused(Scope.ADDRESS, 1);
        }
        if (counts.size() >= MAX_TRACKED) {
            forgetIdle(now);
        }
        counts.computeIfAbsent(pairKey, k -> new Count()).inFlight++;
        counts.computeIfAbsent(addressKey, k -> new Count()).inFlight++;
        return new Attempt(pairKey, addressKey);
    }

    /** The password was wrong: counts the failure for the user name and for the address, and locks when due. */
    public synchronized Failure failed(Attempt attempt) {
        Instant now = clock.instant();
        Count pair = fail(attempt.pairKey(), FREE_FAILURES, now);
        fail(attempt.addressKey(), ADDRESS_FREE_FAILURES, now);
        return new Failure(pair.failures, secondsLeft(pair, now));
    }

    /** The password was right: the user name's count is cleared; the address's count stays. */
    public synchronized void succeeded(Attempt attempt) {
        Count pair = release(attempt.pairKey());
        if (pair != null) {
            pair.failures = 0;
            pair.lockedUntil = null;
            if (pair.inFlight == 0) {
                // Attempts still being checked keep the entry, so they stay counted.
                counts.remove(attempt.pairKey());
            }
        }
        release(attempt.addressKey());
    }

    /** The password could not be checked: the attempt no longer counts, and is no failure. */
    public synchronized void abandoned(Attempt attempt) {
        release(attempt.pairKey());
        release(attempt.addressKey());
    }

    /** Ends one attempt in progress of this key; its count, or null when there is none. */
    private Count release(String key) {
        Count c = counts.get(key);
        if (c != null && c.inFlight > 0) {
            c.inFlight--;
        }
        return c;
    }

    /** The seconds until this user name may try again from this address (its own lock or the address's), or 0. */
    synchronized long secondsLocked(String username, String address) {
        Instant now = clock.instant();
        return Math.max(secondsLeft(counts.get(pairKey(username, address)), now),
                secondsLeft(current(addressKey(address), now), now));
    }

    private Count fail(String key, int free, Instant now) {
        Count c = release(key);
        if (c == null) {
            c = new Count();
            counts.put(key, c);
        }
        c.failures++;
        c.lastFailure = now;
        if (c.failures >= free) {
            int doublings = Math.min(c.failures - free, 20);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            c.lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
        return c;
    }

    /** An address's count, forgotten once it has been idle long enough. */
    private Count current(String addressKey, Instant now) {
        Count c = counts.get(addressKey);
        if (c != null && c.inFlight == 0 && secondsLeft(c, now) == 0 && c.lastFailure != null
                && c.lastFailure.plus(ADDRESS_MEMORY).isBefore(now)) {
            counts.remove(addressKey);
            return null;
        }
        return c;
    }

    /** How many attempts may be checked at once: the failures still free, or one after a lock has passed. */
    private static int allowance(Count c, int free) {
        return c.failures < free ? free - c.failures : 1;
    }

    private static long secondsLeft(Count c, Instant now) {
        if (c == null || c.lockedUntil == null) {
            return 0;
        }
        long millis = Duration.between(now, c.lockedUntil).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    private void forgetIdle(Instant now) {
        counts.values().removeIf(c -> c.inFlight == 0 && secondsLeft(c, now) == 0
                && (c.lastFailure == null || c.lastFailure.plus(ADDRESS_MEMORY).isBefore(now)
                        || c.failures < FREE_FAILURES));
    }

    private static String pairKey(String username, String address) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        return "user\n" + (name.length() > 256 ? name.substring(0, 256) : name) + "\n" + address;
    }

    private static String addressKey(String address) {
        return "address\n" + address;
    }
}
