package io.assetmanager.counts;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.coverage.OnBothDatabases;
import io.assetmanager.coverage.CoverageFixture;
import io.assetmanager.coverage.TestDatabase;
import io.assetmanager.coverage.TestDatabase.Kind;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored counts and the queries that count them, on real H2 and real PostgreSQL. */
class CountsRepositoryTest extends OnBothDatabases {

    /** The worked example of DESIGN.md: |I| 5, |I ∩ S| 3, |I ∩ M| 1, |I ∩ S ∩ M| 1. */
    private static final IndexedCounts WORKED_EXAMPLE_INVENTORY = new IndexedCounts(5, 3, 1, 1);

    private CoverageFixture workedExample(Kind kind) {
        return new CoverageFixture(db(kind).dataSource()).clear().workedExample();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theWorkedExampleCountsAsDesignSays(Kind kind) throws Exception {
        workedExample(kind);
        try (Connection c = db(kind).dataSource().getConnection()) {
            CoverageCounts counts = CountsRepository.countAll(c);
            assertThat(counts.inventory()).isEqualTo(WORKED_EXAMPLE_INVENTORY);
            assertThat(counts.subscribed()).isEqualTo(BigInteger.valueOf(257));
            assertThat(counts.scanned()).isEqualTo(2);
            assertThat(counts.scannedSubscribed()).isEqualTo(2);
            assertThat(counts.subscribedRanges()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countsAreUnknownUntilCountedThenReadBack(Kind kind) throws Exception {
        workedExample(kind);
        try (Connection c = db(kind).dataSource().getConnection()) {
            assertThat(CountsRepository.read(c)).isEmpty();
            CoverageCounts counted = CountsRepository.recount(c);
            assertThat(CountsRepository.read(c)).contains(counted);
            assertThat(counted.inventory()).isEqualTo(WORKED_EXAMPLE_INVENTORY);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void freshScansAreJudgedAtTheRunAndFollowInventoryChangesAndTheSetting(Kind kind) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // 10.0.0.2 scanned yesterday; 10.0.0.3 scanned 45 days ago (stale at 30 days); 10.0.1.5 never.
        new CoverageFixture(db(kind).dataSource()).clear().workedExample()
                .scanned("10.0.0.2", null, null, null, "IP", now.minusDays(1))
                .scanned("10.0.0.3", null, null, null, "IP", now.minusDays(45))
                .scanned("10.0.1.5", null, null, null, "IP", null);
        try (Connection c = db(kind).dataSource().getConnection()) {
            CountsRepository.recount(c);
            FreshCounts fresh = CountsRepository.readFresh(c).orElseThrow();
            assertThat(fresh.indexedFresh()).as("10.0.0.2").isEqualTo(1);
            assertThat(fresh.staleAfterDays()).isEqualTo(30);
            assertThat(fresh.asOf()).isBetween(now.minusMinutes(1), now.plusMinutes(1));

            // Hosts come and go: the difference follows their scans, judged at the same time as the run's.
            c.setAutoCommit(false);
            InventoryCountChange change = InventoryCountChange.begin(c);
            change.removed(IpAddress.parse("10.0.0.2"));
            execute(c, "DELETE FROM indexed_hosts WHERE ip = ?", "10.0.0.2");
            change.added(IpAddress.parse("10.0.0.9"));
            execute(c, "INSERT INTO indexed_hosts (ip, first_seen, last_seen) VALUES (?, CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)", "10.0.0.9");
            change.finish();
            c.commit();
            assertThat(CountsRepository.readFresh(c).orElseThrow().indexedFresh()).isZero();
            InventoryCountChange back = InventoryCountChange.begin(c);
            back.added(IpAddress.parse("10.0.0.2"));
            execute(c, "INSERT INTO indexed_hosts (ip, first_seen, last_seen) VALUES (?, CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)", "10.0.0.2");
            back.finish();
            c.commit();
            c.setAutoCommit(true);
            FreshCounts afterChange = CountsRepository.readFresh(c).orElseThrow();
            assertThat(afterChange.indexedFresh()).isEqualTo(1);
            assertThat(afterChange.since()).isEqualTo(fresh.since());
            assertThat(afterChange.indexedFresh())
                    .isEqualTo(CountsRepository.countFresh(c, fresh.asOf(), fresh.since()).indexedFresh());

            // "Stale after 60 days": 10.0.0.3 is fresh again, judged at the same time.
            FreshCounts longer = CountsRepository.recountFresh(c, 60);
            assertThat(longer.asOf()).isEqualTo(fresh.asOf());
            assertThat(longer.staleAfterDays()).isEqualTo(60);
            assertThat(longer.indexedFresh()).as("10.0.0.2 and 10.0.0.3").isEqualTo(2);
            assertThat(CountsRepository.readFresh(c)).contains(longer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theIndexedHostsOfARangeAreListedInOrderUpToALimit(Kind kind) throws Exception {
        workedExample(kind);
        try (Connection c = db(kind).dataSource().getConnection()) {
            assertThat(CountsRepository.indexedIn(c, IpRange.parse("10.0.0.0-10.0.0.255"), 10))
                    .isEqualTo(addresses("10.0.0.1", "10.0.0.2", "10.0.0.3"));
            assertThat(CountsRepository.indexedIn(c, IpRange.parse("10.0.0.3-192.168.1.10"), 2))
                    .isEqualTo(addresses("10.0.0.3", "10.0.1.5"));
            assertThat(CountsRepository.indexedIn(c, IpRange.parse("2001:db8::/32"), 10)).isEmpty();
            assertThat(CountsRepository.countAddresses(c,
                    CountsRepository.indexedIn(c, CountsRepository.EVERY_ADDRESS, 10)))
                    .isEqualTo(WORKED_EXAMPLE_INVENTORY);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void listedAddressesCountByTheirMembershipWhetherIndexedOrNot(Kind kind) throws Exception {
        workedExample(kind).scanned("172.16.0.1", "second.example.com", null, null, "IP", CoverageFixture.T0);
        try (Connection c = db(kind).dataSource().getConnection()) {
            // 172.16.0.1: in S and M (two Qualys hosts, one address); 10.0.0.200: in S only, not indexed;
            // 10.0.1.5: neither; 10.0.0.0 and 10.0.0.255: the ends of a subscribed range; 10.0.1.0: just past it.
            assertThat(CountsRepository.countAddresses(c, addresses("172.16.0.1", "10.0.0.200", "10.0.1.5",
                    "10.0.0.0", "10.0.0.255", "10.0.1.0", "2001:db8::1"))).isEqualTo(new IndexedCounts(7, 4, 1, 1));
            assertThat(CountsRepository.countAddresses(c, List.of())).isEqualTo(IndexedCounts.ZERO);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void moreAddressesThanOneQueryTakesAreAllCounted(Kind kind) throws Exception {
        new CoverageFixture(db(kind).dataSource()).clear().subscribed("10.8.0.0-10.8.3.255")
                .scanned("10.8.0.7", null, null, null, "IP", null).scanned("10.8.20.9", null, null, null, "IP", null);
        List<IpAddress> addresses = Stream.iterate(IpAddress.parse("10.8.0.0"), IpAddress::next)
                .limit(CountsRepository.CHUNK * 2L + 500).toList();
        try (Connection c = db(kind).dataSource().getConnection()) {
            // 2,500 addresses from 10.8.0.0: the first 1,024 are subscribed, one of them scanned.
            assertThat(CountsRepository.countAddresses(c, addresses)).isEqualTo(new IndexedCounts(2500, 1024, 1, 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anInventoryChangeStoresTheCountsPlusItsDifference(Kind kind) throws Exception {
        workedExample(kind);
        try (Connection c = db(kind).dataSource().getConnection()) {
            CountsRepository.recount(c);
            c.setAutoCommit(false);
            InventoryCountChange change = InventoryCountChange.begin(c);
            change.removingRange(IpRange.parse("10.0.0.2-10.0.0.3"));
            execute(c, "DELETE FROM indexed_hosts WHERE ip BETWEEN ? AND ?", "10.0.0.2", "10.0.0.3");
            change.removed(IpAddress.parse("192.168.1.10"));
            execute(c, "DELETE FROM indexed_hosts WHERE ip = ?", "192.168.1.10");
            change.added(IpAddress.parse("172.16.0.1"));
            execute(c, "INSERT INTO indexed_hosts (ip, first_seen, last_seen) VALUES (?, CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)", "172.16.0.1");
            CoverageCounts stored = change.finish();
            c.commit();

            // I = {10.0.0.1, 10.0.1.5, 172.16.0.1}: in S 10.0.0.1 and 172.16.0.1, in M 172.16.0.1.
            assertThat(stored.inventory()).isEqualTo(new IndexedCounts(3, 2, 1, 1));
            assertThat(CountsRepository.read(c)).contains(stored);
            assertThat(stored).isEqualTo(CountsRepository.countAll(c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLargeChangeCountsTheInventoryAgainAndUnknownCountsAreCountedWhole(Kind kind) throws Exception {
        workedExample(kind);
        try (Connection c = db(kind).dataSource().getConnection()) {
            c.setAutoCommit(false);
            InventoryCountChange unknown = InventoryCountChange.begin(c);
            unknown.added(IpAddress.parse("10.0.0.9"));
            execute(c, "INSERT INTO indexed_hosts (ip, first_seen, last_seen) VALUES (?, CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)", "10.0.0.9");
            assertThat(unknown.finish()).isEqualTo(CountsRepository.countAll(c));
            c.commit();

            InventoryCountChange large = InventoryCountChange.begin(c, 2);
            for (String ip : List.of("10.0.0.10", "10.0.0.11", "172.16.0.1")) {
                large.added(IpAddress.parse(ip));
                execute(c, "INSERT INTO indexed_hosts (ip, first_seen, last_seen) VALUES (?, CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP)", ip);
            }
            assertThat(notInInventory(c)).as("scanned, not indexed yet").containsExactly("172.16.0.1");
            CoverageCounts stored = large.finish();
            c.commit();
            assertThat(notInInventory(c)).as("a change too large to list marks every scanned host again").isEmpty();
            assertThat(stored.inventory()).isEqualTo(new IndexedCounts(9, 7, 2, 2));
            assertThat(stored).isEqualTo(CountsRepository.countAll(c));

            // Three hosts in the range, more than the limit of two.
            InventoryCountChange largeDelete = InventoryCountChange.begin(c, 2);
            largeDelete.removingRange(IpRange.parse("10.0.0.9-10.0.0.11"));
            execute(c, "DELETE FROM indexed_hosts WHERE ip BETWEEN ? AND ?", "10.0.0.9", "10.0.0.11");
            assertThat(largeDelete.finish().inventory()).isEqualTo(new IndexedCounts(6, 4, 2, 2));
            c.commit();
        }
    }

    /**
     * A sync run adds 10.0.1.4-10.0.1.255 to the subscription while an upload of 10.0.1.7 waits for the counts row: once
     * the run commits, the upload counts its host as subscribed. Without the row lock the upload would have probed
     * the old subscription. The run holds the row longer than H2's lock timeout of 2 s, which the writer outwaits.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anInventoryChangeWaitsForTheSnapshotTransactionAndSeesItsSubscription(Kind kind) throws Exception {
        workedExample(kind);
        try (Connection run = db(kind).dataSource().getConnection();
                Connection upload = db(kind).dataSource().getConnection()) {
            CountsRepository.recount(run);
            run.setAutoCommit(false);
            upload.setAutoCommit(false);
            CountsRepository.lock(run);
            execute(run, "INSERT INTO qualys_subscribed_ips (range_start, range_end) VALUES (?, ?)", "10.0.1.4",
                    "10.0.1.255");

            CompletableFuture<CoverageCounts> uploaded = CompletableFuture.supplyAsync(() -> {
                try {
                    InventoryCountChange change = InventoryCountChange.begin(upload);
                    change.added(IpAddress.parse("10.0.1.7"));
                    execute(upload, "INSERT INTO indexed_hosts (ip, first_seen, last_seen) VALUES (?,"
                            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", "10.0.1.7");
                    CoverageCounts counts = change.finish();
                    upload.commit();
                    return counts;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2500);
            assertThat(uploaded).isNotDone();
            CountsRepository.recount(run);
            run.commit();

            // I gains 10.0.1.7, inside the new range; 10.0.1.5 is now subscribed too.
            assertThat(uploaded.get().inventory()).isEqualTo(new IndexedCounts(6, 5, 1, 1));
            assertThat(uploaded.get()).isEqualTo(CountsRepository.countAll(run));
        }
    }

    private static List<IpAddress> addresses(String... ips) {
        return Stream.of(ips).map(IpAddress::parse).toList();
    }

    /**
     * The set I − S, kept for the lists of few hosts outside the subscription while it holds at most a limit (two
     * here): a change that takes it over the limit leaves it, and the change that brings it back under fills it from
     * the tables, so that it holds what was added meanwhile too.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSetOutsideTheSubscriptionIsFilledAgainWhenItComesBackUnderItsLimit(Kind kind) throws Exception {
        workedExample(kind);
        try (Connection c = db(kind).dataSource().getConnection()) {
            CountsRepository.recount(c);
            List<String> before = TestDatabase.addresses(c, "SELECT ip FROM indexed_outside_subscription");
            assertThat(before).hasSize(2).isEqualTo(TestDatabase.addresses(c, TRUE_OUTSIDE));

            c.setAutoCommit(false);
            InventoryCountChange over = InventoryCountChange.begin(c, 100, 2);
            for (String ip : List.of("172.31.0.1", "172.31.0.2")) {
                over.added(IpAddress.parse(ip));
                execute(c, "INSERT INTO indexed_hosts (ip, first_seen, last_seen) VALUES (?, CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP)", ip);
            }
            assertThat(CountsRepository.keepsOutside(over.finish(), 2)).as("four outside, over the limit").isFalse();
            c.commit();
            assertThat(CountsRepository.outsideKept(c)).as("lists walk the inventory meanwhile").isFalse();

            InventoryCountChange under = InventoryCountChange.begin(c, 100, 2);
            for (String ip : List.of(before.get(0), "172.31.0.1")) {
                under.removed(IpAddress.parse(ip));
                execute(c, "DELETE FROM indexed_hosts WHERE ip = ?", ip);
            }
            assertThat(CountsRepository.keepsOutside(under.finish(), 2)).isTrue();
            c.commit();
            assertThat(CountsRepository.outsideKept(c)).isTrue();
            assertThat(TestDatabase.addresses(c, "SELECT ip FROM indexed_outside_subscription"))
                    .containsExactlyInAnyOrder(before.get(1), "172.31.0.2")
                    .isEqualTo(TestDatabase.addresses(c, TRUE_OUTSIDE));
            c.commit();
        }
    }

    /** I − S as SQL: the indexed addresses no subscribed range holds. */
    private static final String TRUE_OUTSIDE = "SELECT DISTINCT h.ip FROM indexed_hosts h WHERE NOT EXISTS (SELECT 1"
            + " FROM qualys_subscribed_ips s WHERE h.ip BETWEEN s.range_start AND s.range_end)";

    /** The addresses of the scanned hosts marked as not indexed ({@code in_inventory}). */
    private static List<String> notInInventory(Connection c) throws SQLException {
        List<String> addresses = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ip FROM qualys_scanned_ips WHERE NOT in_inventory"
                + " ORDER BY ip"); java.sql.ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                addresses.add(IpAddress.fromBytes(rs.getBytes(1)).toString());
            }
        }
        return addresses;
    }

    private static void execute(Connection c, String sql, String... ips) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < ips.length; i++) {
                ps.setBytes(i + 1, IpAddress.parse(ips[i]).toBytes());
            }
            ps.executeUpdate();
        }
    }
}
