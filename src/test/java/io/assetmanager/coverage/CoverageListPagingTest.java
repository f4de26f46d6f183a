package io.assetmanager.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.assetmanager.coverage.TestDatabase.Kind;
import io.assetmanager.net.IpAddress;
import io.assetmanager.sets.SetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host lists' paging on real H2 and PostgreSQL: for every host set, sortable column, direction and filter,
 * walking the pages forwards (each after the last row shown), backwards (each before the first row shown) and by
 * offset gives exactly the rows of the one plain ORDER BY of the export, in an order checked against Java's.
 */
class CoverageListPagingTest extends OnBothDatabases {

    private static final int PAGE = 6;

    /**
     * Random hosts with few distinct names and times, so that ties and empty values are common: 10.0.0.0/24 and
     * 10.0.1.0/24 subscribed in part, some indexed hosts scanned (some addresses twice), some scanned hosts not
     * indexed.
     */
    private static void randomHosts(CoverageFixture fixture, long seed) {
        Random random = new Random(seed);
        String[] names = {null, "alpha", "Beta", "gamma-1", "gamma_2", "delta%"};
        for (int i = 0; i < 50; i++) {
            String ip = "10.0." + random.nextInt(2) + "." + i;
            fixture.indexed(ip, names[random.nextInt(names.length)], random.nextInt(3) == 0 ? null
                    : "02:00:00:00:00:" + String.format("%02x", i), random.nextBoolean() ? "nmap" : "dhcp",
                    CoverageFixture.T0.minusHours(random.nextInt(4)));
            if (random.nextInt(3) == 0) {
                scanned(fixture, random, ip);
                if (random.nextInt(4) == 0) {
                    scanned(fixture, random, ip);
                }
            }
        }
        for (int i = 100; i < 130; i++) {
            scanned(fixture, random, "10.0." + random.nextInt(2) + "." + i);
        }
        fixture.subscribed("10.0.0.0-10.0.0.110, 10.0.1.30-10.0.1.200");
    }

