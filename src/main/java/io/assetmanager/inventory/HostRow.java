package io.assetmanager.inventory;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** One indexed host as the page, the API and the export show it; the address in its text form. */
public record HostRow(String ip, String hostname, String mac, String zone, String source, OffsetDateTime firstSeen,
        OffsetDateTime lastSeen) implements Serializable {
}
