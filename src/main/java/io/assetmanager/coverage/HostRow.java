package io.assetmanager.coverage;

import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * One address of a host list with what both sides know of it: Asset Manager's inventory (null when not indexed)
 * and Qualys (null when not scanned; with several Qualys hosts on one address, the most recently scanned one), and,
 * in the "Not scanned" list only, why Qualys has not scanned it ({@link NotScannedReason}; null elsewhere).
 */
public record HostRow(String ip, String hostname, String mac, OffsetDateTime firstSeen, OffsetDateTime lastSeen,
        String source, Long qualysHostId, String dns, String netbios, String os, String trackingMethod,
        OffsetDateTime lastScan, NotScannedReason reason) implements Serializable {

    /** A row without a reason: every list but "Not scanned". */
    public HostRow(String ip, String hostname, String mac, OffsetDateTime firstSeen, OffsetDateTime lastSeen,
            String source, Long qualysHostId, String dns, String netbios, String os, String trackingMethod,
            OffsetDateTime lastScan) {
        this(ip, hostname, mac, firstSeen, lastSeen, source, qualysHostId, dns, netbios, os, trackingMethod,
                lastScan, null);
    }
}
