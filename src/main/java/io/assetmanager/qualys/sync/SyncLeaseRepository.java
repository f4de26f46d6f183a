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
import javax.sql.DataSource;

/**
 * The database lease that lets one sync run go at a time across every instance sharing the database: a single row
 * taken with a conditional UPDATE (atomic in both H2 and PostgreSQL), kept alive by heartbeats, and free again when
 * released or when its holder stopped heart-beating (a crash).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SyncLeaseRepository {

    /** Who holds the lease and for which run. */
    public record Holder(String holder, Long runId, OffsetDateTime acquiredAt, OffsetDateTime expiresAt) {
    }

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    public boolean tryAcquire(String holder, Duration ttl) {
        OffsetDateTime now = now();
        return update("UPDATE sync_lease SET holder = ?, run_id = NULL, acquired_at = ?, expires_at = ? "
                + "WHERE id = 1 AND (holder IS NULL OR expires_at < ?)", holder, now, now.plus(ttl), now) == 1;
    }

    public void attachRun(String holder, long runId) {
        update("UPDATE sync_lease SET run_id = ? WHERE id = 1 AND holder = ?", runId, holder);
    }

    /** @return false when the lease is no longer this holder's (it expired and someone else took it) */
    public boolean heartbeat(String holder, Duration ttl) {
        return update("UPDATE sync_lease SET expires_at = ? WHERE id = 1 AND holder = ?", now().plus(ttl), holder) == 1;
    }

    public void release(String holder) {
        update("UPDATE sync_lease SET holder = NULL, run_id = NULL, acquired_at = NULL, expires_at = NULL "
                + "WHERE id = 1 AND holder = ?", holder);
    }

    /** Frees a lease this instance held before it restarted: its run cannot be going on any more. */
    public void releaseHeldByInstance(String instance) {
        update("UPDATE sync_lease SET holder = NULL, run_id = NULL, acquired_at = NULL, expires_at = NULL "
                + "WHERE id = 1 AND holder LIKE ?", instance + "#%");
    }

    /** The live holder, if the lease is taken and not expired. */
    public Optional<Holder> current() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT holder, run_id, acquired_at, expires_at FROM sync_lease WHERE id = 1 AND holder IS NOT NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long runId = rs.getLong(2);
                Holder h = new Holder(rs.getString(1), rs.wasNull() ? null : runId,
                        rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class));
                return h.expiresAt().isBefore(now()) ? Optional.empty() : Optional.of(h);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the sync lease: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update the sync lease: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
