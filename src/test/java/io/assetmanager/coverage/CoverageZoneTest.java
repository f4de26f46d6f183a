package io.assetmanager.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.assetmanager.coverage.TestDatabase.Kind;
import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Zone filter of the dashboard's counts and lists on real H2 and real PostgreSQL: the worked example of DESIGN.md
 * split into two zones, each zone's numbers checked against values worked out by hand, and "All zones" still the
 * worked example's.
 */
class CoverageZoneTest extends OnBothDatabases {

    private CoverageRepository queries(Kind kind) {
        return new CoverageRepository(db(kind).dataSource());
    }

    /**
     * I = {10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.1.5, 192.168.1.10}, S = {10.0.0.0/24, 172.16.0.1},
     * M = {10.0.0.2, 172.16.0.1} (scanned 2 and 3 days before the run, so fresh), with the zones
     * DMZ = {10.0.0.1, 10.0.0.2, 192.168.1.10} and default = {10.0.0.3 (no zone), 10.0.1.5 (zone "default")}.
     */
    private CoverageFixture twoZones(Kind kind) {
        return new CoverageFixture(db(kind).dataSource()).clear().workedExample()
                .zone("DMZ", "10.0.0.1", "10.0.0.2", "192.168.1.10").zone("default", "10.0.1.5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachZoneCountsItsOwnHostsAgainstTheWholeSubscriptionAndScans(Kind kind) {
        twoZones(kind);
        CoverageRepository queries = queries(kind);

        // DMZ: I_z = {10.0.0.1, 10.0.0.2, 192.168.1.10}; I_z ∩ S = {10.0.0.1, 10.0.0.2}; I_z ∩ M = {10.0.0.2}.
        CoverageNumbers dmz = queries.numbers(false, "DMZ");
        assertThat(dmz.zone()).isEqualTo("DMZ");
        assertThat(counts(dmz)).containsExactlyEntriesOf(expected(
                "unmanaged-by-qualys", 1, "managed-by-both", 1, "not-scanned", 2, "indexed", 3, "subscribed", 257,
                "scanned", 2, "indexed-only", 1, "indexed-subscribed", 1, "indexed-scanned", 0, "all-three", 1,
                "stale", 0, "discovered", 1));
        assertThat(dmz.coverage()).isEqualTo(1.0 / 3);
        assertThat(dmz.indexedInAllZones()).as("the Totals' figure").isEqualTo(5);
        assertThat(ips(queries, CoverageSet.UNMANAGED_BY_QUALYS, "DMZ")).containsExactly("192.168.1.10");
        assertThat(ips(queries, CoverageSet.MANAGED_BY_BOTH, "DMZ")).containsExactly("10.0.0.2");
        assertThat(ips(queries, CoverageSet.DISCOVERED, "DMZ")).containsExactly("10.0.0.1");
        assertThat(queries.hosts(CoverageSet.NOT_SCANNED.spec(false), ListRequest.firstPage(10).inZone("DMZ")).rows())
                .extracting(HostRow::ip, HostRow::reason).containsExactly(
                        tuple("10.0.0.1", NotScannedReason.SUBSCRIBED_NEVER_SCANNED),
                        tuple("192.168.1.10", NotScannedReason.NOT_SUBSCRIBED));

        // default: the host without a zone and the one named "default"; I_z ∩ S = {10.0.0.3}, nothing scanned.
        CoverageNumbers unnamed = queries.numbers(false, "default");
        assertThat(counts(unnamed)).containsExactlyEntriesOf(expected(
                "unmanaged-by-qualys", 1, "managed-by-both", 0, "not-scanned", 2, "indexed", 2, "subscribed", 257,
                "scanned", 2, "indexed-only", 1, "indexed-subscribed", 1, "indexed-scanned", 0, "all-three", 0,
                "stale", 0, "discovered", 1));
        assertThat(unnamed.coverage()).isEqualTo(0.0);
        assertThat(ips(queries, CoverageSet.UNMANAGED_BY_QUALYS, "default")).containsExactly("10.0.1.5");
        assertThat(ips(queries, CoverageSet.INDEXED, "default")).containsExactly("10.0.0.3", "10.0.1.5");

        // The sets outside I have no zone: no count, and a list of them in a zone is refused, saying why.
        for (CoverageSet set : List.of(CoverageSet.UNMANAGED_BY_ASSET_MANAGER, CoverageSet.SUBSCRIBED_ONLY,
                CoverageSet.SCANNED_ONLY, CoverageSet.SUBSCRIBED_SCANNED)) {
            assertThat(dmz.applies(set)).as(set.key()).isFalse();
            assertThatThrownBy(() -> dmz.count(set)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> CoverageRepository.check(set.spec(false), ListRequest.firstPage(10).inZone("DMZ")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("zone: Not applicable to a zone: these hosts are not in the inventory, so they have"
                            + " no zone.");
        }
        // S and M stay whole: the subscription's ranges and the scanned hosts are listed as without a zone.
        assertThat(queries.ranges(CoverageSet.SUBSCRIBED.spec(false), ListRequest.firstPage(10).inZone("DMZ"))
                .total()).isEqualTo(2);
        assertThat(ips(queries, CoverageSet.SCANNED, "DMZ")).containsExactly("10.0.0.2", "172.16.0.1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void allZonesAreTodaysNumbersAndTheZonesAddUpToThem(Kind kind) {
        twoZones(kind);
        CoverageRepository queries = queries(kind);
        CoverageNumbers all = queries.numbers(false, null);
        assertThat(all.zone()).isNull();
        // The worked example's numbers (CoverageRepositoryTest), zones or not.
        assertThat(counts(all)).containsExactlyEntriesOf(expected(
                "unmanaged-by-qualys", 2, "managed-by-both", 1, "not-scanned", 4, "indexed", 5, "subscribed", 257,
                "scanned", 2, "indexed-only", 2, "indexed-subscribed", 2, "indexed-scanned", 0, "all-three", 1,
                "stale", 0, "discovered", 2));
        assertThat(all.count(CoverageSet.UNMANAGED_BY_ASSET_MANAGER)).isEqualTo(1);
        assertThat(all.count(CoverageSet.SUBSCRIBED_ONLY)).isEqualTo(253);
        assertThat(all.coverage()).isEqualTo(0.2);
        assertThat(counts(all)).isEqualTo(counts(queries.numbers(false)));
        CoverageNumbers dmz = queries.numbers(false, "DMZ");
        CoverageNumbers unnamed = queries.numbers(false, "default");
        for (CoverageSet set : CoverageSet.values()) {
            SetSpec spec = set.spec(false);
            if (spec.indexed() == Membership.IN) {
                assertThat(dmz.count(set).add(unnamed.count(set))).as(set.key()).isEqualTo(all.count(set));
            }
        }
    }

    /** Without zones every host is in the default zone: its numbers are the inventory's, All zones' (not counted). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theDefaultZoneOfAnInventoryWithoutZonesIsAllZones(Kind kind) {
        new CoverageFixture(db(kind).dataSource()).clear().workedExample().zone("default", "10.0.1.5");
        CoverageRepository queries = queries(kind);
        CoverageNumbers unnamed = queries.numbers(false, "default");
        assertThat(counts(unnamed)).isEqualTo(counts(queries.numbers(false)));
        assertThat(unnamed.count(CoverageSet.UNMANAGED_BY_QUALYS)).isEqualTo(2);
        assertThat(unnamed.applies(CoverageSet.UNMANAGED_BY_ASSET_MANAGER)).isFalse();
        assertThat(unnamed.coverage()).isEqualTo(0.2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUnknownZoneIsEmptyAndNamesMatchExactly(Kind kind) {
        twoZones(kind);
        CoverageRepository queries = queries(kind);
        for (String zone : List.of("Branch-2", "dmz", "Default")) {
            CoverageNumbers numbers = queries.numbers(false, zone);
            assertThat(numbers.count(CoverageSet.INDEXED)).as(zone).isZero();
            assertThat(numbers.count(CoverageSet.UNMANAGED_BY_QUALYS)).as(zone).isZero();
            assertThat(numbers.count(CoverageSet.SUBSCRIBED)).as(zone).isEqualTo(257);
            assertThat(numbers.coverage()).as(zone).isNull();
            Page<HostRow> page = queries.hosts(CoverageSet.NOT_SCANNED.spec(false),
                    ListRequest.firstPage(10).inZone(zone));
            assertThat(page.total()).isZero();
            assertThat(page.rows()).isEmpty();
        }
    }

    /** Two zones interleaved in address order: a zone's list pages by offset and by keyset, filters and exports. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aZonesListPagesFiltersAndExportsItsHostsOnly(Kind kind) {
        CoverageFixture fixture = new CoverageFixture(db(kind).dataSource()).clear();
        List<String> east = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            String ip = "10.6.0." + i;
            fixture.indexed(ip, i % 4 == 0 ? "printer-" + i : "host-" + i, null, "nmap");
            if (i % 2 == 0) {
                fixture.zone("East", ip);
                east.add(ip);
            }
        }
        CoverageRepository queries = queries(kind);
        SetSpec unmanaged = CoverageSet.UNMANAGED_BY_QUALYS.spec(false);

        List<String> byOffset = new ArrayList<>();
        List<String> byKeyset = new ArrayList<>();
        PageSeek seek = null;
        for (int offset = 0; offset < 12; offset += 5) {
            ListRequest request = new ListRequest(null, null, SortField.IP, false, offset, 5, "East");
            Page<HostRow> page = queries.hosts(unmanaged, request);
            assertThat(page.total()).isEqualTo(12);
            assertThat(page.capped()).isFalse();
            page.rows().forEach(r -> byOffset.add(r.ip()));
            List<HostRow> rows = queries.hostRows(unmanaged, request, seek, new HostTotal(12, false));
            rows.forEach(r -> byKeyset.add(r.ip()));
            seek = rows.isEmpty() ? null : PageSeek.after(rows.get(rows.size() - 1));
        }
        assertThat(byOffset).containsExactlyElementsOf(east);
        assertThat(byKeyset).containsExactlyElementsOf(east);
        // From the far end (a page in the second half), descending, and by host name.
        assertThat(queries.hostRows(unmanaged, new ListRequest(null, null, SortField.IP, false, 10, 5, "East"), null,
                new HostTotal(12, false))).extracting(HostRow::ip).containsExactly("10.6.0.22", "10.6.0.24");
        assertThat(queries.hosts(unmanaged, new ListRequest(null, null, SortField.IP, true, 0, 2, "East")).rows())
                .extracting(HostRow::ip).containsExactly("10.6.0.24", "10.6.0.22");
        assertThat(queries.hosts(unmanaged, new ListRequest(null, null, SortField.HOSTNAME, false, 0, 3, "East"))
                .rows()).extracting(HostRow::hostname).containsExactly("host-10", "host-14", "host-18");

        ListRequest printers = new ListRequest(null, "printer", SortField.IP, false, 0, 50, "East");
        assertThat(queries.hosts(unmanaged, printers).rows()).extracting(HostRow::ip)
                .containsExactly("10.6.0.4", "10.6.0.8", "10.6.0.12", "10.6.0.16", "10.6.0.20", "10.6.0.24");
        ListRequest lowRange = ListRequest.ofFilter("10.6.0.1-10.6.0.6", SortField.IP, false, 0, 50).inZone("default");
        assertThat(queries.hosts(unmanaged, lowRange).rows()).extracting(HostRow::ip)
                .containsExactly("10.6.0.1", "10.6.0.3", "10.6.0.5");
        assertThat(queries.hostTotal(unmanaged, lowRange)).isEqualTo(new HostTotal(3, false));

        List<String> exported = new ArrayList<>();
        queries.streamHosts(unmanaged, ListRequest.firstPage(1).inZone("East"), r -> exported.add(r.ip()));
        assertThat(exported).containsExactlyElementsOf(east);
    }

    /**
     * The same addresses indexed in a third zone, Lab (10.0.0.1 and 192.168.1.10, different devices behind another
     * Qualys network): every count of All zones stays the worked example's (sets of addresses), a list of All zones
     * shows each address once (its host in the first zone by name), and Lab's numbers and lists are its own hosts'.
     * Both ways of reading a list of I − S: from the maintained set I − S and by walking the inventory.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAddressInTwoZonesCountsOnceInAllZonesAndInEachZone(Kind kind) {
        // The stored counts are left as they were: the new hosts add no address.
        twoZones(kind).alsoIn("Lab", "10.0.0.1", "lab-alpha").alsoIn("Lab", "192.168.1.10", "lab-printer");
        for (CoverageRepository queries : List.of(queries(kind),
                new CoverageRepository(db(kind).dataSource(), 0))) {
            CoverageNumbers all = queries.numbers(false, null);
            assertThat(counts(all)).containsExactlyEntriesOf(expected(
                    "unmanaged-by-qualys", 2, "managed-by-both", 1, "not-scanned", 4, "indexed", 5, "subscribed", 257,
                    "scanned", 2, "indexed-only", 2, "indexed-subscribed", 2, "indexed-scanned", 0, "all-three", 1,
                    "stale", 0, "discovered", 2));
            Page<HostRow> unmanaged = queries.hosts(CoverageSet.UNMANAGED_BY_QUALYS.spec(false),
                    ListRequest.firstPage(10));
            assertThat(unmanaged.total()).isEqualTo(2);
            assertThat(unmanaged.rows()).extracting(HostRow::ip, HostRow::hostname)
                    .containsExactly(tuple("10.0.1.5", "delta.example.com"), tuple("192.168.1.10", "printer-2"));
            assertThat(ips(queries, CoverageSet.INDEXED, null))
                    .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.5", "192.168.1.10");
            // An export lists the same host for each address as a page (on PostgreSQL it reads them another way).
            for (CoverageSet set : List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.INDEXED)) {
                List<HostRow> exported = new ArrayList<>();
                queries.streamHosts(set.spec(false), ListRequest.firstPage(1), exported::add);
                assertThat(exported).as(set + ", exported").extracting(HostRow::ip, HostRow::hostname)
                        .containsExactlyElementsOf(queries.hosts(set.spec(false), ListRequest.firstPage(10)).rows()
                                .stream().map(r -> tuple(r.ip(), r.hostname())).toList());
            }
            assertThat(queries.hosts(CoverageSet.INDEXED.spec(false), ListRequest.firstPage(10)).rows())
                    .extracting(HostRow::hostname).doesNotContain("lab-alpha", "lab-printer");

            CoverageNumbers lab = queries.numbers(false, "Lab");
            assertThat(lab.count(CoverageSet.INDEXED)).isEqualTo(2);
            assertThat(lab.count(CoverageSet.UNMANAGED_BY_QUALYS)).isEqualTo(1);
            assertThat(lab.count(CoverageSet.DISCOVERED)).isEqualTo(1);
            assertThat(lab.indexedInAllZones()).isEqualTo(5);
            assertThat(queries.hosts(CoverageSet.UNMANAGED_BY_QUALYS.spec(false), ListRequest.firstPage(10)
                    .inZone("Lab")).rows()).extracting(HostRow::ip, HostRow::hostname)
                    .containsExactly(tuple("192.168.1.10", "lab-printer"));
            assertThat(ips(queries, CoverageSet.UNMANAGED_BY_QUALYS, "DMZ")).containsExactly("192.168.1.10");
            assertThat(queries.numbers(false, "DMZ").count(CoverageSet.INDEXED)).isEqualTo(3);

            // The text filter matches the host listed: on PostgreSQL (few matches) as a subquery of the matching
            // hosts, on H2 row by row; both by host, so the same rows.
            assertThat(textMatches(queries, "lab-printer", null)).as("All zones lists DMZ's host").isEmpty();
            assertThat(textMatches(queries, "lab-printer", "Lab")).containsExactly("192.168.1.10");
            assertThat(textMatches(queries, "printer-2", null)).containsExactly("192.168.1.10");
            assertThat(textMatches(queries, "printer-2", "Lab")).isEmpty();
            assertThat(textMatches(queries, "beta", "DMZ")).as("the Qualys host's name, for the address's host")
                    .containsExactly("10.0.0.2");
        }
    }

    private static List<String> textMatches(CoverageRepository queries, String text, String zone) {
        ListRequest request = new ListRequest(null, text, SortField.IP, false, 0, 50, zone);
        Page<HostRow> page = queries.hosts(CoverageSet.INDEXED.spec(false), request);
        assertThat(page.total()).as("the total of '" + text + "'").isEqualTo(page.rows().size());
        return page.rows().stream().map(HostRow::ip).toList();
    }

    @Test
    void aZoneParameterIsCheckedAsAnUploadsZoneIs() {
        assertThat(ListParameters.request(null, null, null, null, null, null, null, 50, "  DMZ ").zone())
                .isEqualTo("DMZ");
        assertThat(ListParameters.request(null, null, null, null, null, null, null, 50, " ").zone()).isNull();
        assertThatThrownBy(() -> ListParameters.request(null, null, null, null, null, null, null, 50,
                "z".repeat(256))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zone: longer than 255 characters (256)");
        assertThatThrownBy(() -> ListParameters.request(null, null, null, null, null, null, null, 50, "DMZ\u0007"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("zone: ")
                .hasMessageContaining("control character");
    }

    private static List<String> ips(CoverageRepository queries, CoverageSet set, String zone) {
        return queries.hosts(set.spec(false), ListRequest.firstPage(ListRequest.MAX_LIMIT).inZone(zone)).rows()
                .stream().map(HostRow::ip).toList();
    }

    /** The counts of the sets inside I or either, by key, in the order of {@link CoverageSet}. */
    private static Map<String, BigInteger> counts(CoverageNumbers numbers) {
        Map<String, BigInteger> counts = new LinkedHashMap<>();
        for (CoverageSet set : CoverageSet.values()) {
            if (numbers.applies(set) && set.spec(false).indexed() != Membership.OUT) {
                counts.put(set.key(), numbers.count(set));
            }
        }
        return counts;
    }

    private static Map<String, BigInteger> expected(Object... keysAndCounts) {
        Map<String, BigInteger> expected = new LinkedHashMap<>();
        for (int k = 0; k < keysAndCounts.length; k += 2) {
            expected.put((String) keysAndCounts[k], BigInteger.valueOf((Integer) keysAndCounts[k + 1]));
        }
        return expected;
    }
}
