package io.assetmanager.inventory;

/** The orders a list can have; each is served by an index (on ip, or on hostname with ip breaking ties). */
public enum HostSort {
    IP_ASC("h.ip ASC, h.zone ASC"),
    IP_DESC("h.ip DESC, h.zone DESC"),
    HOSTNAME_ASC("h.hostname ASC, h.ip ASC, h.zone ASC"),
    HOSTNAME_DESC("h.hostname DESC, h.ip DESC, h.zone DESC");

    /** The JPQL order of {@link IndexedHost} {@code h}; the zone breaks ties (an address indexed in two zones). */
    final String orderBy;

    HostSort(String orderBy) {
        this.orderBy = orderBy;
    }

    public boolean byIp() {
        return this == IP_ASC || this == IP_DESC;
    }

    public HostSort reversed() {
        return switch (this) {
            case IP_ASC -> IP_DESC;
            case IP_DESC -> IP_ASC;
            case HOSTNAME_ASC -> HOSTNAME_DESC;
            case HOSTNAME_DESC -> HOSTNAME_ASC;
        };
    }
}
