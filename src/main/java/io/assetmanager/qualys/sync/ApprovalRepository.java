package io.assetmanager.qualys.sync;

import io.assetmanager.inventory.HostRow;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.settings.SettingsAuditEntry;
import io.assetmanager.qualys.settings.SettingsChange;
import io.assetmanager.qualys.settings.SettingsField;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The approval list of Auto-Subscribe On after approval (table {@code qualys_approval_ranges}: pending and approved
 * IPs as merged, disjoint ranges) and its audit trail. A run's write and an admin's decision each lock the settings
 * row first, so they happen one after the other and neither loses the other's change.
 */
@Stateless
public class ApprovalRepository {

    static final String PENDING = "PENDING";
    static final String APPROVED = "APPROVED";
    static final String REJECTED = "REJECTED";
    private static final int BATCH_SIZE = 1_000;

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @PersistenceContext
    private EntityManager em;

    /** Checks a run's lease token in the run's write. */
    @Inject
    private SyncLeaseRepository lease;

    /** One decision as the page and the API show it. */
    public record Decision(long id, OffsetDateTime decidedAt, String decidedBy, String decision, BigInteger count,
            String ranges) {
    }

    /** Both lists as stored now. */
    public Reconciliation.Approvals load() {
        try (Connection c = dataSource.getConnection()) {
            return load(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the approval list: " + e.getMessage(), e);
        }
    }

    public IpRangeSet approved() {
        return load().approved();
    }

    /**
     * Writes the list a run leaves: {@link Reconciliation#afterRun} against the approvals as they are now.
     *
     * @param leaseToken the run's token, checked in this transaction; null outside a run
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Reconciliation.Approvals afterRun(IpRangeSet allowed, IpRangeSet added, Long leaseToken) {
        lockSettings();
        if (leaseToken != null) {
            lease.requireToken(leaseToken);
        }
        try (Connection c = dataSource.getConnection()) {
            Reconciliation.Approvals after = Reconciliation.afterRun(load(c).approved(), allowed, added);
            write(c, after);
            return after;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the approval list: " + e.getMessage(), e);
        }
    }

    /**
     * Applies an admin's decision to the list and records it; a rejection also adds the rejected ranges to the
     * exclusions setting (with a row in the settings' audit trail).
     *
     * @param decide   the new list from the one stored now
     * @param decision APPROVED or REJECTED
     * @return the IPs the decision moved (approved, or rejected); nothing is recorded when that is empty
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public IpRangeSet decide(UnaryOperator<Reconciliation.Approvals> decide, String decision, String user,
            OffsetDateTime at, int maxExclusions) throws ExclusionsFullException {
        QualysSettings settings = lockSettings();
        try (Connection c = dataSource.getConnection()) {
            Reconciliation.Approvals before = load(c);
            Reconciliation.Approvals after = decide.apply(before);
            IpRangeSet moved = APPROVED.equals(decision) ? after.approved().difference(before.approved())
                    : before.pending().union(before.approved()).difference(after.pending().union(after.approved()));
            if (moved.isEmpty()) {
                return moved;
            }
            if (!APPROVED.equals(decision)) {
                String old = settings.getExclusions();
                String now = Reconciliation.withExclusions(old, moved);
                if (now.length() > maxExclusions) {
                    throw new ExclusionsFullException(String.format(java.util.Locale.ROOT, "Nothing was rejected: the"
                            + " Exclusions setting would grow to %,d characters, more than its %,d. Reject fewer"
                            + " ranges, or write wider ranges or CIDR blocks in Settings > Integrations > Qualys",
                            now.length(), maxExclusions));
                }
                settings.setValues(settings.values().withExclusions(now));
                settings.markUpdated(user, at);
                em.persist(new SettingsAuditEntry(at, user, new SettingsChange(SettingsField.EXCLUSIONS,
                        old == null || old.isBlank() ? null : old, now)));
                em.flush();
            }
            write(c, after);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO qualys_approval_audit (decided_at, decided_by,"
                    + " decision, address_count, ranges) VALUES (?, ?, ?, ?, ?)")) {
                ps.setObject(1, at);
                ps.setString(2, user);
                ps.setString(3, decision);
                ps.setBigDecimal(4, new BigDecimal(moved.size()));
                ps.setString(5, moved.toString());
                ps.executeUpdate();
            }
            return moved;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the decision: " + e.getMessage(), e);
        }
    }

    /** The newest decisions first. */
    public List<Decision> decisions(int max) {
        List<Decision> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, decided_at, decided_by, decision, address_count,"
                        + " ranges FROM qualys_approval_audit ORDER BY decided_at DESC, id DESC")) {
            ps.setMaxRows(max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp t = rs.getTimestamp(2);
                    out.add(new Decision(rs.getLong(1), t.toInstant().atOffset(ZoneOffset.UTC), rs.getString(3),
                            rs.getString(4), rs.getBigDecimal(5).toBigIntegerExact(), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the approval decisions: " + e.getMessage(), e);
        }
        return out;
    }

    /** How many ranges wait for a decision: a count the dashboard can afford on every view. */
    public long pendingRangeCount() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM qualys_approval_ranges WHERE state = 'PENDING'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the pending ranges: " + e.getMessage(), e);
        }
    }

