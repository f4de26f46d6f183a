package io.assetmanager.inventory;

import io.assetmanager.platform.HeavyRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The table's paging against an in-memory inventory that records how each page was asked for: every page must
 * hold the rows an offset query would give, whatever path (keyset, reverse, offset) the model took.
 */
class IndexedHostLazyModelTest {

    /** 237 hosts, so the last page of 50 is partial; hostnames in another order than addresses. */
    private static final List<HostRow> HOSTS = Stream.iterate(0, i -> i + 1).limit(237)
            .map(i -> new HostRow(IpAddress.ofIpv4(0x0A00_0000L + i * 7L), "h" + (i * 31 % 237), null,
                    null, null, null, null))
            .toList();

    private static final class RecordingQueries extends InventoryRepository {
        final List<String> calls = new ArrayList<>();

        @Override
        public long count(HostFilter filter) {
            calls.add("count");
            return HOSTS.size();
        }

        @Override
        public List<HostRow> page(HostFilter filter, HostSort sort, HostKey after, long offset, int limit) {
            calls.add(sort + (after == null ? " offset " + offset : " after " + after.ip()) + " limit " + limit);
            Stream<HostRow> rows = sorted(sort).stream();
            if (after != null) {
                rows = rows.filter(h -> sort == HostSort.IP_ASC
                        ? IpAddress.parse(h.getIp()).compareTo(after.ip()) > 0
                        : IpAddress.parse(h.getIp()).compareTo(after.ip()) < 0);
            }
            return rows.skip(offset).limit(limit).toList();
        }
    }

    private static List<HostRow> sorted(HostSort sort) {
        Comparator<HostRow> byIp = Comparator.comparing(h -> IpAddress.parse(h.getIp()));
        Comparator<HostRow> order = switch (sort) {
            case IP_ASC -> byIp;
            case IP_DESC -> byIp.reversed();
            case HOSTNAME_ASC -> Comparator.comparing(HostRow::getHostname).thenComparing(byIp);
            case HOSTNAME_DESC -> Comparator.comparing(HostRow::getHostname).thenComparing(byIp).reversed();
        };
        return HOSTS.stream().sorted(order).toList();
    }

    private final RecordingQueries queries = new RecordingQueries();
    private final IndexedHostLazyModel model = new IndexedHostLazyModel(queries, new HeavyRequests.Table(new HeavyRequests(2), "tester"));

    private List<HostRow> load(int first, Map<String, SortMeta> sort) {
        return model.load(first, 50, sort, Map.of());
    }

    private static List<HostRow> expected(HostSort sort, int first) {
        List<HostRow> all = sorted(sort);
        return all.subList(first, Math.min(all.size(), first + 50));
    }

    @Test
    void nextAndPreviousPagesContinueFromTheEdgeOfThePageShown() {
        assertThat(load(0, Map.of())).isEqualTo(expected(HostSort.IP_ASC, 0));
        assertThat(load(50, Map.of())).isEqualTo(expected(HostSort.IP_ASC, 50));
        assertThat(load(100, Map.of())).isEqualTo(expected(HostSort.IP_ASC, 100));
        assertThat(load(50, Map.of())).isEqualTo(expected(HostSort.IP_ASC, 50));
        assertThat(queries.calls).containsExactly("count", "IP_ASC offset 0 limit 50",
                "IP_ASC after 10.0.1.87 limit 50", "IP_ASC after 10.0.2.181 limit 50",
                "IP_DESC after 10.0.2.188 limit 50");
    }

    @Test
    void jumpsIntoTheSecondHalfReadFromTheFarEnd() {
        assertThat(load(200, Map.of())).isEqualTo(expected(HostSort.IP_ASC, 200));
        assertThat(load(150, Map.of())).isEqualTo(expected(HostSort.IP_ASC, 150));
        assertThat(load(100, Map.of())).isEqualTo(expected(HostSort.IP_ASC, 100));
        assertThat(queries.calls).containsExactly("count", "IP_DESC offset 0 limit 37",
                "IP_DESC after 10.0.5.120 limit 50", "IP_DESC after 10.0.4.26 limit 50");
    }

    @Test
    void hostnameOrderPagesByOffsetAndFromTheFarEnd() {
        Map<String, SortMeta> byHostname = Map.of("hostname",
                SortMeta.builder().field("hostname").order(SortOrder.DESCENDING).build());
        assertThat(load(0, byHostname)).isEqualTo(expected(HostSort.HOSTNAME_DESC, 0));
        assertThat(load(50, byHostname)).isEqualTo(expected(HostSort.HOSTNAME_DESC, 50));
        assertThat(load(200, byHostname)).isEqualTo(expected(HostSort.HOSTNAME_DESC, 200));
        assertThat(queries.calls).containsExactly("count", "HOSTNAME_DESC offset 0 limit 50",
                "HOSTNAME_DESC offset 50 limit 50", "HOSTNAME_ASC offset 0 limit 37");
    }

    @Test
    void theCountIsAskedAgainOnlyAfterAChange() {
        load(0, Map.of());
        load(50, Map.of());
        model.refresh();
        load(0, Map.of());
        assertThat(queries.calls.stream().filter("count"::equals)).hasSize(2);
    }
}
