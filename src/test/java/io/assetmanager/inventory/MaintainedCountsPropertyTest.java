package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.counts.CountsRepository;
import io.assetmanager.counts.CoverageCounts;
import io.assetmanager.counts.IndexedCounts;
import io.assetmanager.coverage.TestDatabase;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The dashboard's counts as the inventory writer and the sync run maintain them, after random sequences of uploads
 * (merge and replace), deletes by range and snapshot replacements: after every step the stored counts equal a full
 * count from the tables and a brute-force model. Addresses come from a small window (and two IPv6 addresses), so
 * uploads, deletes, ranges and scanned hosts overlap often; hosts are in three zones (the default one, "a" and "b"),
 * so the same address is often a host of two zones, which the counts take as one address.
 */
class MaintainedCountsPropertyTest {

    private static final int WINDOW = 40;
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static TestDatabase h2;
    private static TestDatabase postgresql;

    @BeforeContainer
    static void openDatabases() {
        h2 = TestDatabase.h2();
        if (TestDatabase.postgresqlProblem() == null) {
            postgresql = TestDatabase.postgresql();
        }
    }

    @AfterContainer
    static void closeDatabases() throws SQLException {
        h2.close();
        if (postgresql != null) {
            postgresql.close();
        }
    }

    sealed interface Step permits Upload, Delete, Snapshot {
    }

    /** Hosts as positions; position p is in zone {@code ZONES[p / (WINDOW + 2)]} at address p mod (WINDOW + 2). */
    record Upload(IngestMode mode, List<Integer> hosts) implements Step {
    }

    /** A delete of a range, in one zone or (zone null) in all. */
    record Delete(int first, int last, String zone) implements Step {
    }

    private static final String[] ZONES = {null, "a", "b"};

    /** A sync run's new S (ranges as pairs of positions) and M (positions; one may appear twice). */
    record Snapshot(List<int[]> subscribed, List<Integer> scanned) implements Step {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Snapshot[subscribed=");
            subscribed.forEach(r -> s.append(r[0]).append('-').append(r[1]).append(' '));
            return s.append(", scanned=").append(scanned).append(']').toString();
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, WINDOW + 1);
        Arbitrary<Integer> host = Arbitraries.integers().between(0, 3 * (WINDOW + 2) - 1);
        Arbitrary<Step> upload = Combinators.combine(Arbitraries.of(IngestMode.class),
                host.list().ofMinSize(1).ofMaxSize(15)).as(Upload::new);
        Arbitrary<Step> delete = Combinators.combine(position, Arbitraries.integers().between(0, 12),
                        Arbitraries.of("", "default", "a", "b"))
                .as((first, length, zone) -> new Delete(first, Math.min(WINDOW + 1, first + length),
                        zone.isEmpty() ? null : zone));
        Arbitrary<int[]> range = Combinators.combine(position, Arbitraries.integers().between(0, 8))
                .as((first, length) -> new int[] {first, Math.min(WINDOW + 1, first + length)});
        Arbitrary<Step> snapshot = Combinators.combine(range.list().ofMaxSize(5), position.list().ofMaxSize(15))
                .as(Snapshot::new);
        return Arbitraries.frequencyOf(Tuple.of(5, upload), Tuple.of(2, delete), Tuple.of(2, snapshot)).list()
                .ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 100)
    void onH2TheMaintainedCountsEqualAFullCount(@ForAll("steps") List<Step> steps) throws Exception {
        check(h2, steps);
    }

    @Property(tries = 25)
    void onPostgresqlTheMaintainedCountsEqualAFullCount(@ForAll("steps") List<Step> steps) throws Exception {
        Assume.that(postgresql != null);
        check(postgresql, steps);
    }

    private static void check(TestDatabase db, List<Step> steps) throws Exception {
        Model model = new Model();
        try (Connection c = db.dataSource().getConnection()) {
            RunCountsTest.emptyAndCount(c);
            c.setAutoCommit(false);
            for (Step step : steps) {
                apply(c, step);
                c.commit();
                model.apply(step);
                CoverageCounts stored = CountsRepository.read(c).orElseThrow();
                assertThat(stored).as("after " + step).isEqualTo(CountsRepository.countAll(c))
                        .isEqualTo(model.counts());
                assertThat(hosts(c)).as("the hosts after " + step).isEqualTo(model.hosts);
                assertThat(notInInventory(c)).as("the scanned addresses marked as not indexed after " + step)
                        .isEqualTo(model.scannedNotIndexed());
                assertThat(addresses(c, "SELECT ip FROM indexed_outside_subscription"))
                        .as("the maintained set I − S after " + step).isEqualTo(model.outsideSubscription());
            }
            c.setAutoCommit(true);
        }
    }

