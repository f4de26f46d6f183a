package io.assetmanager.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Bounds the expensive reads one user can run at once: exports (a whole set streamed as CSV) and lists filtered by
 * text or sorted by a column without an index (a scan of the table at 1,000,000 hosts). At most
 * {@code assetmanager.heavyRequestsPerUser} (a system property, 2 by default) run at once per user name; a further
 * one is refused at once, so that a few users in a loop cannot slow down everyone else's pages. Cheap reads (the
 * dashboard, lists by address) are never counted. Per instance, in memory.
 */
@ApplicationScoped
public class HeavyRequests {

    public static final String PER_USER_PROPERTY = "assetmanager.heavyRequestsPerUser";
    public static final int DEFAULT_PER_USER = 2;
    /** What a refused request is told to wait, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** A running heavy request; close it when the request ends. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private final int perUser;

    public HeavyRequests() {
        this(Integer.getInteger(PER_USER_PROPERTY, DEFAULT_PER_USER));
    }

    public HeavyRequests(int perUser) {
        if (perUser < 1) {
            throw new IllegalStateException(PER_USER_PROPERTY + " must be 1 or more, not " + perUser);
        }
        this.perUser = perUser;
    }

    /** A permit, or empty when this user already runs as many heavy requests as allowed. */
    public Optional<Permit> tryStart(String user) {
        String key = user == null ? "" : user.toLowerCase(Locale.ROOT);
        boolean[] started = {false};
        running.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perUser) {
                return now;
            }
            started[0] = true;
            return now + 1;
        });
        if (!started[0]) {
            return Optional.empty();
        }
        return Optional.of(new Permit() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    running.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
                }
            }
        });
    }

    /** Runs the query under a permit, or answers {@code refused} without running it when the user has none left. */
    public <T> T runOr(String user, Supplier<T> query, Supplier<T> refused) {
        Optional<Permit> permit = tryStart(user);
        if (permit.isEmpty()) {
            return refused.get();
        }
        try (Permit p = permit.get()) {
            return query.get();
        }
    }

    /** How many heavy requests this user runs now. */
    int running(String user) {
        return running.getOrDefault(user == null ? "" : user.toLowerCase(Locale.ROOT), 0);
    }

    /** The queries of one user's table on a page, and whether the last one was refused (the table then says so). */
    public static final class Table implements Serializable {
        private static final long serialVersionUID = 1L;
        private final HeavyRequests heavy;
        private final String user;
        private boolean busy;

        public Table(HeavyRequests heavy, String user) {
            this.heavy = heavy;
            this.user = user;
        }

        /** Runs the query: at once when it does not scan, under a permit when it does, or answers {@code refused}. */
        public <T> T run(boolean scans, Supplier<T> query, T refused) {
            busy = false;
            if (!scans) {
                return query.get();
            }
            return heavy.runOr(user, query, () -> {
                busy = true;
                return refused;
            });
        }

        /** What the table says when it has no rows: none match ({@code empty}), or the query was refused. */
        public String emptyMessage(String empty) {
            return busy ? heavy.refusal() : empty;
        }
    }

    /** The sentence a refused request gets. */
    public String refusal() {
        return "At most " + perUser + " exports or filtered lists run at once for one user. Wait for yours to"
                + " finish, then try again.";
    }
}
