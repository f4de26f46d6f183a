package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.coverage.OnBothDatabases;
import io.assetmanager.coverage.TestDatabase;
import io.assetmanager.coverage.TestDatabase.Kind;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.QualysHost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The snapshot a run stores, on H2 and PostgreSQL: only what changed is rewritten, and the result is the host list. */
class SnapshotRepositoryTest extends OnBothDatabases {

    private static QualysHost host(long id, String ip, String os, String scan) {
        return new QualysHost(id, IpAddress.parse(ip), "host-" + id + ".example", null, os, "IP",
                scan == null ? null : Instant.parse(scan));
    }

    /** Hosts 1 to {@code count} at 10.0.0.1 onwards, each scanned on day i of the month (at most 9 hosts). */
    private static List<QualysHost> hosts(int count, String os, String month) {
        List<QualysHost> hosts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            hosts.add(host(i, "10.0.0." + i, os, "2026-" + month + "-0" + i + "T00:00:00Z"));
        }
        return hosts;
    }

    /**
     * One run as the engine drives the store: clear, stage in batches, replace. Three changed hosts per COPY, so a
     * run of more hosts writes in the background while it stages on.
     */
    private static void run(SnapshotRepository snapshots, List<QualysHost> hosts) {
        RepositorySyncStore store = new RepositorySyncStore(snapshots, null, null, null, null, null, null, Thread::new,
                3);
        store.clearStaging();
        for (int from = 0; from < hosts.size(); from += 2) {
            store.stage(hosts.subList(from, Math.min(hosts.size(), from + 2)));
        }
        store.replaceSnapshot(IpRangeSet.parseList("10.0.0.0/24"), null);
    }

    /** Qualys host ID to "row id ip os last_scan", in ID order. */
    private static Map<Long, String> stored(TestDatabase db) throws SQLException {
        Map<Long, String> rows = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT qualys_host_id, id, ip, os, last_scan FROM qualys_scanned_ips"
                        + " ORDER BY qualys_host_id")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getLong(2) + " " + IpAddress.fromBytes(rs.getBytes(3)) + " "
                        + rs.getString(4) + " " + (rs.getObject(5) == null ? "never" : "scanned"));
            }
        }
        return rows;
    }

    private static long count(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRunKeepsUnchangedHostsAndReplacesChangedNewAndVanishedOnes(Kind kind) throws SQLException {
        TestDatabase db = db(kind);
        SnapshotRepository snapshots = new SnapshotRepository(db.dataSource());
        List<QualysHost> first = hosts(5, "Linux", "01");
        run(snapshots, first);
        Map<Long, String> before = stored(db);
        assertThat(before).hasSize(5);

        // Host 2 rescanned, host 3 gone, host 4 moved to another address, host 6 new; hosts 1 and 5 as they were.
        List<QualysHost> second = List.of(first.get(0), host(2, "10.0.0.2", "Linux", "2026-02-01T00:00:00Z"),
                host(4, "10.0.0.40", "Linux", "2026-01-04T00:00:00Z"), first.get(4),
                host(6, "10.0.0.6", "Windows", null));
        run(snapshots, second);

        Map<Long, String> after = stored(db);
        assertThat(after.keySet()).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(after.get(1L)).isEqualTo(before.get(1L)); // same row: not rewritten
        assertThat(after.get(5L)).isEqualTo(before.get(5L));
        assertThat(after.get(2L)).isNotEqualTo(before.get(2L)).endsWith("10.0.0.2 Linux scanned");
        assertThat(after.get(4L)).endsWith("10.0.0.40 Linux scanned");
        assertThat(after.get(6L)).endsWith("10.0.0.6 Windows never");
        assertThat(count(db, "qualys_scanned_staging")).isZero();
        assertThat(snapshots.loadScanned()).hasToString("10.0.0.1-10.0.0.2,10.0.0.5-10.0.0.6,10.0.0.40");

        // The same list again writes nothing; an empty list empties M.
        run(snapshots, second);
        assertThat(stored(db)).isEqualTo(after);
        run(snapshots, List.of());
        assertThat(count(db, "qualys_scanned_ips")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCopyThatFailsInTheBackgroundFailsTheRunAndTheStoredSnapshotStaysAsItWas(Kind kind) throws SQLException {
        TestDatabase db = db(kind);
        SnapshotRepository snapshots = new SnapshotRepository(db.dataSource());
        run(snapshots, hosts(7, "Linux", "01"));
        Map<Long, String> before = stored(db);
        int[] copies = {0};
        SnapshotRepository failingSecondCopy = new SnapshotRepository(db.dataSource()) {
            @Override
            public void stage(List<QualysHost> hosts, long[] digests, Long leaseToken) {
                if (++copies[0] == 2) {
                    throw new IllegalStateException("Cannot store the Qualys host list: the database went away");
                }
                super.stage(hosts, digests, leaseToken);
            }
        };
        RepositorySyncStore store = new RepositorySyncStore(failingSecondCopy, null, null, null, null, null, null,
                Thread::new, 3);
        store.clearStaging();
        List<QualysHost> second = hosts(7, "Windows", "02");
        Throwable failure = null;
        try {
            for (QualysHost h : second) {
                store.stage(List.of(h));
            }
            store.replaceSnapshot(IpRangeSet.parseList("10.0.0.0/24"), null);
        } catch (IllegalStateException e) {
            failure = e;
        } finally {
            store.endStaging();
        }

        assertThat(failure).as("the failed COPY fails the run").isNotNull()
                .hasMessageContaining("the database went away");
        assertThat(stored(db)).isEqualTo(before);
        assertThat(copies[0]).as("no COPY after the failed one").isEqualTo(2);
    }

    /**
     * The run marks each new or changed scanned host with whether its address is indexed (V27), which the list "IPs
     * Unmanaged by Asset Manager" walks; a host kept as it was keeps the mark the inventory maintains.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void storedHostsAreMarkedWhenTheirAddressIsIndexed(Kind kind) throws SQLException {
        TestDatabase db = db(kind);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO indexed_hosts (ip, zone,"
                        + " first_seen, last_seen, source) VALUES (?, 'default', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                        + " 'test')")) {
            st.executeUpdate("DELETE FROM indexed_hosts");
            insert.setBytes(1, IpAddress.parse("10.0.0.2").toBytes());
            insert.executeUpdate();
        }
        SnapshotRepository snapshots = new SnapshotRepository(db.dataSource());
        run(snapshots, List.of(host(1, "10.0.0.1", "Linux", null), host(2, "10.0.0.2", "Linux", null),
                host(3, "10.0.0.3", "Linux", null)));

        List<String> unmanaged = new io.assetmanager.coverage.CoverageRepository(db.dataSource())
                .hosts(io.assetmanager.coverage.CoverageSet.UNMANAGED_BY_ASSET_MANAGER.spec(false),
                        io.assetmanager.coverage.ListRequest.firstPage(10))
                .rows().stream().map(io.assetmanager.coverage.HostRow::ip).toList();
        assertThat(unmanaged).containsExactly("10.0.0.1", "10.0.0.3");
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM indexed_hosts");
        }
    }

    /** Every stored row as "host-id ip row-id", in host ID and address order. */
    private static List<String> rows(TestDatabase db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT qualys_host_id, ip, id FROM qualys_scanned_ips"
                        + " ORDER BY qualys_host_id, ip")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + IpAddress.fromBytes(rs.getBytes(2)) + " " + rs.getLong(3));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHostWithIpv4AndIpv6IsStoredOncePerAddressAndKeptOrReplacedWhole(Kind kind) throws SQLException {
        TestDatabase db = db(kind);
        SnapshotRepository snapshots = new SnapshotRepository(db.dataSource());
        QualysHost dual = new QualysHost(8, IpAddress.parse("10.0.0.8"), "dual.example", null, "Linux", "IP", null,
                IpAddress.parse("2001:db8::8"));
        List<QualysHost> hosts = List.of(host(7, "10.0.0.7", "Linux", null), dual);
        run(snapshots, hosts);
        List<String> first = rows(db);
        assertThat(first).hasSize(3);
        assertThat(first.get(1)).startsWith("8 10.0.0.8 ");
        assertThat(first.get(2)).startsWith("8 2001:db8::8 ");
        assertThat(snapshots.loadScanned()).hasToString("10.0.0.7-10.0.0.8,2001:db8::8");

        run(snapshots, hosts);
        assertThat(rows(db)).as("unchanged: no row rewritten").isEqualTo(first);

        // The IPv6 address changes: the host is replaced whole, its IPv4 row included, and no old address stays.
        QualysHost moved = new QualysHost(8, IpAddress.parse("10.0.0.8"), "dual.example", null, "Linux", "IP", null,
                IpAddress.parse("2001:db8::9"));
        run(snapshots, List.of(hosts.get(0), moved));
        List<String> after = rows(db);
        assertThat(after).hasSize(3);
        assertThat(after.get(0)).isEqualTo(first.get(0));
        assertThat(after.get(1)).startsWith("8 10.0.0.8 ").isNotEqualTo(first.get(1));
        assertThat(after.get(2)).startsWith("8 2001:db8::9 ");

        // Gone from the host list: both rows go.
        run(snapshots, List.of(hosts.get(0)));
        assertThat(rows(db)).containsExactly(first.get(0));
        run(snapshots, List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void hostsStoredWithoutADigestAreWrittenAgain(Kind kind) throws SQLException {
        TestDatabase db = db(kind);
        SnapshotRepository snapshots = new SnapshotRepository(db.dataSource());
        List<QualysHost> hosts = List.of(host(7, "10.0.0.7", "Linux", null));
        run(snapshots, hosts);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE qualys_scanned_ips SET row_digest = NULL");
        }
        Map<Long, String> before = stored(db);
        run(snapshots, hosts);
        assertThat(stored(db).get(7L)).isNotEqualTo(before.get(7L)).endsWith("10.0.0.7 Linux never");
        run(snapshots, List.of());
    }
}
