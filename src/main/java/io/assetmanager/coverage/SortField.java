package io.assetmanager.coverage;

import java.util.Arrays;
import java.util.Optional;

/** The columns a host list can be sorted by, named as in the JSON rows; inventory columns only where indexed. */
public enum SortField {
    IP("ip", null, true),
    HOSTNAME("hostname", "h.hostname", true),
    MAC("mac", "h.mac", true),
    FIRST_SEEN("firstSeen", "h.first_seen", true),
    LAST_SEEN("lastSeen", "h.last_seen", true),
    SOURCE("source", "h.source", true),
    QUALYS_HOST_ID("qualysHostId", "q.qualys_host_id", false),
    DNS("dns", "q.dns", false),
    NETBIOS("netbios", "q.netbios", false),
    OS("os", "q.os", false),
    TRACKING_METHOD("trackingMethod", "q.tracking_method", false),
    LAST_SCAN("lastScan", "q.last_scan", false);

    private final String key;
    private final String column;
    private final boolean inventory;

    SortField(String key, String column, boolean inventory) {
        this.key = key;
        this.column = column;
        this.inventory = inventory;
    }

    public String key() {
        return key;
    }

    /** The column, or null for the address (whose column depends on the table the list is read from). */
    String column() {
        return column;
    }

    boolean isInventory() {
        return inventory;
    }

    public static Optional<SortField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
