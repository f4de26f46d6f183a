package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.counts.CountsRepository;
import io.assetmanager.counts.CoverageCounts;
import io.assetmanager.counts.FreshCounts;
import io.assetmanager.counts.RunSets;
import io.assetmanager.coverage.OnBothDatabases;
import io.assetmanager.coverage.TestDatabase;
import io.assetmanager.coverage.TestDatabase.Kind;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.sync.SnapshotRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dashboard counts a sync run stores with its snapshot, on H2 and PostgreSQL: taken from the run's sets when the
 * inventory is the one the run read, from the tables when an inventory change committed since; equal to a full count
 * either way.
 */
class RunCountsTest extends OnBothDatabases {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 7, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final IpRangeSet SUBSCRIBED = IpRangeSet.parseList("10.0.0.0/28, 10.0.1.0/30");

    private static QualysHost host(long id, String ip, String scan) {
        return new QualysHost(id, IpAddress.parse(ip), null, null, "Linux", "IP", Instant.parse(scan));
    }

    /** Indexes the listed addresses (merge) as an upload does: counts and inventory version included. */
    private static void upload(Connection c, String... addresses) throws SQLException {
        UploadBatch batch = new UploadBatch(10_000);
        for (int i = 0; i < addresses.length; i++) {
            batch.host(i + 1, IpAddress.parse(addresses[i]), null, null, null);
        }
        batch.sortAndDeduplicate();
        new InventoryWriter.Merge(c, batch, IngestMode.MERGE, "test", NOW).run();
        c.commit();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theCountsStoredWithTheSnapshotEqualAFullCount(Kind kind) throws SQLException {
        TestDatabase db = db(kind);
        SnapshotRepository snapshots = new SnapshotRepository(db.dataSource());
        List<QualysHost> hosts = List.of(host(1, "10.0.0.1", "2026-12-01T00:00:00Z"),
                host(2, "10.0.0.2", "2026-10-01T00:00:00Z"), host(3, "10.0.1.1", "2026-12-06T00:00:00Z"),
                host(4, "10.0.2.1", "2026-12-06T00:00:00Z"), host(5, "10.0.0.3", "2026-12-05T00:00:00Z"));
        try (Connection c = db.dataSource().getConnection()) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE qualys_settings SET stale_after_days = 30 WHERE id = 1");
            }
            emptyAndCount(c);
            c.setAutoCommit(false);
            upload(c, "10.0.0.1", "10.0.0.2", "10.0.1.1", "10.0.2.1", "192.168.0.1");

            // The run reads I, the host list gives M and F (scanned on or after 30 days before NOW).
            InventoryRepository.AddressSnapshot indexed = new InventoryRepository(db.dataSource()).addressSnapshot();
            assertThat(indexed.version()).isNotNegative();
            RunSets sets = new RunSets(indexed.version(), indexed.rows(), indexed.addresses(),
                    IpRangeSet.parseList("10.0.0.1-10.0.0.3, 10.0.1.1, 10.0.2.1"),
                    IpRangeSet.parseList("10.0.0.1, 10.0.0.3, 10.0.1.1, 10.0.2.1"), NOW, 30);
            assertThat(outsideSubscription(c)).as("after the upload, before any subscription").hasSize(5);
            store(snapshots, hosts, sets);
            assertStoredEqualsAFullCount(c, 3);
            assertThat(outsideSubscription(c)).containsExactly("10.0.2.1", "192.168.0.1");
            assertThat(CountsRepository.readFresh(c).orElseThrow().asOf()).as("judged at the run: from its sets")
                    .isEqualTo(NOW);

            // An upload while the next run was fetching: the run's I is stale, the counts come from the tables.
            upload(c, "10.0.0.3", "10.0.1.2");
            store(snapshots, hosts, sets);
            assertStoredEqualsAFullCount(c, 4);
            assertThat(CountsRepository.read(c).orElseThrow().indexed()).isEqualTo(7);
            assertThat(outsideSubscription(c)).containsExactly("10.0.2.1", "192.168.0.1");
            assertThat(CountsRepository.readFresh(c).orElseThrow().asOf()).as("judged now: from the tables")
                    .isNotEqualTo(NOW);
        }
    }

    /**
     * The indexed addresses outside the subscription, kept for the list of "IPs Unmanaged by Qualys": after an
     * upload of thousands, a run whose subscription takes in all but one, and one that gives most of them back.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theIndexedAddressesOutsideTheSubscriptionFollowEachRun(Kind kind) throws SQLException {
        TestDatabase db = db(kind);
        SnapshotRepository snapshots = new SnapshotRepository(db.dataSource());
        try (Connection c = db.dataSource().getConnection()) {
            emptyAndCount(c);
            c.setAutoCommit(false);
            String[] addresses = new String[2501];
            for (int i = 0; i < 2500; i++) {
                addresses[i] = IpAddress.ofIpv4(0x0A010000L + i).toString();
            }
            addresses[2500] = "192.168.0.1";
            upload(c, addresses);
            assertThat(outsideSubscription(c)).hasSize(2501).startsWith("10.1.0.0").endsWith("10.1.9.195",
                    "192.168.0.1");

            InventoryRepository.AddressSnapshot indexed = new InventoryRepository(db.dataSource()).addressSnapshot();
            RunSets sets = new RunSets(indexed.version(), indexed.rows(), indexed.addresses(), IpRangeSet.empty(),
                    IpRangeSet.empty(), NOW, 30);
            store(snapshots, List.of(), sets, IpRangeSet.parseList("10.1.0.0/16"));
            c.commit();
            assertThat(outsideSubscription(c)).containsExactly("192.168.0.1");

            store(snapshots, List.of(), sets, IpRangeSet.parseList("10.1.0.0/24"));
            c.commit();
            assertThat(outsideSubscription(c)).hasSize(2501 - 256).startsWith("10.1.1.0").endsWith("10.1.9.195",
                    "192.168.0.1");
            assertThat(CountsRepository.read(c).orElseThrow()).isEqualTo(CountsRepository.countAll(c));
            c.commit();
        }
    }

    /** Empties I, M and S, and stores their counts (auto-commit on). */
    static void emptyAndCount(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM indexed_hosts");
            st.executeUpdate("DELETE FROM qualys_scanned_ips");
            st.executeUpdate("DELETE FROM qualys_subscribed_ips");
        }
        CountsRepository.recount(c);
    }

    /** The maintained set I − S, in address order. */
    private static List<String> outsideSubscription(Connection c) throws SQLException {
        List<String> addresses = TestDatabase.addresses(c, "SELECT ip FROM indexed_outside_subscription");
        c.commit();
        return addresses;
    }

    private static void store(SnapshotRepository snapshots, List<QualysHost> hosts, RunSets sets) {
        store(snapshots, hosts, sets, SUBSCRIBED);
    }

    private static void store(SnapshotRepository snapshots, List<QualysHost> hosts, RunSets sets,
            IpRangeSet subscribed) {
        snapshots.clearStaging(null);
        snapshots.stage(hosts, null);
        snapshots.replaceSnapshot(subscribed, new long[0], null, sets);
    }

    private static void assertStoredEqualsAFullCount(Connection c, long indexedFresh) throws SQLException {
        c.commit();
        CoverageCounts stored = CountsRepository.read(c).orElseThrow();
        assertThat(stored).isEqualTo(CountsRepository.countAll(c));
        FreshCounts fresh = CountsRepository.readFresh(c).orElseThrow();
        assertThat(fresh.indexedFresh()).isEqualTo(indexedFresh)
                .isEqualTo(CountsRepository.countFresh(c, fresh.asOf(), fresh.since()).indexedFresh());
        c.commit();
    }
}
