package io.assetmanager.inventory;

import io.assetmanager.net.IpRange;
import java.io.Serializable;
import java.util.Locale;

/**
 * Which indexed hosts a list shows: an address range (an address, {@code a-b} or CIDR), a hostname substring
 * (case-insensitive) and a zone (exact); any may be absent. The zone {@value HostFields#DEFAULT_ZONE} is the
 * default zone: the hosts given no zone (stored under that name) and those whose zone is literally that name.
 */
public record HostFilter(IpRange range, String hostnameContains, String zone) implements Serializable {

    public static final HostFilter ALL = new HostFilter(null, null, null);

    /** @throws io.assetmanager.net.IpParseException if the range text is not an address, range or CIDR */
    public static HostFilter parse(String range, String hostnameContains, String zone) {
        return new HostFilter(range == null || range.isBlank() ? null : IpRange.parse(range),
                hostnameContains == null || hostnameContains.isBlank() ? null
                        : hostnameContains.strip().toLowerCase(Locale.ROOT),
                zone == null || zone.isBlank() ? null : zone.strip());
    }

    /** The hostname substring as a LIKE pattern with {@code \} as its escape character. */
    public String hostnameLikePattern() {
        return "%" + hostnameContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * Whether the filter asks for one zone (the default one too, V26): its hosts are one stretch of the index on
     * {@code (zone, ip)} (migration V23), in address order, so a list in address order sorts by zone first to walk it.
     */
    public boolean namedZone() {
        return zone != null;
    }
}
