package io.assetmanager.qualys.sync;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The database lease that lets one sync run go at a time across every instance sharing the database: a single row
 * taken with a conditional UPDATE (atomic in both H2 and PostgreSQL), kept alive by heartbeats, and free again when
 * released or when its holder stopped heart-beating (a crash).
 *
 * <p>Every time in it comes from the database's clock ({@code CURRENT_TIMESTAMP}), never from an instance's: when it
 * was taken, until when it holds, and whether it has expired. Instances whose clocks disagree by minutes then still
 * agree on who holds the lease.
 *
 * <p>Taking the lease moves its {@code token} on. A run keeps the token it took the lease with, and each of its writes
 * checks it with {@link #requireToken} in the write's own transaction: the check locks the lease row until that
 * transaction ends, so a takeover waits for a write that passed the check, and a write after a takeover fails and is
 * rolled back. A process frozen past its lease can therefore not write a stale snapshot over a newer run's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SyncLeaseRepository {

    /** Who holds the lease and for which run. */
    public record Holder(String holder, Long runId, OffsetDateTime acquiredAt, OffsetDateTime expiresAt) {
    }

    /** {@code CURRENT_TIMESTAMP} plus a number of seconds, in SQL that H2 and PostgreSQL both read. */
    private static final String NOW_PLUS_SECONDS = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '1' SECOND";

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    public SyncLeaseRepository() {
    }

    /** For query tests, which use the data source alone. */
    SyncLeaseRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the lease's new token when the lease was free or expired and is now {@code holder}'s */
    public OptionalLong tryAcquire(String holder, Duration ttl) {
        try (Connection c = dataSource.getConnection()) {
            int taken = update(c, "UPDATE sync_lease SET holder = ?, run_id = NULL, token = token + 1, "
                    + "acquired_at = CURRENT_TIMESTAMP, expires_at = " + NOW_PLUS_SECONDS
                    + " WHERE id = 1 AND (holder IS NULL OR expires_at < CURRENT_TIMESTAMP)", holder, seconds(ttl));
            if (taken != 1) {
                return OptionalLong.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT token FROM sync_lease WHERE id = 1 AND holder = ?")) {
                ps.setString(1, holder);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the sync lease: " + e.getMessage(), e);
        }
    }

    public void attachRun(String holder, long runId) {
        update("UPDATE sync_lease SET run_id = ? WHERE id = 1 AND holder = ?", runId, holder);
    }

    /** @return false when the lease is no longer this holder's (it expired and someone else took it) */
    public boolean heartbeat(String holder, Duration ttl) {
        return update("UPDATE sync_lease SET expires_at = " + NOW_PLUS_SECONDS + " WHERE id = 1 AND holder = ?",
                seconds(ttl), holder) == 1;
    }

    public void release(String holder) {
        update("UPDATE sync_lease SET holder = NULL, run_id = NULL, acquired_at = NULL, expires_at = NULL "
                + "WHERE id = 1 AND holder = ?", holder);
    }

    /**
     * Frees a lease this instance held before it restarted: its run cannot go on.
     *
     * @return 1 when there was one
     */
    public int releaseHeldByInstance(String instance) {
        return update("UPDATE sync_lease SET holder = NULL, run_id = NULL, acquired_at = NULL, expires_at = NULL "
                + "WHERE id = 1 AND holder LIKE ?", instance + "#%");
    }

    /**
     * Gives back the lease this process holds as it shuts down, and ends the run that held it INTERRUPTED, in one
     * transaction on a connection of its own: no container transaction and no other bean is needed, so it works from
     * a JVM shutdown hook while the server stops around it. Only a holder that starts with {@code holderPrefix} (this
     * process's, {@link SyncEngine#holderPrefix}) is given back: a process that is still stopping while the same
     * instance runs again (a restart that does not wait for the old process to exit) must not free the new one's
     * lease. A statement that waits longer than {@code timeoutSeconds} (the run's own write holding the lease row)
     * gives up: the lease then expires as after a crash. The run's thread, if it still writes, is refused by the
     * lease token.
     *
     * @param instance the instance's name, for the run's error text
     * @return the id of the run ended, if the process held the lease for one
     */
    public OptionalLong giveBackAtShutdown(String holderPrefix, String instance, int timeoutSeconds) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                OptionalLong runId;
                try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM sync_lease WHERE id = 1 AND "
                        + "LEFT(holder, ?) = ? FOR UPDATE")) {
                    ps.setQueryTimeout(timeoutSeconds);
                    ps.setInt(1, holderPrefix.length());
                    ps.setString(2, holderPrefix);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return OptionalLong.empty();
                        }
                        long id = rs.getLong(1);
                        runId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
                    }
                }
                if (runId.isPresent()) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE sync_runs SET outcome = 'INTERRUPTED', "
                            + "ended_at = CURRENT_TIMESTAMP, error_text = CONCAT(?, COALESCE(current_step, 'start'), "
                            + "''''), current_step = NULL WHERE id = ? AND outcome = 'RUNNING'")) {
                        ps.setQueryTimeout(timeoutSeconds);
                        ps.setString(1, "The run was cut off: instance " + instance + " shut down during the step '");
                        ps.setLong(2, runId.getAsLong());
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE sync_lease SET holder = NULL, run_id = NULL, "
                        + "acquired_at = NULL, expires_at = NULL WHERE id = 1 AND LEFT(holder, ?) = ?")) {
                    ps.setQueryTimeout(timeoutSeconds);
                    ps.setInt(1, holderPrefix.length());
                    ps.setString(2, holderPrefix);
                    ps.executeUpdate();
                }
                c.commit();
                return runId;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot give the sync lease back: " + e.getMessage(), e);
        }
    }

    /**
     * Checks, in the caller's transaction, that the lease is still held with {@code token}, and locks the lease row
     * until that transaction ends (a takeover waits for it).
     *
     * @throws LeaseLostException when the lease was taken over since, or given back: the caller's transaction must
     *         roll back
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void requireToken(long token) {
        if (!holdsToken(token)) {
            throw new LeaseLostException("This run lost the sync lease: " + whoHoldsIt()
                    + ", so nothing more of this run is stored");
        }
    }

    /** Like {@link #requireToken}, answering instead of failing. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean holdsToken(long token) {
        return update("UPDATE sync_lease SET token = token WHERE id = 1 AND token = ? AND holder IS NOT NULL",
                token) == 1;
    }

    private String whoHoldsIt() {
        return current().map(h -> "another run (" + h.holder() + ") took it over after this one stopped renewing it")
                .orElse("it was given back or expired (this run stopped renewing it, or its instance is shutting "
                        + "down)");
    }

    /** The live holder, if the lease is taken and not expired by the database's clock. */
    public Optional<Holder> current() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT holder, run_id, acquired_at, expires_at FROM sync_lease "
                        + "WHERE id = 1 AND holder IS NOT NULL AND expires_at >= CURRENT_TIMESTAMP")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                // wasNull speaks of the column read last: run_id's, before the holder is read. Asked after the
                // holder (as an argument after it), it said "not null" for a run still being created, whose run was
                // then taken as run 0 and marked interrupted as it started (SyncClusterIT, SyncFaultIT).
                long id = rs.getLong(2);
                Long runId = rs.wasNull() ? null : id;
                return Optional.of(new Holder(rs.getString(1), runId,
                        utc(rs.getObject(3, OffsetDateTime.class)), utc(rs.getObject(4, OffsetDateTime.class))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the sync lease: " + e.getMessage(), e);
        }
    }

    /**
     * The database's time: what the lease is judged by, and what the run history and the schedule go by, so that an
     * instance whose clock is off neither starts runs early or late nor stamps them with its own time.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public OffsetDateTime databaseNow() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return utc(rs.getObject(1, OffsetDateTime.class));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's clock: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update the sync lease: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static int seconds(Duration ttl) {
        return Math.toIntExact(ttl.toSeconds());
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
