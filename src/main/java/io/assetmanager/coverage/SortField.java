package io.assetmanager.coverage;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The columns a host list can be sorted by, named as in the JSON rows. Each is served by an index on (column, ip),
 * so that a page is a walk of that index: the address in every list; host name and last seen in lists of indexed
 * hosts; the Qualys host ID in lists of hosts Asset Manager has not indexed. Other columns are not sortable: the
 * inventory's would cost every upload an index each, and the Qualys table's are rebuilt by every sync run, which
 * rewrites that table whole (docs/DASHBOARD.md).
 */
public enum SortField {
    IP("ip", null, null, HostRow::ip),
    HOSTNAME("hostname", "h.hostname", true, HostRow::hostname),
    LAST_SEEN("lastSeen", "h.last_seen", true, HostRow::lastSeen),
    QUALYS_HOST_ID("qualysHostId", "q.qualys_host_id", false, HostRow::qualysHostId);

    private final String key;
    private final String column;
    private final Boolean inventory;
    private final Function<HostRow, Object> value;

    SortField(String key, String column, Boolean inventory, Function<HostRow, Object> value) {
        this.key = key;
        this.column = column;
        this.inventory = inventory;
        this.value = value;
    }

    public String key() {
        return key;
    }

    /** The column, or null for the address (whose column depends on the table the list is read from). */
    String column() {
        return column;
    }

    /** Whether no two rows share a value (and none lacks one): the column alone orders the list then. */
    boolean unique() {
        return this == QUALYS_HOST_ID;
    }

    /** Whether a list of indexed hosts (true) or of hosts Asset Manager has not indexed (false) can sort by it. */
    boolean sortsList(boolean indexedHosts) {
        return inventory == null || inventory == indexedHosts;
    }

    /** The row's value in this column. */
    Object valueOf(HostRow row) {
        return value.apply(row);
    }

    public static Optional<SortField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
