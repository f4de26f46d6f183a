package io.assetmanager.security;

import io.assetmanager.security.LoginThrottle.Count;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The login throttle's counts in the table {@code login_throttle}, one row per user name and address and one per
 * address, shared by every instance on the database. A step reads its rows with {@code SELECT ... FOR UPDATE} (in
 * key order, so two steps never wait on each other in a circle) and writes them back in its own transaction. SQL
 * rather than JPA: the step must lock rows that may not exist yet, and tell a concurrent insert (SQLSTATE 23505,
 * the same in H2 and PostgreSQL) from a failure. Times are milliseconds since 1970 (UTC), the same in both
 * databases.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LoginThrottleRepository implements LoginThrottle.Store {

    /**
     * Two steps on the same rows at once: a concurrent insert of the same key (23505), H2's lock wait running out
     * (HYT00, after a second by default), a serialization failure or deadlock (40001, 40P01). The step is tried again.
     */
    private static final Set<String> CONTENTION = Set.of("23505", "HYT00", "40001", "40P01");

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @Override
    public <T> T update(List<String> keys, Function<Map<String, Count>, T> change) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, keys, change);
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    @Override
    public long purge(Instant now, int maxRows) {
        try (Connection c = dataSource.getConnection()) {
            return purge(c, now, maxRows);
        } catch (SQLException e) {
            throw failure("purge", e);
        }
    }

    /** {@link LoginThrottle.Store#update} on a connection whose transaction the caller ends. */
    static <T> T update(Connection c, List<String> keys, Function<Map<String, Count>, T> change)
            throws SQLException {
        try {
            return updateRows(c, keys, change);
        } catch (SQLException e) {
            if (CONTENTION.contains(e.getSQLState())) {
                throw new LoginThrottle.Contention("Another step counted the same login at once", e);
            }
            throw e;
        }
    }

    private static <T> T updateRows(Connection c, List<String> keys, Function<Map<String, Count>, T> change)
            throws SQLException {
        Map<String, Count> counts = new HashMap<>();
        Set<String> stored = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement("SELECT failures, in_flight, in_flight_until,"
                + " locked_until, last_failure FROM login_throttle WHERE throttle_key = ? FOR UPDATE")) {
            for (String key : new TreeSet<>(keys)) {
                select.setString(1, key);
                Count count = new Count();
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        count.failures = rs.getInt(1);
                        count.inFlight = rs.getInt(2);
                        count.inFlightUntil = instant(rs, 3);
                        count.lockedUntil = instant(rs, 4);
                        count.lastFailure = instant(rs, 5);
                        stored.add(key);
                    }
                }
                counts.put(key, count);
            }
        }
        T result = change.apply(counts);
        for (String key : new TreeSet<>(keys)) {
            Count count = counts.get(key);
            if (count.isEmpty()) {
                if (stored.contains(key)) {
                    execute(c, "DELETE FROM login_throttle WHERE throttle_key = ?", key);
                }
            } else if (stored.contains(key)) {
                execute(c, "UPDATE login_throttle SET failures = ?, in_flight = ?, in_flight_until = ?,"
                        + " locked_until = ?, last_failure = ?, forget_at = ? WHERE throttle_key = ?",
                        count.failures, count.inFlight, millis(count.inFlightUntil), millis(count.lockedUntil),
                        millis(count.lastFailure), LoginThrottle.forgetAt(key, count).toEpochMilli(), key);
            } else {
                execute(c, "INSERT INTO login_throttle (failures, in_flight, in_flight_until, locked_until,"
                        + " last_failure, forget_at, throttle_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        count.failures, count.inFlight, millis(count.inFlightUntil), millis(count.lockedUntil),
                        millis(count.lastFailure), LoginThrottle.forgetAt(key, count).toEpochMilli(), key);
            }
        }
        return result;
    }

    /** {@link LoginThrottle.Store#purge} on a connection whose transaction the caller ends. */
    static long purge(Connection c, Instant now, int maxRows) throws SQLException {
        long at = now.toEpochMilli();
        execute(c, "DELETE FROM login_throttle WHERE forget_at < ?", at);
        // Beyond the bound, what the in-memory throttle gave up first: user names below the free failures, then
        // every user name's count without a lock now. Addresses and running locks stay.
        String idleUserName = "throttle_key LIKE 'user%' AND (locked_until IS NULL OR locked_until <= ?)"
                + " AND (in_flight = 0 OR in_flight_until <= ?)";
        if (count(c) > maxRows) {
            execute(c, "DELETE FROM login_throttle WHERE " + idleUserName + " AND failures < ?", at, at,
                    LoginThrottle.FREE_FAILURES);
        }
        if (count(c) > maxRows) {
            execute(c, "DELETE FROM login_throttle WHERE " + idleUserName, at, at);
        }
        return count(c);
    }

    private static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM login_throttle");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    ps.setNull(i + 1, Types.BIGINT);
                } else {
                    ps.setObject(i + 1, parameters[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Cannot " + what + " the login failure counts: " + e.getMessage(), e);
    }
}