    /**
     * The indexed hosts among the pending IPs, in address order, with their inventory details.
     *
     * @param within only the hosts in this range; null for all
     */
    public List<HostRow> pendingHosts(IpRange within, long offset, int limit) {
        List<HostRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT h.ip, h.hostname, h.mac, h.zone, h.source,"
                        + " h.first_seen, h.last_seen" + PENDING_HOSTS + " ORDER BY h.ip LIMIT ? OFFSET ?")) {
            int i = bindPendingHosts(ps, within);
            ps.setInt(i++, limit);
            ps.setLong(i, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HostRow(IpAddress.fromBytes(rs.getBytes(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class),
                            rs.getObject(7, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the pending hosts: " + e.getMessage(), e);
        }
        return out;
    }

    /** How many indexed hosts {@link #pendingHosts} lists. */
    public long pendingHostCount(IpRange within) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + PENDING_HOSTS)) {
            bindPendingHosts(ps, within);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the pending hosts: " + e.getMessage(), e);
        }
    }

    private static final String PENDING_HOSTS = " FROM qualys_approval_ranges r JOIN indexed_hosts h"
            + " ON h.ip >= r.range_start AND h.ip <= r.range_end WHERE r.state = 'PENDING'"
            + " AND h.ip >= ? AND h.ip <= ? AND " + io.assetmanager.inventory.HostFields.FIRST_HOST;

    private static int bindPendingHosts(PreparedStatement ps, IpRange within) throws SQLException {
        IpRange r = within == null ? ALL : within;
        ps.setBytes(1, r.first().toBytes());
        ps.setBytes(2, r.last().toBytes());
        return 3;
    }

    /** Pending IPs are IPv4 only: Qualys takes no IPv6 into the subscription. */
    private static final IpRange ALL = IpRange.parse("0.0.0.0/0");

    /** The decision could not be taken: the exclusions setting has no room for the rejected ranges. */
    public static final class ExclusionsFullException extends Exception {
        public ExclusionsFullException(String message) {
            super(message);
        }
    }

    private QualysSettings lockSettings() {
        return em.find(QualysSettings.class, QualysSettings.SINGLETON_ID, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Reconciliation.Approvals load(Connection c) throws SQLException {
        IpRangeSet.Builder pending = IpRangeSet.builder();
        IpRangeSet.Builder approved = IpRangeSet.builder();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT state, range_start, range_end FROM qualys_approval_ranges ORDER BY range_start");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                IpRange r = new IpRange(IpAddress.fromBytes(rs.getBytes(2)), IpAddress.fromBytes(rs.getBytes(3)));
                (PENDING.equals(rs.getString(1)) ? pending : approved).add(r);
            }
        }
        return new Reconciliation.Approvals(pending.build(), approved.build());
    }

    private static void write(Connection c, Reconciliation.Approvals list) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM qualys_approval_ranges")) {
            delete.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO qualys_approval_ranges (state, range_start, range_end) VALUES (?, ?, ?)")) {
            int batched = 0;
            for (String state : new String[] {PENDING, APPROVED}) {
                for (IpRange r : PENDING.equals(state) ? list.pending() : list.approved()) {
                    ps.setString(1, state);
                    ps.setBytes(2, r.first().toBytes());
                    ps.setBytes(3, r.last().toBytes());
                    ps.addBatch();
                    if (++batched == BATCH_SIZE) {
                        ps.executeBatch();
                        batched = 0;
                    }
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }
}