    private static void scanned(CoverageFixture fixture, Random random, String ip) {
        String[] os = {null, "Windows Server 2022", "Ubuntu 24.04"};
        fixture.scanned(ip, random.nextBoolean() ? null : "q" + random.nextInt(5) + ".example.com", null,
                os[random.nextInt(os.length)], random.nextBoolean() ? "IP" : "AGENT",
                random.nextInt(4) == 0 ? null : CoverageFixture.T0.minusDays(random.nextInt(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void pagingForwardBackwardAndByOffsetGivesTheRowsOfOnePlainOrderBy(Kind kind) {
        CoverageFixture fixture = new CoverageFixture(db(kind).dataSource()).clear();
        randomHosts(fixture, 16L);
        CoverageRepository queries = new CoverageRepository(db(kind).dataSource());
        // The widgets, and a list of each other kind: indexed hosts in one, two or no other set, scanned hosts.
        for (CoverageSet set : List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.UNMANAGED_BY_ASSET_MANAGER,
                CoverageSet.MANAGED_BY_BOTH, CoverageSet.INDEXED_SUBSCRIBED, CoverageSet.INDEXED, CoverageSet.SCANNED)) {
            SetSpec spec = set.spec(false);
            boolean indexed = spec.rowKind() == SetSpec.RowKind.INDEXED_HOSTS;
            for (SortField sort : SortField.values()) {
                if (!sort.sortsList(indexed)) {
                    continue;
                }
                for (boolean descending : new boolean[] {false, true}) {
                    for (String filter : new String[] {null, "10.0.0.64/26", "GAMMA", "example"}) {
                        ListRequest request = ListRequest.ofFilter(filter, sort, descending, 0, PAGE);
                        checkPaging(queries, spec, request, set + " by " + sort + (descending ? " desc" : "")
                                + " filtered by " + filter);
                    }
                }
            }
        }
    }

    /**
     * A list of the few indexed hosts outside the subscription is read from the maintained set I − S: exactly the
     * rows, order, pages and totals of the walk of the whole inventory, with hosts before the first range, between
     * ranges, after the last and an IPv6 host; after the subscription changes, and while it is empty.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aListOfFewHostsOutsideTheSubscriptionReadFromTheMaintainedSetIsTheListOfTheWalk(Kind kind) {
        CoverageFixture fixture = new CoverageFixture(db(kind).dataSource()).clear();
        randomHosts(fixture, 16L);
        fixture.indexed("9.255.255.255", "before", null, "nmap").indexed("10.0.0.200", "between", null, "nmap")
                .indexed("10.0.2.7", "after", null, "dhcp").indexed("2001:db8::7", "v6", null, "dhcp")
                .scanned("10.0.2.7", "after.example.com", null, null, "IP", CoverageFixture.T0).countsStored();
        CoverageRepository walk = new CoverageRepository(db(kind).dataSource(), 0);
        CoverageRepository outside = new CoverageRepository(db(kind).dataSource());
        for (CoverageSet set : List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.INDEXED_ONLY,
                CoverageSet.INDEXED_SCANNED)) {
            SetSpec spec = set.spec(false);
            assertThat(outside.readsFromOutsideSet(spec)).as(set.key()).isTrue();
            assertThat(walk.readsFromOutsideSet(spec)).as(set.key()).isFalse();
            for (SortField sort : SortField.values()) {
                if (!sort.sortsList(true)) {
                    continue;
                }
                for (boolean descending : new boolean[] {false, true}) {
                    for (String filter : new String[] {null, "10.0.0.0/23", "10.0.2.0/24", "10.0.0.100-10.0.1.40",
                            "GAMMA", "example"}) {
                        ListRequest request = ListRequest.ofFilter(filter, sort, descending, 0, PAGE);
                        String what = set + " by " + sort + (descending ? " desc" : "") + " filtered by " + filter;
                        List<HostRow> walked = new ArrayList<>();
                        walk.streamHosts(spec, request, walked::add);
                        List<HostRow> fromSet = new ArrayList<>();
                        outside.streamHosts(spec, request, fromSet::add);
                        assertThat(fromSet).as(what).isEqualTo(walked);
                        checkPaging(outside, spec, request, what);
                    }
                }
            }
        }
        List<HostRow> unmanaged = new ArrayList<>();
        outside.streamHosts(CoverageSet.UNMANAGED_BY_QUALYS.spec(false), ListRequest.firstPage(1), unmanaged::add);
        assertThat(unmanaged).extracting(HostRow::ip).contains("9.255.255.255", "10.0.0.200", "10.0.1.0",
                "10.0.2.7", "2001:db8::7").doesNotContain("10.0.0.5", "10.0.1.30");

        // The subscription grows to take in two of those hosts: the next count leaves them out of the set.
        fixture.subscribed("9.255.255.255, 10.0.0.200").countsStored();
        List<HostRow> left = new ArrayList<>();
        outside.streamHosts(CoverageSet.UNMANAGED_BY_QUALYS.spec(false), ListRequest.firstPage(1), left::add);
        List<HostRow> walkedLeft = new ArrayList<>();
        walk.streamHosts(CoverageSet.UNMANAGED_BY_QUALYS.spec(false), ListRequest.firstPage(1), walkedLeft::add);
        assertThat(left).isEqualTo(walkedLeft).extracting(HostRow::ip).contains("10.0.2.7", "2001:db8::7")
                .doesNotContain("9.255.255.255", "10.0.0.200");

        // Without a subscription every indexed host is outside it: all of them.
        fixture.noSubscription().countsStored();
        SetSpec spec = CoverageSet.UNMANAGED_BY_QUALYS.spec(false);
        assertThat(outside.readsFromOutsideSet(spec)).isTrue();
        for (String filter : new String[] {null, "10.0.0.0/23", "example"}) {
            ListRequest request = ListRequest.ofFilter(filter, SortField.IP, false, 0, PAGE);
            checkPaging(outside, spec, request, "no subscription, filtered by " + filter);
            List<HostRow> walked = new ArrayList<>();
            walk.streamHosts(spec, request, walked::add);
            assertThat(outside.hosts(spec, request).total()).as("filtered by " + filter).isEqualTo(walked.size());
        }
        assertThat(outside.hostTotal(spec, ListRequest.firstPage(PAGE)).value()).isEqualTo(54);
    }

    private static void checkPaging(CoverageRepository queries, SetSpec spec, ListRequest request, String what) {
        List<HostRow> all = new ArrayList<>();
        queries.streamHosts(spec, request, all::add);
        assertThat(all).as(what).isSortedAccordingTo(order(request));
        HostTotal total = queries.hostTotal(spec, request);
        assertThat(total).as(what).isEqualTo(new HostTotal(all.size(), false));

        List<HostRow> forward = new ArrayList<>();
        List<HostRow> page = queries.hostRows(spec, request);
        while (!page.isEmpty()) {
            assertThat(page.size()).as(what).isLessThanOrEqualTo(PAGE);
            forward.addAll(page);
            page = queries.hostRows(spec, request, PageSeek.after(page.get(page.size() - 1)), total);
        }
        assertThat(forward).as(what + ", forwards").isEqualTo(all);

        List<HostRow> backward = new ArrayList<>();
        if (!all.isEmpty()) {
            page = List.of(all.get(all.size() - 1));
            backward.addAll(page);
            while (!page.isEmpty()) {
                page = queries.hostRows(spec, request, PageSeek.before(page.get(0)), total);
                assertThat(page.size()).as(what).isLessThanOrEqualTo(PAGE);
                backward.addAll(0, page);
            }
        }
        assertThat(backward).as(what + ", backwards").isEqualTo(all);

        for (HostTotal known : new HostTotal[] {null, total}) {
            List<HostRow> byOffset = new ArrayList<>();
            for (int offset = 0; offset < all.size() + PAGE; offset += PAGE) {
                ListRequest at = new ListRequest(request.range(), request.text(), request.sort(),
                        request.descending(), offset, PAGE);
                byOffset.addAll(queries.hostRows(spec, at, null, known));
            }
            assertThat(byOffset).as(what + ", by offset, total " + known).isEqualTo(all);
        }
    }

    /** The lists' order in Java: the column, empty values after all others, then the address; all reversed when descending. */
    private static Comparator<HostRow> order(ListRequest request) {
        Comparator<HostRow> byIp = Comparator.comparing(r -> IpAddress.parse(r.ip()));
        Comparator<HostRow> order = switch (request.sort()) {
            case IP -> byIp;
            case HOSTNAME -> Comparator.comparing(HostRow::hostname, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(byIp);
            case LAST_SEEN -> Comparator.comparing(HostRow::lastSeen,
                    Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder())).thenComparing(byIp);
            case QUALYS_HOST_ID -> Comparator.comparing(HostRow::qualysHostId,
                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(byIp);
        };
        return request.descending() ? order.reversed() : order;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFilteredListIsCountedUpToTheCapAndAnUnfilteredOneExactly(Kind kind) throws Exception {
        new CoverageFixture(db(kind).dataSource()).clear();
        try (Connection c = db(kind).dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO indexed_hosts (ip, hostname, first_seen, last_seen) VALUES (?, 'bulk', ?, ?)")) {
            // 10,050 hosts from 10.1.0.0 on, quicker in a batch than through the fixture.
            for (int i = 0; i < 10_050; i++) {
                ps.setBytes(1, IpAddress.ofIpv4(0x0A010000L + i).toBytes());
                ps.setObject(2, CoverageFixture.T0);
                ps.setObject(3, CoverageFixture.T0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        CoverageRepository queries = new CoverageRepository(db(kind).dataSource());
        SetSpec unmanaged = CoverageSet.UNMANAGED_BY_QUALYS.spec(false);
        assertThat(queries.hostTotal(unmanaged, ListRequest.firstPage(50))).isEqualTo(new HostTotal(10_050, false));
        HostTotal filtered = queries.hostTotal(unmanaged, ListRequest.ofFilter("bulk", SortField.IP, false, 0, 50));
        assertThat(filtered).isEqualTo(new HostTotal(CoverageRepository.COUNT_CAP, true));
        assertThat(filtered.text()).isEqualTo("more than 10,000");
        assertThat(queries.hostTotal(unmanaged, ListRequest.ofFilter("10.1.0.0/24", SortField.IP, false, 0, 50)))
                .isEqualTo(new HostTotal(256, false));
        Page<HostRow> page = queries.hosts(unmanaged, ListRequest.ofFilter("bulk", SortField.IP, true, 0, 2));
        assertThat(page.capped()).isTrue();
        assertThat(page.rows()).extracting(HostRow::ip).containsExactly("10.1.39.65", "10.1.39.64");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theApisAfterAnAddressContinuesAfterItWithTheTotal(Kind kind) {
        CoverageFixture fixture = new CoverageFixture(db(kind).dataSource()).clear();
        randomHosts(fixture, 7L);
        CoverageRepository queries = new CoverageRepository(db(kind).dataSource());
        SetSpec spec = CoverageSet.INDEXED.spec(false);
        List<HostRow> all = new ArrayList<>();
        queries.streamHosts(spec, ListRequest.firstPage(1), all::add);
        HostRow tenth = new HostRow(all.get(9).ip(), null, null, null, null, null, null, null, null, null, null, null);
        Page<HostRow> page = queries.hosts(spec, ListRequest.firstPage(5), PageSeek.after(tenth));
        assertThat(page.total()).isEqualTo(50);
        assertThat(page.rows()).isEqualTo(all.subList(10, 15));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyIndexedColumnsSort(Kind kind) {
        CoverageRepository queries = new CoverageRepository(db(kind).dataSource());
        assertThatThrownBy(() -> queries.hosts(CoverageSet.MANAGED_BY_BOTH.spec(false),
                new ListRequest(null, null, SortField.QUALYS_HOST_ID, false, 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot sort by qualysHostId");
        assertThatThrownBy(() -> ListParameters.request(null, null, null, "os", null, null, null, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sort: 'os'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theTextFilterOfListsOfIndexedHostsIsTheExpressionOfTheTrigramIndex(Kind kind) throws Exception {
        assumeTrue(kind == Kind.POSTGRESQL, "the trigram index exists on PostgreSQL only");
        try (Connection c = db(kind).dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i"
                        + " JOIN pg_class x ON x.oid = i.indexrelid WHERE x.relname = 'indexed_hosts_text_trgm'"
                        + " AND x.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())")) {
            assertThat(rs.next()).as("the trigram index exists").isTrue();
            String definition = rs.getString(1);
            st.execute("SET enable_seqscan = off");
            try (ResultSet plan = st.executeQuery("EXPLAIN SELECT id FROM indexed_hosts t WHERE "
                    + CoverageRepository.INVENTORY_TEXT.formatted("t") + " LIKE '%abc%'")) {
                StringBuilder text = new StringBuilder();
                while (plan.next()) {
                    text.append(plan.getString(1)).append('\n');
                }
                assertThat(text).as(definition).contains("indexed_hosts_text_trgm");
            }
        }
    }
}
