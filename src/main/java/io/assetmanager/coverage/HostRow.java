package io.assetmanager.coverage;

import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * One address of a host list with what both sides know of it: Asset Manager's inventory (null when not indexed)
 * and Qualys (null when not scanned; with several Qualys hosts on one address, the most recently scanned one).
 */
public record HostRow(String ip, String hostname, String mac, OffsetDateTime firstSeen, OffsetDateTime lastSeen,
        String source, Long qualysHostId, String dns, String netbios, String os, String trackingMethod,
        OffsetDateTime lastScan) implements Serializable {
}
