package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * One {@link IndexedHost} as the page, the API and the export show it (the projection the queries select); the address
 * in its text form. A class with getters rather than a record: Expression Language 5 (Jakarta EE 10) reads bean
 * properties only.
 */
public final class HostRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String ip;
    private final String hostname;
    private final String mac;
    private final String zone;
    private final String source;
    private final OffsetDateTime firstSeen;
    private final OffsetDateTime lastSeen;

    public HostRow(IpAddress ip, String hostname, String mac, String zone, String source, OffsetDateTime firstSeen,
            OffsetDateTime lastSeen) {
        this.ip = ip.toString();
        this.hostname = hostname;
        this.mac = mac;
        this.zone = zone;
        this.source = source;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
    }

    public String getIp() {
        return ip;
    }

    public String getHostname() {
        return hostname;
    }

    public String getMac() {
        return mac;
    }

    public String getZone() {
        return zone;
    }

    public String getSource() {
        return source;
    }

    public OffsetDateTime getFirstSeen() {
        return firstSeen;
    }

    public OffsetDateTime getLastSeen() {
        return lastSeen;
    }
}
