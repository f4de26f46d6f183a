package io.assetmanager.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.assetmanager.coverage.TestDatabase.Kind;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dashboard's queries on real H2 and real PostgreSQL, against the worked example and a brute-force model. */
class CoverageRepositoryTest extends OnBothDatabases {

    private CoverageFixture fixture(Kind kind) {
        return new CoverageFixture(db(kind).dataSource()).clear();
    }

    private CoverageRepository queries(Kind kind) {
        return new CoverageRepository(db(kind).dataSource());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void workedExampleWidgetsRegionsAndCoverage(Kind kind) {
        fixture(kind).workedExample();
        CoverageRepository queries = queries(kind);
        CoverageNumbers numbers = queries.numbers(false);

        assertThat(ips(queries, CoverageSet.UNMANAGED_BY_QUALYS)).containsExactly("10.0.1.5", "192.168.1.10");
        assertThat(ips(queries, CoverageSet.UNMANAGED_BY_ASSET_MANAGER)).containsExactly("172.16.0.1");
        assertThat(ips(queries, CoverageSet.MANAGED_BY_BOTH)).containsExactly("10.0.0.2");
        assertThat(numbers.count(CoverageSet.UNMANAGED_BY_QUALYS)).isEqualTo(2);
        assertThat(numbers.count(CoverageSet.UNMANAGED_BY_ASSET_MANAGER)).isEqualTo(1);
        assertThat(numbers.count(CoverageSet.MANAGED_BY_BOTH)).isEqualTo(1);

        assertThat(numbers.count(CoverageSet.INDEXED_ONLY)).isEqualTo(2);
        assertThat(numbers.count(CoverageSet.INDEXED_SUBSCRIBED)).isEqualTo(2);
        assertThat(numbers.count(CoverageSet.ALL_THREE)).isEqualTo(1);
        assertThat(numbers.count(CoverageSet.SUBSCRIBED_SCANNED)).isEqualTo(1);
        assertThat(numbers.count(CoverageSet.INDEXED_SCANNED)).isZero();
        assertThat(numbers.count(CoverageSet.SCANNED_ONLY)).isZero();
        // 10.0.0.0/24 without .1, .2 and .3; 172.16.0.1 is scanned.
        assertThat(numbers.count(CoverageSet.SUBSCRIBED_ONLY)).isEqualTo(253);
        assertThat(queries.addressRanges(CoverageSet.SUBSCRIBED_ONLY.spec(false), null))
                .hasToString("10.0.0.0,10.0.0.4-10.0.0.255");
        assertThat(numbers.count(CoverageSet.INDEXED)).isEqualTo(5);
        assertThat(numbers.count(CoverageSet.SUBSCRIBED)).isEqualTo(257);
        assertThat(numbers.subscribedRanges()).isEqualTo(2);
        assertThat(numbers.count(CoverageSet.SCANNED)).isEqualTo(2);
        assertThat(numbers.coverage()).isEqualTo(0.2);

        // Not scanned, I − M, with the reason of each.
        assertThat(queries.hosts(CoverageSet.NOT_SCANNED.spec(false), ListRequest.firstPage(10)).rows())
                .extracting(HostRow::ip, HostRow::reason).containsExactly(
                        tuple("10.0.0.1", NotScannedReason.SUBSCRIBED_NEVER_SCANNED),
                        tuple("10.0.0.3", NotScannedReason.SUBSCRIBED_NEVER_SCANNED),
                        tuple("10.0.1.5", NotScannedReason.NOT_SUBSCRIBED),
                        tuple("192.168.1.10", NotScannedReason.NOT_SUBSCRIBED));
        assertThat(numbers.count(CoverageSet.NOT_SCANNED)).isEqualTo(4);

        // Auto-Subscribe off: D = (I ∩ S) − M.
        assertThat(numbers.autoSubscribe()).isFalse();
        assertThat(ips(queries, CoverageSet.DISCOVERED)).containsExactly("10.0.0.1", "10.0.0.3");
        assertThat(numbers.count(CoverageSet.DISCOVERED)).isEqualTo(2);
    }

    /**
     * The worked example judged at T0 with "Stale after 30 days", and more scanned hosts: 10.0.0.3 last scanned 40 days
     * before, 10.0.1.5 listed without a scan date, 192.168.1.10 29 days before, and an old second host on 10.0.0.2
     * (its newer scan speaks for the address).
     */
    private CoverageFixture withScanAges(Kind kind) {
        return fixture(kind).workedExample()
                .scanned("10.0.0.3", "gamma.example.com", null, "Linux", "IP", CoverageFixture.T0.minusDays(40))
                .scanned("10.0.1.5", null, null, null, "AGENT", null)
                .scanned("192.168.1.10", null, "PRINTER-2", "HP Printer", "IP", CoverageFixture.T0.minusDays(29))
                .scanned("10.0.0.2", "beta-old.example.com", null, "Windows", "IP", CoverageFixture.T0.minusDays(90));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void staleHostsAreListedCountedAndLeftOutOfCoverage(Kind kind) throws Exception {
        withScanAges(kind);
        CoverageRepository queries = queries(kind);
        CoverageNumbers numbers = queries.numbers(false);

        assertThat(ips(queries, CoverageSet.STALE)).containsExactly("10.0.0.3", "10.0.1.5");
        assertThat(numbers.count(CoverageSet.STALE)).isEqualTo(2);
        assertThat(numbers.count(CoverageSet.MANAGED_BY_BOTH)).isEqualTo(4);
        assertThat(numbers.staleAfterDays()).isEqualTo(30);
        // Coverage counts the fresh scans only: 10.0.0.2 and 192.168.1.10 of five indexed hosts.
        assertThat(numbers.coverage()).isEqualTo(0.4);
        assertThat(numbers.staleShare()).isEqualTo(0.4);
        // Filters and exports as for the other sets.
        ListRequest inBlock = new ListRequest(IpRange.parse("10.0.0.0/24"), null, SortField.IP, false, 0, 50);
        assertThat(queries.hosts(CoverageSet.STALE.spec(false), inBlock).rows()).extracting(HostRow::ip)
                .containsExactly("10.0.0.3");
        assertThat(queries.hostTotal(CoverageSet.STALE.spec(false), inBlock)).isEqualTo(new HostTotal(1, false));
        List<String> exported = new ArrayList<>();
        queries.streamHosts(CoverageSet.STALE.spec(false), ListRequest.firstPage(50), r -> exported.add(r.ip()));
        assertThat(exported).containsExactly("10.0.0.3", "10.0.1.5");
        // "Not scanned in 30 days", the stale hosts and those never scanned, for a list of the hosts to scan.
        SetSpec notRecently = new SetSpec(Membership.IN, Membership.ANY, Membership.ANY, Membership.OUT);
        assertThat(queries.hosts(notRecently, ListRequest.firstPage(50)).rows()).extracting(HostRow::ip)
                .containsExactly("10.0.0.1", "10.0.0.3", "10.0.1.5");
        assertThat(numbers.count(CoverageSet.INDEXED).subtract(numbers.count(CoverageSet.MANAGED_BY_BOTH))
                .add(numbers.count(CoverageSet.STALE))).isEqualTo(3);

        // A longer setting judged at the same time: 10.0.0.3 (40 days) is fresh again; lists and counts agree.
        try (java.sql.Connection c = db(kind).dataSource().getConnection()) {
            io.assetmanager.counts.CountsRepository.recountFresh(c, 60);
        }
        CoverageNumbers longer = queries.numbers(false);
        assertThat(ips(queries, CoverageSet.STALE)).containsExactly("10.0.1.5");
        assertThat(longer.count(CoverageSet.STALE)).isEqualTo(1);
        assertThat(longer.staleAfterDays()).isEqualTo(60);
        assertThat(longer.freshAsOf()).isEqualTo(CoverageFixture.T0);
        assertThat(CoverageSet.STALE.label(longer.staleAfterDays())).isEqualTo("Scanned, but not in 60 days");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void workedExampleWithAutoSubscribeOnDiscoversTheSubscriptionLessTheScannedHosts(Kind kind) {
        // After the run added A = I − S, the stored subscription is S'.
        fixture(kind).workedExample().subscribed("10.0.1.5, 192.168.1.10");
        CoverageRepository queries = queries(kind);
        CoverageNumbers numbers = queries.numbers(true);

        assertThat(numbers.autoSubscribe()).isTrue();
        assertThat(queries.addressRanges(CoverageSet.DISCOVERED.spec(true), null))
                .hasToString("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5,192.168.1.10");
        assertThat(numbers.count(CoverageSet.DISCOVERED)).isEqualTo(257);
        Page<RangeRow> page = queries.ranges(CoverageSet.DISCOVERED.spec(true), ListRequest.firstPage(3));
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.rows()).containsExactly(new RangeRow("10.0.0.0", "10.0.0.1", BigInteger.TWO),
                new RangeRow("10.0.0.3", "10.0.0.255", BigInteger.valueOf(253)),
                new RangeRow("10.0.1.5", "10.0.1.5", BigInteger.ONE));
        assertThat(numbers.count(CoverageSet.UNMANAGED_BY_QUALYS)).isZero();
    }

    /**
     * Ranges that cover some indexed addresses and miss their neighbours (boundaries on both sides), IPv6 hosts on
     * both sides, one address with two Qualys hosts: every set's list and count against set algebra on the same
     * data.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void partlyCoveringRangesIpv6AndDuplicateQualysHostsMatchTheModel(Kind kind) {
        Model model = new Model(kind);
        model.subscribe("10.1.0.0/30, 10.1.0.8-10.1.0.9, 2001:db8::10-2001:db8::1f");
        for (String ip : List.of("10.1.0.0", "10.1.0.3", "10.1.0.4", "10.1.0.7", "10.1.0.8", "10.1.0.10",
                "2001:db8::1", "2001:db8::10", "2001:db8::1f", "2001:db8::20")) {
            model.index(ip);
        }
        for (String ip : List.of("10.1.0.3", "10.1.0.9", "10.1.0.4", "2001:db8::1f", "2001:db8::1f",
                "2001:db8::99", "2001:db8::11")) {
            model.scan(ip);
        }
        // An old second host on a freshly scanned address leaves it fresh.
        model.scan("10.1.0.3", CoverageFixture.T0.minusDays(300));
        model.check();

        CoverageRepository queries = queries(kind);
        assertThat(ips(queries, CoverageSet.UNMANAGED_BY_QUALYS))
                .containsExactly("10.1.0.4", "10.1.0.7", "10.1.0.10", "2001:db8::1", "2001:db8::20");
        assertThat(ips(queries, CoverageSet.MANAGED_BY_BOTH)).containsExactly("10.1.0.3", "10.1.0.4", "2001:db8::1f");
        assertThat(ips(queries, CoverageSet.UNMANAGED_BY_ASSET_MANAGER))
                .containsExactly("10.1.0.9", "2001:db8::11", "2001:db8::99");
        assertThat(ips(queries, CoverageSet.SCANNED_ONLY)).containsExactly("2001:db8::99");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void randomDataMatchesTheModel(Kind kind) {
        Random random = new Random(20261130L);
        for (int round = 0; round < 4; round++) {
            Model model = new Model(kind);
            for (int i = 0; i < 6; i++) {
                long start = random.nextInt(120);
                model.subscribe(IpAddress.ofIpv4(0x0A020000L + start) + "-"
                        + IpAddress.ofIpv4(0x0A020000L + start + random.nextInt(12)));
            }
            for (int i = 0; i < 128; i++) {
                if (random.nextInt(3) == 0) {
                    model.index(IpAddress.ofIpv4(0x0A020000L + i).toString());
                }
                if (random.nextInt(3) == 0) {
                    // Scanned in the last 30 days, 40 days before, or listed without a scan date.
                    int age = random.nextInt(3);
                    model.scan(IpAddress.ofIpv4(0x0A020000L + i).toString(), age == 0 ? CoverageFixture.T0
                            : age == 1 ? CoverageFixture.T0.minusDays(40) : null);
                }
            }
            model.scan("2001:db8::" + Integer.toHexString(random.nextInt(4)));
            model.index("2001:db8::" + Integer.toHexString(random.nextInt(4)));
            model.check();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countsFollowEveryChangeOfTheInventoryAndOfTheQualysSnapshot(Kind kind) throws Exception {
        CoverageFixture fixture = fixture(kind).workedExample();
        CoverageRepository queries = queries(kind);
        assertThat(queries.numbers(false).count(CoverageSet.UNMANAGED_BY_QUALYS)).isEqualTo(2);
        assertThat(queries.numbers(false).count(CoverageSet.UNMANAGED_BY_QUALYS)).isEqualTo(2);

        fixture.indexed("10.9.9.9", "new", null, "nmap");
        assertThat(queries.numbers(false).count(CoverageSet.UNMANAGED_BY_QUALYS)).isEqualTo(3);
        execute(kind, "DELETE FROM indexed_hosts WHERE hostname = 'delta.example.com'");
        assertThat(queries.numbers(false).count(CoverageSet.UNMANAGED_BY_QUALYS)).isEqualTo(2);
        assertThat(queries.hosts(CoverageSet.UNMANAGED_BY_QUALYS.spec(false), ListRequest.firstPage(5)).total())
                .isEqualTo(2);

        // A new snapshot: the sync engine replaces the scanned hosts and records its run.
        execute(kind, "DELETE FROM qualys_scanned_ips");
        fixture.run("SUCCEEDED", CoverageFixture.T0, 5L, 257L, 0L, 3L, null, null);
        assertThat(queries.numbers(false).count(CoverageSet.MANAGED_BY_BOTH)).isZero();
        fixture.subscribed("10.9.9.0/24");
        assertThat(queries.numbers(false).count(CoverageSet.UNMANAGED_BY_QUALYS)).isEqualTo(1);
    }

    private void execute(Kind kind, String sql) throws Exception {
        try (var c = db(kind).dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAddressWithSeveralQualysHostsShowsTheLatestScanAndCountsOnce(Kind kind) {
        fixture(kind).indexed("10.3.0.1", "web", null, "nmap")
                .scanned("10.3.0.1", "old.example.com", null, "Linux 4", "IP", CoverageFixture.T0.minusDays(9))
                .scanned("10.3.0.1", "new.example.com", "WEB", "Linux 6", "AGENT", CoverageFixture.T0.minusDays(1))
                .scanned("10.3.0.1", "never.example.com", null, null, "DNS", null)
                .scanned("10.3.0.2", "other", null, null, "IP", null);
        CoverageRepository queries = queries(kind);
        Page<HostRow> both = queries.hosts(CoverageSet.MANAGED_BY_BOTH.spec(false), ListRequest.firstPage(10));
        assertThat(both.total()).isEqualTo(1);
        HostRow row = both.rows().get(0);
        assertThat(row.dns()).isEqualTo("new.example.com");
        assertThat(row.trackingMethod()).isEqualTo("AGENT");
        assertThat(row.hostname()).isEqualTo("web");
        assertThat(row.lastScan()).isEqualTo(CoverageFixture.T0.minusDays(1));
        // An export shows the same host (on PostgreSQL it picks them for all addresses at once).
        List<HostRow> exported = new ArrayList<>();
        queries.streamHosts(CoverageSet.MANAGED_BY_BOTH.spec(false), ListRequest.firstPage(1), exported::add);
        assertThat(exported).containsExactly(row);
        List<HostRow> scanned = new ArrayList<>();
        queries.streamHosts(CoverageSet.SCANNED.spec(false), ListRequest.firstPage(1), scanned::add);
        assertThat(scanned).extracting(HostRow::ip, HostRow::dns)
                .startsWith(tuple("10.3.0.1", "new.example.com"));
        assertThat(queries.numbers(false).count(CoverageSet.SCANNED)).isEqualTo(2);
        assertThat(ips(queries, CoverageSet.SCANNED)).containsExactly("10.3.0.1", "10.3.0.2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void listsPageSortAndFilter(Kind kind) {
        CoverageFixture fixture = fixture(kind);
        for (int i = 1; i <= 12; i++) {
            fixture.indexed("10.4.0." + i, i % 3 == 0 ? null : "host-" + (100 - i), null, i % 2 == 0 ? "nmap" : "dhcp");
        }
        fixture.indexed("10.4.1.1", "under_score%", null, "import");
        SetSpec unmanaged = CoverageSet.UNMANAGED_BY_QUALYS.spec(false);
        CoverageRepository queries = queries(kind);

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 13; offset += 5) {
            Page<HostRow> page = queries.hosts(unmanaged, new ListRequest(null, null, SortField.IP, false, offset, 5));
            assertThat(page.total()).isEqualTo(13);
            page.rows().forEach(r -> paged.add(r.ip()));
        }
        assertThat(paged).hasSize(13).doesNotHaveDuplicates().startsWith("10.4.0.1", "10.4.0.2")
                .endsWith("10.4.0.12", "10.4.1.1");

        Page<HostRow> byHostname = queries.hosts(unmanaged, new ListRequest(null, null, SortField.HOSTNAME, true, 0, 13));
        // Hosts without a name come after every name, so first when descending.
        assertThat(byHostname.rows()).extracting(HostRow::hostname)
                .startsWith(null, null, null, null, "under_score%", "host-99", "host-98").endsWith("host-89");

        Page<HostRow> cidr = queries.hosts(unmanaged, ListRequest.ofFilter("10.4.0.8/30", SortField.IP, true, 0, 50));
        assertThat(cidr.total()).isEqualTo(4);
        assertThat(cidr.rows()).extracting(HostRow::ip).containsExactly("10.4.0.11", "10.4.0.10", "10.4.0.9", "10.4.0.8");

        Page<HostRow> text = queries.hosts(unmanaged, ListRequest.ofFilter("HOST-9", SortField.IP, false, 0, 50));
        assertThat(text.rows()).extracting(HostRow::ip).containsExactly("10.4.0.1", "10.4.0.2", "10.4.0.4",
                "10.4.0.5", "10.4.0.7", "10.4.0.8", "10.4.0.10");
        // The user's % and _ are literal characters, not wildcards.
        assertThat(queries.hosts(unmanaged, ListRequest.ofFilter("o_t", SortField.IP, false, 0, 50)).total()).isZero();
        assertThat(queries.hosts(unmanaged, ListRequest.ofFilter("e%", SortField.IP, false, 0, 50)).rows())
                .extracting(HostRow::ip).containsExactly("10.4.1.1");
        Page<HostRow> both = queries.hosts(unmanaged,
                new ListRequest(IpRange.parse("10.4.0.0-10.4.0.6"), "dhcp", SortField.IP, false, 0, 50));
        assertThat(both.rows()).extracting(HostRow::ip).containsExactly("10.4.0.1", "10.4.0.3", "10.4.0.5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sortingByInventoryColumnsIsRefusedForHostsAssetManagerNeverIndexed(Kind kind) {
        fixture(kind).workedExample();
        assertThatThrownBy(() -> queries(kind).hosts(CoverageSet.UNMANAGED_BY_ASSET_MANAGER.spec(false),
                new ListRequest(null, null, SortField.HOSTNAME, false, 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot sort by hostname");
        assertThatThrownBy(() -> queries(kind).ranges(CoverageSet.SUBSCRIBED_ONLY.spec(false),
                ListRequest.ofFilter("printer", SortField.IP, false, 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filter by address");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void streamingReturnsTheWholeFilteredSetInOrder(Kind kind) {
        CoverageFixture fixture = fixture(kind);
        for (int i = 0; i < 300; i++) {
            fixture.indexed(IpAddress.ofIpv4(0x0A050000L + i).toString(), "h" + i, null, "nmap");
        }
        List<String> streamed = new ArrayList<>();
        queries(kind).streamHosts(CoverageSet.INDEXED.spec(false),
                ListRequest.ofFilter("10.5.0.0/24", SortField.IP, true, 0, 1), r -> streamed.add(r.ip()));
        assertThat(streamed).hasSize(256).startsWith("10.5.0.255").endsWith("10.5.0.0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void qualysDataIsAsOfTheLastSuccessfulRunAndALaterFailureIsReported(Kind kind) {
        CoverageFixture fixture = fixture(kind);
        CoverageRepository queries = queries(kind);
        assertThat(queries.numbers(false).qualys()).isEqualTo(new QualysStatus(null, null));

        fixture.run("SUCCEEDED", CoverageFixture.T0, 5L, 257L, 2L, 2L, null, null)
                .run("SUCCEEDED", CoverageFixture.T0.plusHours(24), 6L, 300L, 3L, null, null, null);
        assertThat(queries.numbers(false).qualys()).isEqualTo(new QualysStatus(CoverageFixture.T0.plusHours(24), null));

        fixture.run("FAILED", CoverageFixture.T0.plusHours(48), null, null, null, null, "2003",
                "Registration must be completed before API requests will be served for this account");
        QualysStatus status = queries.numbers(false).qualys();
        assertThat(status.dataAsOf()).isEqualTo(CoverageFixture.T0.plusHours(24));
        assertThat(status.lastRunFailed()).isTrue();
        assertThat(status.failedRun().errorCode()).isEqualTo("2003");
        assertThat(status.failedRun().endedAt()).isEqualTo(CoverageFixture.T0.plusHours(48));

    }

    private static List<String> ips(CoverageRepository queries, CoverageSet set) {
        return ips(queries, set, false);
    }

    private static List<String> ips(CoverageRepository queries, CoverageSet set, boolean autoSubscribe) {
        return queries.hosts(set.spec(autoSubscribe), ListRequest.firstPage(ListRequest.MAX_LIMIT)).rows().stream()
                .map(HostRow::ip).toList();
    }

    /** I, S and M held in memory next to the database; {@link #check()} compares every set with set algebra. */
    private final class Model {
        private final Kind kind;
        private final CoverageFixture fixture;
        private final Set<IpAddress> indexed = new LinkedHashSet<>();
        private final Set<IpAddress> scanned = new LinkedHashSet<>();
        /** Scanned in the 30 days before T0, when the fixture judges the scans. */
        private final Set<IpAddress> fresh = new LinkedHashSet<>();
        private IpRangeSet subscribed = IpRangeSet.builder().build();

        Model(Kind kind) {
            this.kind = kind;
            this.fixture = fixture(kind);
        }

        void subscribe(String list) {
            subscribed = subscribed.union(IpRangeSet.parseList(list));
            fixture.subscribed(list);
        }

        void index(String ip) {
            if (indexed.add(IpAddress.parse(ip))) {
                fixture.indexed(ip, "host-" + ip, null, "nmap");
            }
        }

        void scan(String ip) {
            scan(ip, CoverageFixture.T0);
        }

        void scan(String ip, java.time.OffsetDateTime lastScan) {
            scanned.add(IpAddress.parse(ip));
            if (lastScan != null && !lastScan.isBefore(CoverageFixture.T0.minusDays(30))) {
                fresh.add(IpAddress.parse(ip));
            }
            fixture.scanned(ip, null, null, null, "IP", lastScan);
        }

        void check() {
            CoverageRepository queries = queries(kind);
            for (boolean autoSubscribe : new boolean[] {false, true}) {
                CoverageNumbers numbers = queries.numbers(autoSubscribe);
                for (CoverageSet set : CoverageSet.values()) {
                    SetSpec spec = set.spec(autoSubscribe);
                    String what = set + " on " + kind + " with Auto-Subscribe " + autoSubscribe;
                    if (spec.rowKind() == SetSpec.RowKind.ADDRESS_RANGES) {
                        IpRangeSet expected = expectedRanges(spec);
                        assertThat(queries.addressRanges(spec, null)).as(what).isEqualTo(expected);
                        assertThat(numbers.count(set)).as(what).isEqualTo(expected.size());
                        assertThat(queries.ranges(spec, ListRequest.firstPage(1)).total()).as(what)
                                .isEqualTo(expected.rangeCount());
                    } else {
                        List<String> expected = expectedHosts(spec);
                        assertThat(ips(queries, set, autoSubscribe)).as(what).containsExactlyElementsOf(expected);
                        List<String> exported = new ArrayList<>();
                        queries.streamHosts(spec, ListRequest.firstPage(1), r -> exported.add(r.ip()));
                        assertThat(exported).as(what + ", exported").containsExactlyElementsOf(expected);
                        assertThat(numbers.count(set)).as(what).isEqualTo(expected.size());
                        assertThat(queries.hosts(spec, ListRequest.firstPage(1)).total()).as(what)
                                .isEqualTo(expected.size());
                        checkReasons(queries, spec, what);
                    }
                }
            }
        }

        /** The reason of a "Not scanned" row follows from its address's membership in S, on a page and in an export. */
        private void checkReasons(CoverageRepository queries, SetSpec spec, String what) {
            List<HostRow> rows = new ArrayList<>(queries.hosts(spec, ListRequest.firstPage(ListRequest.MAX_LIMIT))
                    .rows());
            queries.streamHosts(spec, ListRequest.firstPage(1), rows::add);
            for (HostRow row : rows) {
                assertThat(row.reason()).as(what + ": " + row.ip()).isEqualTo(NotScannedReason.listed(spec)
                        ? NotScannedReason.of(subscribed.contains(IpAddress.parse(row.ip()))) : null);
            }
        }

        private List<String> expectedHosts(SetSpec spec) {
            TreeSet<IpAddress> all = new TreeSet<>(indexed);
            all.addAll(scanned);
            return all.stream().filter(a -> spec.indexed().admits(indexed.contains(a))
                    && spec.subscribed().admits(subscribed.contains(a))
                    && spec.scanned().admits(scanned.contains(a))
                    && spec.freshScan().admits(fresh.contains(a))).map(IpAddress::toString).toList();
        }

        private IpRangeSet expectedRanges(SetSpec spec) {
            IpRangeSet.Builder taken = IpRangeSet.builder();
            EnumSet<Membership> out = EnumSet.of(Membership.OUT);
            if (out.contains(spec.indexed())) {
                indexed.forEach(taken::add);
            }
            if (out.contains(spec.scanned())) {
                scanned.forEach(taken::add);
            }
            return subscribed.difference(taken.build());
        }
    }

}
