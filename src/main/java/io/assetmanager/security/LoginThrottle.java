package io.assetmanager.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ApplicationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Slows down password guessing, before any password is checked (a check costs a PBKDF2 hash, about 20 ms of CPU).
 *
 * <p>Two counts, kept in the database ({@link LoginThrottleRepository}), so that every instance on one database
 * shares them and a restart does not forget them:
 * <ul>
 * <li><b>One user name from one address</b>: after {@link #FREE_FAILURES} failed logins in a row, that pair is
 * locked for {@code assetmanager.login.lockSeconds} (a system property, 30 by default); every further failure after
 * a lock doubles the next lock, up to 15 minutes. A successful login clears this count; a day without a failure
 * forgets it.</li>
 * <li><b>One address, any user names</b>: after {@link #ADDRESS_FREE_FAILURES} failed logins, with the same locks.
 * This bounds the password checks an address can make us do with made-up user names. A success does not clear it
 * (an attacker holding one account could otherwise reset it); it is forgotten after 15 minutes without a failure.</li>
 * </ul>
 *
 * <p>An attempt is <em>admitted</em> before its password is checked, atomically (the counts' rows are locked while
 * they are read and written): the attempts in progress count as failures until they end, so parallel requests, to
 * one instance or several, cannot get more checks than the counts allow. A refused attempt is not checked and does
 * not count. An attempt whose instance died during its check stops counting after {@link #IN_FLIGHT_HOLD}.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final int ADDRESS_FREE_FAILURES = 20;
    static final String LOCK_SECONDS_PROPERTY = "assetmanager.login.lockSeconds";
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** An address's failures are forgotten after this long without one. */
    static final Duration ADDRESS_MEMORY = MAX_LOCK;
    /** A user name's failures from an address are forgotten after this long without one. */
    static final Duration USER_NAME_MEMORY = Duration.ofDays(1);
    /** How long an admitted attempt counts at most, should its instance die before reporting it. */
    static final Duration IN_FLIGHT_HOLD = Duration.ofMinutes(1);
    /** How often an instance deletes forgotten counts. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    /** Above this many counts, the purge also deletes user-name counts that hold no lock now (see {@link Store#purge}). */
    static final int MAX_ROWS = 100_000;
    /** Attempts of one step before contention (steps on the same counts at once) is given up. */
    private static final int TRIES = 10;
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    /** The failures of one key, its lock, and the attempts being checked now. */
    public static final class Count {
        int failures;
        int inFlight;
        Instant inFlightUntil;
        Instant lockedUntil;
        Instant lastFailure;

        /** Nothing worth keeping: no failure, no attempt in progress, no lock. */
        boolean isEmpty() {
            return failures == 0 && inFlight == 0 && lockedUntil == null;
        }
    }

    /** Where the counts live: the database in the server, memory in unit tests. */
    public interface Store {

        /**
         * Applies {@code change} to the counts of {@code keys} (a new empty count for a key without one) as one
         * atomic step against every other instance, then keeps what it left: an empty count is deleted. Throws
         * {@link Contention} when another step held or created the same counts meanwhile; the step may be tried
         * again.
         */
        <T> T update(List<String> keys, Function<Map<String, Count>, T> change);

        /**
         * Deletes the counts forgotten by {@code now} ({@link #forgetAt}); when more than {@code maxRows} remain,
         * also the user-name counts below {@link #FREE_FAILURES} without a lock now, then every user-name count
         * without a lock now. Returns how many counts remain.
         */
        long purge(Instant now, int maxRows);
    }

    /** Another step wrote or locked the same counts at once; nothing was written, try the step again. */
    @ApplicationException(rollback = true)
    public static final class Contention extends RuntimeException {
        public Contention(String message, Throwable cause) {
            super(message, cause);
        }
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

    @Inject
    private LoginThrottleRepository repository;

    private Store store;
    private final Duration firstLock;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    public LoginThrottle() {
        this(Duration.ofSeconds(Long.getLong(LOCK_SECONDS_PROPERTY, 30)), Clock.systemUTC(), null);
    }

    LoginThrottle(Duration firstLock, Clock clock, Store store) {
        this.firstLock = firstLock;
        this.clock = clock;
        this.store = store;
    }

    @PostConstruct
    void useTheDatabase() {
        store = repository;
    }

    /** Admits an attempt (it then counts as a failure until reported) or refuses it without a password check. */
    public Admission admit(String username, String address) {
        Instant now = clock.instant();
        purgeWhenDue(now);
        String pairKey = pairKey(username, address);
        String addressKey = addressKey(address);
        try {
            return admit(pairKey, addressKey, now);
        } catch (Contention e) {
            // So many attempts at once on these counts that a step could not be taken: refused unchecked, as
            // attempts beyond the free failures are.
            return new Refused(Scope.USER_NAME, 1);
        }
    }

    private Admission admit(String pairKey, String addressKey, Instant now) {
        return update(List.of(pairKey, addressKey), counts -> {
            Count pair = live(counts.get(pairKey), USER_NAME_MEMORY, now);
            Count byAddress = live(counts.get(addressKey), ADDRESS_MEMORY, now);
            long pairLock = secondsLeft(pair, now);
            if (pairLock > 0) {
                return new Refused(Scope.USER_NAME, pairLock);
            }
            long addressLock = secondsLeft(byAddress, now);
            if (addressLock > 0) {
                return new Refused(Scope.ADDRESS, addressLock);
            }
            // The attempts in progress count as failures: at most as many at once as failures are still free.
            if (pair.inFlight >= allowance(pair, FREE_FAILURES)) {
                return new Refused(Scope.USER_NAME, 1);
            }
            if (byAddress.inFlight >= allowance(byAddress, ADDRESS_FREE_FAILURES)) {
                return new Refused(Scope.ADDRESS, 1);
            }
            for (Count c : List.of(pair, byAddress)) {
                c.inFlight++;
                c.inFlightUntil = now.plus(IN_FLIGHT_HOLD);
            }
            return new Attempt(pairKey, addressKey);
        });
    }

    /** The password was wrong: counts the failure for the user name and for the address, and locks when due. */
    public Failure failed(Attempt attempt) {
        Instant now = clock.instant();
        return update(List.of(attempt.pairKey(), attempt.addressKey()), counts -> {
            Count pair = fail(live(counts.get(attempt.pairKey()), USER_NAME_MEMORY, now), FREE_FAILURES, now);
            fail(live(counts.get(attempt.addressKey()), ADDRESS_MEMORY, now), ADDRESS_FREE_FAILURES, now);
            return new Failure(pair.failures, secondsLeft(pair, now));
        });
    }

    /** The password was right: the user name's count is cleared; the address's count stays. */
    public void succeeded(Attempt attempt) {
        Instant now = clock.instant();
        update(List.of(attempt.pairKey(), attempt.addressKey()), counts -> {
            Count pair = release(live(counts.get(attempt.pairKey()), USER_NAME_MEMORY, now));
            pair.failures = 0;
            pair.lockedUntil = null;
            pair.lastFailure = null;
            release(live(counts.get(attempt.addressKey()), ADDRESS_MEMORY, now));
            return null;
        });
    }

    /** The password could not be checked: the attempt no longer counts, and is no failure. */
    public void abandoned(Attempt attempt) {
        Instant now = clock.instant();
        update(List.of(attempt.pairKey(), attempt.addressKey()), counts -> {
            release(live(counts.get(attempt.pairKey()), USER_NAME_MEMORY, now));
            release(live(counts.get(attempt.addressKey()), ADDRESS_MEMORY, now));
            return null;
        });
    }

    /** The seconds until this user name may try again from this address (its own lock or the address's), or 0. */
    long secondsLocked(String username, String address) {
        Instant now = clock.instant();
        String pairKey = pairKey(username, address);
        String addressKey = addressKey(address);
        return update(List.of(pairKey, addressKey), counts -> Math.max(
                secondsLeft(live(counts.get(pairKey), USER_NAME_MEMORY, now), now),
                secondsLeft(live(counts.get(addressKey), ADDRESS_MEMORY, now), now)));
    }

    /**
     * When a count may be deleted: once its lock, its attempts in progress and its memory (a day for a user name
     * from an address, 15 minutes for an address) have all passed.
     */
    static Instant forgetAt(String key, Count c) {
        Instant at = c.lastFailure == null ? Instant.EPOCH
                : c.lastFailure.plus(key.startsWith(ADDRESS_PREFIX) ? ADDRESS_MEMORY : USER_NAME_MEMORY);
        if (c.lockedUntil != null && c.lockedUntil.isAfter(at)) {
            at = c.lockedUntil;
        }
        if (c.inFlight > 0 && c.inFlightUntil != null && c.inFlightUntil.isAfter(at)) {
            at = c.inFlightUntil;
        }
        return at;
    }

    private <T> T update(List<String> keys, Function<Map<String, Count>, T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.update(keys, change);
            } catch (Contention e) {
                if (attempt == TRIES) {
                    throw e;
                }
            }
        }
    }

    /** Deletes forgotten counts, at most once a {@link #PURGE_INTERVAL} per instance; a failure only postpones it. */
    private void purgeWhenDue(Instant now) {
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_INTERVAL);
        try {
            store.purge(now, MAX_ROWS);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not delete the forgotten login failure counts: " + e);
        }
    }

    /**
     * The count as it stands now: attempts in progress past their hold no longer count (their instance died), and
     * failures idle past their memory without a lock are forgotten.
     */
    private static Count live(Count c, Duration memory, Instant now) {
        if (c.inFlight > 0 && c.inFlightUntil != null && !c.inFlightUntil.isAfter(now)) {
            c.inFlight = 0;
        }
        if (c.inFlight == 0 && secondsLeft(c, now) == 0 && c.lastFailure != null
                && c.lastFailure.plus(memory).isBefore(now)) {
            c.failures = 0;
            c.lockedUntil = null;
            c.lastFailure = null;
        }
        return c;
    }

    /** Ends one attempt in progress of this count. */
    private static Count release(Count c) {
        if (c.inFlight > 0) {
            c.inFlight--;
        }
        return c;
    }

    private Count fail(Count c, int free, Instant now) {
        release(c);
        c.failures++;
        c.lastFailure = now;
        if (c.failures >= free) {
            int doublings = Math.min(c.failures - free, 20);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            c.lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
        return c;
    }

    /** How many attempts may be checked at once: the failures still free, or one after a lock has passed. */
    private static int allowance(Count c, int free) {
        return c.failures < free ? free - c.failures : 1;
    }

    private static long secondsLeft(Count c, Instant now) {
        if (c.lockedUntil == null) {
            return 0;
        }
        long millis = Duration.between(now, c.lockedUntil).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    static final String USER_NAME_PREFIX = "user\n";
    static final String ADDRESS_PREFIX = "address\n";

    private static String pairKey(String username, String address) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        return USER_NAME_PREFIX + (name.length() > 256 ? name.substring(0, 256) : name) + "\n" + address;
    }

    private static String addressKey(String address) {
        return ADDRESS_PREFIX + address;
    }
}
