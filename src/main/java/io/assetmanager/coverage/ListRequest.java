package io.assetmanager.coverage;

import io.assetmanager.inventory.HostFields;
import java.io.Serializable;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import java.util.Locale;

/**
 * What part of a set to list: an optional address filter (single address, range or CIDR), an optional text filter
 * (matched case-insensitively anywhere in host name, MAC, source, DNS, NetBIOS, OS), an optional zone (the indexed
 * hosts of one zone, by name: {@value HostFields#DEFAULT_ZONE} also holds the hosts without a zone), the order, and
 * the page.
 */
public record ListRequest(IpRange range, String text, SortField sort, boolean descending, int offset, int limit,
        String zone) implements Serializable {

    public static final int MAX_LIMIT = 1000;

    /** @throws IllegalArgumentException naming the parameter: a zone longer than 255 characters or with control characters */
    public ListRequest {
        text = text == null || text.isBlank() ? null : text.strip();
        zone = HostFields.zone(zone);
        sort = sort == null ? SortField.IP : sort;
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** A request of every zone. */
    public ListRequest(IpRange range, String text, SortField sort, boolean descending, int offset, int limit) {
        this(range, text, sort, descending, offset, limit, null);
    }

    public static ListRequest firstPage(int limit) {
        return new ListRequest(null, null, SortField.IP, false, 0, limit);
    }

    /** Whether an address or text filter narrows the list, which is then counted up to a cap; a zone alone does not. */
    public boolean isFiltered() {
        return range != null || text != null;
    }

    /** The same request in one zone (null: every zone). */
    public ListRequest inZone(String name) {
        return new ListRequest(range, text, sort, descending, offset, limit, name);
    }

    /**
     * One filter box for tools: text that reads as an address, a range or a CIDR block filters by address,
     * anything else filters by text.
     */
    public static ListRequest ofFilter(String filter, SortField sort, boolean descending, int offset, int limit) {
        IpRange range = null;
        String text = null;
        if (filter != null && !filter.isBlank()) {
            try {
                range = IpRange.parse(filter);
            } catch (IpParseException e) {
                text = filter;
            }
        }
        return new ListRequest(range, text, sort, descending, offset, limit);
    }

    /** The text filter as a LIKE pattern, with the user's own % and _ taken literally. */
    String likePattern() {
        String escaped = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
