package io.assetmanager.qualys.sync;

import io.assetmanager.counts.CountsRepository;
import io.assetmanager.counts.RunSets;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands a run the inventory's addresses and stores what Qualys said: the hosts that differ from the stored ones go to
 * a staging table as the host list streams in, and both Qualys tables are brought up to date in one transaction once
 * everything has arrived, so readers see the previous snapshot or the new one, never a mix. Plain JDBC with COPY or
 * batches: these are the million-row paths.
 */
@Stateless
public class SnapshotRepository {

    private static final Logger LOG = Logger.getLogger(SnapshotRepository.class.getName());

    private static final int FETCH_SIZE = 10_000;
    private static final int BATCH_SIZE = 1_000;
    /** Host IDs per DELETE of the hosts Qualys no longer lists. */
    private static final int DELETE_CHUNK = 10_000;

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private InventoryRepository inventory;

    /** The dashboard's base counts, taken first and stored last in the transactions that replace S or M. */
    @Inject
    private SnapshotCounts counts;

    /** Checks a run's lease token in each write's transaction; absent in tests of the writes alone. */
    @Inject
    private SyncLeaseRepository lease;

    public SnapshotRepository() {
    }

    /** For tests of the snapshot writes, which use the data source alone. */
    public SnapshotRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        this.counts = new SnapshotCounts(dataSource);
    }

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

    /** F as stored: the addresses of the scanned hosts last scanned on or after {@code since} (a read of the table). */
    public IpRangeSet loadFresh(Instant since) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        query("SELECT ip FROM qualys_scanned_ips WHERE last_scan >= ?",
                ps -> ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC)),
                rs -> b.add(IpAddress.fromBytes(rs.getBytes(1))));
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

    /**
     * The stored scanned hosts' Qualys IDs and digests, so that a run writes only what changed. A host with two
     * addresses has two rows with the same digest: it is read once.
     */
    public KnownScannedHosts loadKnownScanned() {
        long[][] grown = {new long[1024], new long[1024]}; // IDs, digests
        int[] n = {0};
        query("SELECT qualys_host_id, row_digest FROM qualys_scanned_ips ORDER BY qualys_host_id", rs -> {
            if (n[0] > 0 && grown[0][n[0] - 1] == rs.getLong(1)) {
                return;
            }
            if (n[0] == grown[0].length) {
                grown[0] = Arrays.copyOf(grown[0], n[0] * 2);
                grown[1] = Arrays.copyOf(grown[1], n[0] * 2);
            }
            grown[0][n[0]] = rs.getLong(1);
            grown[1][n[0]] = rs.getLong(2); // 0 when NULL: never a digest
            n[0]++;
        });
        return new KnownScannedHosts(Arrays.copyOf(grown[0], n[0]), Arrays.copyOf(grown[1], n[0]));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void clearStaging(Long leaseToken) {
        execute("DELETE FROM qualys_scanned_staging");
        fence(leaseToken);
    }

    /**
     * Fails the caller's transaction, which it then rolls back, when the run no longer holds the lease it took with
     * {@code leaseToken} (null: not checked). Called after a write's statements, just before its commit: the lease row
     * stays locked only from here to the commit.
     */
    private void fence(Long leaseToken) {
        if (leaseToken != null) {
            lease.requireToken(leaseToken);
        }
    }

    /**
     * Adds hosts to the staging table, one row per address (a host with IPv4 and IPv6 has two), each with the host's
     * {@linkplain KnownScannedHosts#digest digest}: COPY on PostgreSQL, JDBC batches elsewhere, for speed at a million
     * hosts.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void stage(List<QualysHost> hosts, Long leaseToken) {
        long[] digests = new long[hosts.size()];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = KnownScannedHosts.digest(hosts.get(i));
        }
        stage(hosts, digests, leaseToken);
    }

    /** As {@link #stage(List, Long)} with each host's digest already worked out (the run compared it). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void stage(List<QualysHost> hosts, long[] digests, Long leaseToken) {
        stageRows(hosts, digests);
        fence(leaseToken);
    }

    private void stageRows(List<QualysHost> hosts, long[] digests) {
        List<HostAddress> rows = new ArrayList<>(hosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            QualysHost h = hosts.get(i);
            for (IpAddress a : h.addresses()) {
                rows.add(new HostAddress(h, a, digests[i]));
            }
        }
        try (Connection c = dataSource.getConnection()) {
            if (PostgresCopy.isPostgres(c)) {
                stageWithCopy(c, rows);
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO qualys_scanned_staging (qualys_host_id, ip, "
                    + "dns, netbios, os, tracking_method, last_scan, row_digest, last_vuln_scan, last_vm_scanned)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insertInBatches(ps, rows, (statement, row) -> {
                    QualysHost h = row.host();
                    statement.setLong(1, h.id());
                    statement.setBytes(2, row.address().toBytes());
                    statement.setString(3, clip(h.dns(), 1000));
                    statement.setString(4, clip(h.netbios(), 255));
                    statement.setString(5, clip(h.os(), 1000));
                    statement.setString(6, clip(h.trackingMethod(), 30));
                    statement.setObject(7, lastScan(h));
                    statement.setLong(8, row.digest());
                    statement.setObject(9, utc(h.lastVulnScan()));
                    statement.setObject(10, utc(h.lastVmScanned()));
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the Qualys host list: " + e.getMessage(), e);
        }
    }

    /** One row of the scanned hosts' table: a host and one of its addresses. */
    private record HostAddress(QualysHost host, IpAddress address, long digest) {
    }

    private static void stageWithCopy(Connection c, List<HostAddress> hostAddresses)
            throws SQLException {
        StringBuilder rows = new StringBuilder(hostAddresses.size() * 120);
        for (HostAddress row : hostAddresses) {
            QualysHost h = row.host();
            rows.append(h.id()).append('\t');
            PostgresCopy.bytea(rows, row.address().toBytes());
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
            rows.append('\t').append(row.digest()).append('\t');
            PostgresCopy.timestamp(rows, utc(h.lastVulnScan()));
            rows.append('\t');
            PostgresCopy.timestamp(rows, utc(h.lastVmScanned()));
            rows.append('\n');
        }
        PostgresCopy.copyIn(c, "COPY qualys_scanned_staging (qualys_host_id, ip, dns, netbios, os, tracking_method, "
                + "last_scan, row_digest, last_vuln_scan, last_vm_scanned) FROM STDIN",
                new StringReader(rows.toString()));
    }

    private static OffsetDateTime lastScan(QualysHost h) {
        return utc(h.lastScan());
    }

    private static OffsetDateTime utc(java.time.Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /**
     * Replaces S and M together: S from {@code subscribed}; M loses the hosts {@code vanished} names and takes every
     * staged host in place of the stored one with the same Qualys ID (all of its addresses) (hosts Qualys lists as stored are not staged and
     * stay as they are).
     *
     * @param vanished Qualys host IDs of stored hosts the host list no longer holds
     * @param sets     the run's sets, from which the dashboard's counts follow while the inventory is the one the run
     *                 read; null to count them from the tables
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void replaceSnapshot(IpRangeSet subscribed, long[] vanished, Long leaseToken, RunSets sets) {
        counts.lock();
        // Set-based SQL: row by row through JPA would not last at a million hosts. Unchanged hosts are not rewritten,
        // which spares PostgreSQL a million dead rows and index entries per run.
        deleteScanned(vanished);
        execute("DELETE FROM qualys_scanned_ips WHERE qualys_host_id IN (SELECT qualys_host_id FROM "
                + "qualys_scanned_staging)");
        // Each host marked with whether its address is indexed (V27); the counts row held above keeps I still.
        execute("INSERT INTO qualys_scanned_ips (qualys_host_id, ip, dns, netbios, os, tracking_method, last_scan, "
                + "row_digest, last_vuln_scan, last_vm_scanned, in_inventory) SELECT s.qualys_host_id, s.ip, s.dns,"
                + " s.netbios, s.os, s.tracking_method, s.last_scan, s.row_digest, s.last_vuln_scan, s.last_vm_scanned,"
                + " EXISTS (SELECT 1 FROM indexed_hosts h WHERE h.ip = s.ip) FROM qualys_scanned_staging s");
        execute("DELETE FROM qualys_scanned_staging");
        writeSubscribed(subscribed);
        snapshotStored();
        counts.store(sets, subscribed);
        fence(leaseToken);
    }

    /** Records on the run that holds the lease when it stored this snapshot: the time of the data readers now see. */
    private void snapshotStored() {
        execute("UPDATE sync_runs SET snapshot_at = CURRENT_TIMESTAMP WHERE id = (SELECT run_id FROM sync_lease"
                + " WHERE id = 1)");
    }

    private void deleteScanned(long[] qualysHostIds) {
        if (qualysHostIds.length == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM qualys_scanned_ips WHERE qualys_host_id = ANY(?)")) {
            for (int from = 0; from < qualysHostIds.length; from += DELETE_CHUNK) {
                long[] chunk = Arrays.copyOfRange(qualysHostIds, from, Math.min(qualysHostIds.length, from + DELETE_CHUNK));
                ps.setArray(1, c.createArrayOf("BIGINT", Arrays.stream(chunk).boxed().toArray()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot remove the hosts Qualys no longer lists: " + e.getMessage(), e);
        }
    }

    /**
     * Updates the planner's statistics of the Qualys tables on PostgreSQL (nothing on H2), in no transaction: after a
     * snapshot that wrote many hosts.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void analyze() {
        try (Connection c = dataSource.getConnection()) {
            CountsRepository.analyzeSnapshot(c);
        } catch (SQLException e) {
            LOG.warning("Could not update the statistics of the Qualys tables (the lists plan with the old ones"
                    + " until autovacuum does): " + e.getMessage());
        }
    }

    /** Replaces S alone: the subscription as re-listed after Auto-Subscribe added to it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void replaceSubscribed(IpRangeSet subscribed, Long leaseToken, RunSets sets) {
        counts.lock();
        writeSubscribed(subscribed);
        snapshotStored();
        counts.store(sets, subscribed);
        fence(leaseToken);
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
    public void adoptGroup(long qualysId, String title, Long leaseToken) {
        fence(leaseToken);
        DiscoveredGroup group = em.find(DiscoveredGroup.class, DiscoveredGroup.SINGLETON_ID);
        if (group == null) {
            em.persist(new DiscoveredGroup(qualysId, title, now()));
        } else {
            group.adopt(qualysId, title, now());
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void groupVerified(Long leaseToken) {
        fence(leaseToken);
        em.find(DiscoveredGroup.class, DiscoveredGroup.SINGLETON_ID).verified(now());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void groupPushed(IpRangeSet ips, Long leaseToken) {
        fence(leaseToken);
        em.find(DiscoveredGroup.class, DiscoveredGroup.SINGLETON_ID)
                .pushed(ips.toString(), ips.rangeCount(), ips.size(), now());
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    private void query(String sql, RowHandler handler) {
        query(sql, ps -> { }, handler);
    }

    private void query(String sql, Parameters parameters, RowHandler handler) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            PostgresCopy.binaryResults(ps);
            parameters.set(ps);
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