    /** The indexed hosts as "zone address", as the model holds them. */
    private static Set<String> hosts(Connection c) throws SQLException {
        Set<String> hosts = new TreeSet<>();
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT zone, ip FROM indexed_hosts")) {
            while (rs.next()) {
                hosts.add(rs.getString(1) + " " + IpAddress.fromBytes(rs.getBytes(2)));
            }
        }
        return hosts;
    }

    /** The addresses of the scanned hosts marked as not indexed ({@code in_inventory}, which lists of M − I walk). */
    private static Set<IpAddress> notInInventory(Connection c) throws SQLException {
        return addresses(c, "SELECT ip FROM qualys_scanned_ips WHERE NOT in_inventory");
    }

    /** The addresses the query's first column holds. */
    private static Set<IpAddress> addresses(Connection c, String select) throws SQLException {
        Set<IpAddress> addresses = new TreeSet<>();
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(select)) {
            while (rs.next()) {
                addresses.add(IpAddress.fromBytes(rs.getBytes(1)));
            }
        }
        return addresses;
    }

    private static void apply(Connection c, Step step) throws SQLException {
        if (step instanceof Upload u) {
            UploadBatch batch = new UploadBatch(100);
            for (int p : u.hosts()) {
                batch.host(1, address(p % (WINDOW + 2)), "host-" + p, null, ZONES[p / (WINDOW + 2)]);
            }
            batch.sortAndDeduplicate();
            new InventoryWriter.Merge(c, batch, u.mode(), "test", NOW).run();
        } else if (step instanceof Delete d) {
            InventoryWriter.deleteRange(c, new IpRange(address(d.first()), address(d.last())), d.zone());
        } else {
            replaceSnapshot(c, (Snapshot) step);
        }
    }

    /** What the sync run's snapshot transaction does: take the counts, replace S and M, count again. */
    private static void replaceSnapshot(Connection c, Snapshot s) throws SQLException {
        CountsRepository.lock(c);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM qualys_scanned_ips");
            st.executeUpdate("DELETE FROM qualys_subscribed_ips");
        }
        // Marked as the run's insert marks them: whether the inventory holds the address.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO qualys_scanned_ips (qualys_host_id, ip,"
                + " in_inventory) VALUES (?, ?, EXISTS (SELECT 1 FROM indexed_hosts h WHERE h.ip = ?))")) {
            long id = 1;
            for (int p : s.scanned()) {
                ps.setLong(1, id++);
                ps.setBytes(2, address(p).toBytes());
                ps.setBytes(3, address(p).toBytes());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO qualys_subscribed_ips (range_start, range_end)"
                + " VALUES (?, ?)")) {
            for (IpRange r : subscription(s)) {
                ps.setBytes(1, r.first().toBytes());
                ps.setBytes(2, r.last().toBytes());
                ps.executeUpdate();
            }
        }
        if (s.scanned().size() % 2 == 0) {
            CountsRepository.recount(c);
        } else {
            // As a run whose inventory did not change meanwhile stores them: I − S from the sets in memory.
            CountsRepository.store(c, CountsRepository.countAll(c));
            IpRangeSet.Builder indexed = IpRangeSet.builder();
            addresses(c, "SELECT ip FROM indexed_hosts").forEach(indexed::add);
            CountsRepository.storeOutside(c, indexed.build().difference(subscription(s)));
        }
    }

    /** The stored form of a subscription: merged ranges. */
    private static IpRangeSet subscription(Snapshot s) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        s.subscribed().forEach(r -> b.add(new IpRange(address(r[0]), address(r[1]))));
        return b.build();
    }

    /** Positions 0 to WINDOW - 1 are IPv4 addresses from 10.0.0.0; the last two are IPv6 addresses. */
    private static IpAddress address(int position) {
        return position < WINDOW ? IpAddress.ofIpv4(0x0A000000L + position)
                : IpAddress.parse("2001:db8::" + (position - WINDOW + 1));
    }

    private static final class Model {
        /** The indexed hosts as "zone address". */
        private final Set<String> hosts = new TreeSet<>();
        private final Set<IpAddress> scanned = new TreeSet<>();
        private IpRangeSet subscribed = IpRangeSet.builder().build();

        void apply(Step step) {
            if (step instanceof Upload u) {
                if (u.mode() == IngestMode.REPLACE) {
                    hosts.clear();
                }
                u.hosts().forEach(p -> hosts.add(HostFields.zoneName(ZONES[p / (WINDOW + 2)]) + " "
                        + address(p % (WINDOW + 2))));
            } else if (step instanceof Delete d) {
                IpRange range = new IpRange(address(d.first()), address(d.last()));
                hosts.removeIf(h -> range.contains(IpAddress.parse(h.substring(h.indexOf(' ') + 1)))
                        && (d.zone() == null || h.startsWith(d.zone() + " ")));
            } else {
                Snapshot s = (Snapshot) step;
                subscribed = subscription(s);
                scanned.clear();
                s.scanned().forEach(p -> scanned.add(address(p)));
            }
        }

        Set<IpAddress> scannedNotIndexed() {
            Set<IpAddress> left = new TreeSet<>(scanned);
            hosts.forEach(h -> left.remove(IpAddress.parse(h.substring(h.indexOf(' ') + 1))));
            return left;
        }

        Set<IpAddress> outsideSubscription() {
            Set<IpAddress> outside = new TreeSet<>();
            hosts.forEach(h -> outside.add(IpAddress.parse(h.substring(h.indexOf(' ') + 1))));
            outside.removeIf(subscribed::contains);
            return outside;
        }

        CoverageCounts counts() {
            Set<IpAddress> indexed = new TreeSet<>();
            hosts.forEach(h -> indexed.add(IpAddress.parse(h.substring(h.indexOf(' ') + 1))));
            IndexedCounts inventory = IndexedCounts.ZERO;
            for (IpAddress a : indexed) {
                inventory = inventory.plus(IndexedCounts.ofHost(subscribed.contains(a), scanned.contains(a)));
            }
            List<IpAddress> scannedSubscribed = new ArrayList<>(scanned);
            scannedSubscribed.removeIf(a -> !subscribed.contains(a));
            return new CoverageCounts(inventory, subscribed.size(), scanned.size(), scannedSubscribed.size(),
                    subscribed.rangeCount());
        }
    }
}
