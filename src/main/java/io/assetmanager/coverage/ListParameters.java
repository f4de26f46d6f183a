package io.assetmanager.coverage;

import io.assetmanager.inventory.HostFields;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads a list request from text parameters (the REST API's and the export's): {@code range} (an address, a-b or
 * CIDR), {@code text}, {@code filter} (either, recognised by its form), {@code sort}, {@code order} (asc or desc),
 * {@code offset}, {@code limit}, {@code zone} (a zone's name, see {@link ListRequest}). Errors name the parameter and
 * the value.
 */
public final class ListParameters {

    private ListParameters() {
    }

    public static CoverageSet set(String key) {
        return CoverageSet.byKey(key).orElseThrow(() -> new UnknownSetException(key));
    }

    /** A set key that names no coverage set. */
    public static final class UnknownSetException extends RuntimeException {
        UnknownSetException(String key) {
            super("no coverage set '" + key + "'; the sets are: " + Arrays.stream(CoverageSet.values())
                    .map(CoverageSet::key).collect(Collectors.joining(", ")));
        }
    }

    public static ListRequest request(String filter, String range, String text, String sort, String order,
            String offset, String limit, int defaultLimit) {
        return request(filter, range, text, sort, order, offset, limit, defaultLimit, null);
    }

    public static ListRequest request(String filter, String range, String text, String sort, String order,
            String offset, String limit, int defaultLimit, String zone) {
        SortField sortField = sort == null || sort.isBlank() ? SortField.IP : SortField.byKey(sort.strip())
                .orElseThrow(() -> new IllegalArgumentException("sort: '" + sort + "' is not a sortable column"
                        + " (each sortable column has an index); use one of " + Arrays.stream(SortField.values())
                        .map(SortField::key).collect(Collectors.joining(", "))));
        boolean descending;
        if (order == null || order.isBlank() || order.equalsIgnoreCase("asc")) {
            descending = false;
        } else if (order.equalsIgnoreCase("desc")) {
            descending = true;
        } else {
            throw new IllegalArgumentException("order: '" + order + "' is neither asc nor desc");
        }
        int first = number("offset", offset, 0);
        int size = number("limit", limit, defaultLimit);
        try {
            ListRequest request = ListRequest.ofFilter(filter, sortField, descending, first, size);
            IpRange ipRange = range == null || range.isBlank() ? request.range() : IpRange.parse(range);
            String words = text == null || text.isBlank() ? request.text() : text;
            return new ListRequest(ipRange, words, sortField, descending, first, size, zone);
        } catch (IpParseException e) {
            throw new IllegalArgumentException("range: " + e.getMessage(), e);
        }
    }

    /**
     * A zone's name as the Zone filter takes it: stripped, null when blank (every zone).
     *
     * @throws IllegalArgumentException naming the parameter: over 255 characters or with a control character
     */
    public static String zone(String zone) {
        return HostFields.zone(zone);
    }

    private static int number(String name, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number");
        }
    }
}
