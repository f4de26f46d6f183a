package io.assetmanager.qualys.sync;

import io.assetmanager.counts.SnapshotCounts;
import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.PostgresCopy;
import io.assetmanager.qualys.api.QualysHost;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Hands a run the inventory's addresses and stores what Qualys said: the host list goes to a staging table as it
 * streams in, and both Qualys tables are replaced in one transaction once everything has arrived, so readers see the
 * previous snapshot or the new one, never a mix. Plain JDBC with batches: these are the million-row paths.
 */
@Stateless
public class SnapshotRepository {

    private static final int FETCH_SIZE = 10_000;
    private static final int BATCH_SIZE = 1_000;

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private InventoryRepository inventory;

    /** The dashboard's base counts, taken first and counted again last in the transactions that replace S or M. */
    @Inject
    private SnapshotCounts counts;

    /**
     * Set I, from the inventory. Read inside this bean's transaction: PostgreSQL streams a result by the fetch size
     * only with auto-commit off, so a million addresses arrive in batches rather than all at once.
     */
    public InventoryRepository.AddressSnapshot loadIndexed() {
        return inventory.addressSnapshot();
    }

    /** Set M as stored by the last successful run, in address order straight from the unique index. */
    public IpRangeSet loadScanned() {
        // Plain JDBC with a large fetch size: speed at a million hosts.
        IpRangeSet.Builder b = IpRangeSet.builder();
        query("SELECT ip FROM qualys_scanned_ips ORDER BY ip", rs -> b.add(IpAddress.fromBytes(rs.getBytes(1))));
        return b.build();
    }

    /** One page of the stored scanned hosts' addresses, in address order. */
    public List<IpAddress> scannedPage(long offset, int limit) {
        return em.createQuery("SELECT h.ip FROM ScannedHost h ORDER BY h.ip", IpAddress.class)
                .setFirstResult(Math.toIntExact(offset)).setMaxResults(limit).getResultList();
    }

    /** Set S as stored by the last successful run (a subscription holds thousands of ranges, not millions). */
    public IpRangeSet loadSubscribed() {
        IpRangeSet.Builder b = IpRangeSet.builder();
        em.createQuery("SELECT r FROM SubscribedRange r ORDER BY r.rangeStart", SubscribedRange.class)
                .getResultStream().forEach(r -> b.add(r.toRange()));
        return b.build();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void clearStaging() {
        execute("DELETE FROM qualys_scanned_staging");
    }

    /** Adds hosts to the staging table: COPY on PostgreSQL, JDBC batches elsewhere, for speed at a million hosts. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void stage(List<QualysHost> hosts) {
        try (Connection c = dataSource.getConnection()) {
            if (PostgresCopy.isPostgres(c)) {
                stageWithCopy(c, hosts);
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO qualys_scanned_staging (qualys_host_id, ip, "
                    + "dns, netbios, os, tracking_method, last_scan) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insertInBatches(ps, hosts, (statement, h) -> {
                    statement.setLong(1, h.id());
                    statement.setBytes(2, h.ip().toBytes());
                    statement.setString(3, clip(h.dns(), 1000));
                    statement.setString(4, clip(h.netbios(), 255));
                    statement.setString(5, clip(h.os(), 1000));
                    statement.setString(6, clip(h.trackingMethod(), 30));
                    statement.setObject(7, lastScan(h));
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the Qualys host list: " + e.getMessage(), e);
        }
    }

    private static void stageWithCopy(Connection c, List<QualysHost> hosts)
            throws SQLException {
        StringBuilder rows = new StringBuilder(hosts.size() * 120);
        for (QualysHost h : hosts) {
            rows.append(h.id()).append('\t');
            PostgresCopy.bytea(rows, h.ip().toBytes());
            rows.append('\t');
            PostgresCopy.text(rows, clip(h.dns(), 1000));
            rows.append('\t');
            PostgresCopy.text(rows, clip(h.netbios(), 255));
            rows.append('\t');
            PostgresCopy.text(rows, clip(h.os(), 1000));
            rows.append('\t');
            PostgresCopy.text(rows, clip(h.trackingMethod(), 30));
            rows.append('\t');
            PostgresCopy.timestamp(rows, lastScan(h));
            rows.append('\n');
        }
        PostgresCopy.copyIn(c, "COPY qualys_scanned_staging (qualys_host_id, ip, dns, netbios, os, tracking_method, "
                + "last_scan) FROM STDIN", new StringReader(rows.toString()));
    }

    private static OffsetDateTime lastScan(QualysHost h) {
        return h.lastScan() == null ? null : h.lastScan().atOffset(ZoneOffset.UTC);
    }

    /** Replaces S and M together: M from the staging table, S from {@code subscribed}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void replaceSnapshot(IpRangeSet subscribed) {
        counts.lock();
        // Set-based SQL, one statement per table: row by row through JPA would not last at a million hosts.
        execute("DELETE FROM qualys_scanned_ips");
        execute("INSERT INTO qualys_scanned_ips (qualys_host_id, ip, dns, netbios, os, tracking_method, last_scan) "
                + "SELECT qualys_host_id, ip, dns, netbios, os, tracking_method, last_scan FROM qualys_scanned_staging");
        execute("DELETE FROM qualys_scanned_staging");
        writeSubscribed(subscribed);
        counts.recount();
    }

    /** Replaces S alone: the subscription as re-listed after Auto-Subscribe added to it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void replaceSubscribed(IpRangeSet subscribed) {
        counts.lock();
        writeSubscribed(subscribed);
        counts.recount();
    }

    private void writeSubscribed(IpRangeSet subscribed) {
        // JDBC batches: a subscription holds thousands of ranges.
        execute("DELETE FROM qualys_subscribed_ips");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO qualys_subscribed_ips (range_start, range_end) VALUES (?, ?)")) {
            insertInBatches(ps, subscribed, (statement, r) -> {
                statement.setBytes(1, r.first().toBytes());
                statement.setBytes(2, r.last().toBytes());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the Qualys subscription: " + e.getMessage(), e);
        }
    }

    /** Binds one row's parameters. */
    private interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** Runs {@code statement} once per row, sent to the database {@value #BATCH_SIZE} rows at a time. */
    private static <T> void insertInBatches(PreparedStatement statement, Iterable<T> rows, RowBinder<T> binder)
            throws SQLException {
        int pending = 0;
        for (T row : rows) {
            binder.bind(statement, row);
            statement.addBatch();
            if (++pending == BATCH_SIZE) {
                statement.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            statement.executeBatch();
        }
    }

    public Optional<DiscoveredGroup> group() {
        return Optional.ofNullable(em.find(DiscoveredGroup.class, DiscoveredGroup.SINGLETON_ID));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void adoptGroup(long qualysId, String title) {
        DiscoveredGroup group = em.find(DiscoveredGroup.class, DiscoveredGroup.SINGLETON_ID);
        if (group == null) {
            em.persist(new DiscoveredGroup(qualysId, title, now()));
        } else {
            group.adopt(qualysId, title, now());
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void groupVerified() {
        em.find(DiscoveredGroup.class, DiscoveredGroup.SINGLETON_ID).verified(now());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void groupPushed(IpRangeSet ips) {
        em.find(DiscoveredGroup.class, DiscoveredGroup.SINGLETON_ID)
                .pushed(ips.toString(), ips.rangeCount(), ips.size(), now());
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowHandler handler) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database (" + sql + "): " + e.getMessage(), e);
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update the database (" + sql + "): " + e.getMessage(), e);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
