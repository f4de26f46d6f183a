package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import io.assetmanager.platform.HeavyRequests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The Inventory table's rows, loaded a page at a time in a way that stays fast at 1,000,000 hosts: the next or
 * previous page continues from the address at the edge of the page shown (keyset, an index range scan at any
 * depth); a jump into the second half of the table reads from the far end in reverse order, so no offset is ever
 * more than half the table; the count is asked once per filter, not once per page.
 */
public class IndexedHostLazyModel extends LazyDataModel<HostRow> {

    private static final long serialVersionUID = 1L;

    private final InventoryRepository queries;
    private HostFilter filter = HostFilter.ALL;
    private Long count;
    /** The page last loaded, to recognise "next" and "previous". */
    private HostSort shownSort;
    private int shownFirst = -1;
    private int shownSize;
    private HostKey shownFirstIp;
    private HostKey shownLastIp;

    private final HeavyRequests.Table heavyQueries;

    /** A model whose hostname filter (a scan of the table) counts against the user's {@link HeavyRequests}. */
    public IndexedHostLazyModel(InventoryRepository queries, HeavyRequests.Table heavyQueries) {
        this.queries = queries;
        this.heavyQueries = heavyQueries;
    }

    /** What the table says when it has no rows: none match ({@code empty}), or the query was refused. */
    public String emptyMessage(String empty) {
        return heavyQueries.emptyMessage(empty);
    }

    private <T> T bounded(Supplier<T> query, T refused) {
        return heavyQueries.run(filter.hostnameContains() != null, query, refused);
    }

    public HostFilter getFilter() {
        return filter;
    }

    public void setFilter(HostFilter filter) {
        this.filter = filter;
        refresh();
    }

    /** Forget the count and the page shown, after the inventory changed. */
    public void refresh() {
        count = null;
        shownFirst = -1;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        if (count == null) {
            Long counted = bounded(() -> queries.count(filter), null);
            if (counted == null) {
                return 0;
            }
            count = counted;
        }
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    @Override
    public List<HostRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return bounded(() -> page(first, pageSize, sortBy, filterBy), List.of());
    }

    private List<HostRow> page(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        HostSort sort = sortOf(sortBy);
        long total = count(filterBy);
        boolean samePaging = sort == shownSort && pageSize == shownSize && shownFirst >= 0 && shownSize > 0;
        List<HostRow> rows;
        if (samePaging && sort.byIp() && first == shownFirst + pageSize && shownLastIp != null) {
            rows = queries.page(filter, sort, shownLastIp, 0, pageSize);
        } else if (samePaging && sort.byIp() && first == shownFirst - pageSize && shownFirstIp != null) {
            rows = reversed(queries.page(filter, sort.reversed(), shownFirstIp, 0, pageSize));
        } else if (first > total / 2) {
            long end = Math.min(total, (long) first + pageSize);
            rows = reversed(queries.page(filter, sort.reversed(), null, total - end, (int) (end - first)));
        } else {
            rows = queries.page(filter, sort, null, first, pageSize);
        }
        shownSort = sort;
        shownFirst = first;
        shownSize = pageSize;
        shownFirstIp = rows.isEmpty() ? null : HostKey.of(rows.get(0));
        shownLastIp = rows.isEmpty() ? null : HostKey.of(rows.get(rows.size() - 1));
        return rows;
    }

    @Override
    public String getRowKey(HostRow host) {
        // A host is an address in a zone: the same address may be a row of each zone.
        return host.getZone() + " " + host.getIp();
    }

    @Override
    public HostRow getRowData(String rowKey) {
        throw new UnsupportedOperationException("rows of the inventory table are not selectable");
    }

    private static HostSort sortOf(Map<String, SortMeta> sortBy) {
        for (SortMeta meta : sortBy.values()) {
            if (meta.getOrder() == SortOrder.UNSORTED) {
                continue;
            }
            boolean descending = meta.getOrder() == SortOrder.DESCENDING;
            if ("hostname".equals(meta.getField())) {
                return descending ? HostSort.HOSTNAME_DESC : HostSort.HOSTNAME_ASC;
            }
            if ("ip".equals(meta.getField())) {
                return descending ? HostSort.IP_DESC : HostSort.IP_ASC;
            }
        }
        return HostSort.IP_ASC;
    }

    private static List<HostRow> reversed(List<HostRow> rows) {
        List<HostRow> copy = new ArrayList<>(rows);
        Collections.reverse(copy);
        return copy;
    }
}
