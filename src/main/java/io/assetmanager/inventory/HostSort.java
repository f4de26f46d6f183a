package io.assetmanager.inventory;

/** The orders a list can have; each is served by an index (on ip, or on hostname with ip breaking ties). */
public enum HostSort {
    IP_ASC("ip ASC"),
    IP_DESC("ip DESC"),
    HOSTNAME_ASC("hostname ASC, ip ASC"),
    HOSTNAME_DESC("hostname DESC, ip DESC");

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
