package io.assetmanager.inventory;

import io.assetmanager.net.IpRange;
import java.io.Serializable;
import java.util.Locale;

/**
 * Which indexed hosts a list shows: an address range (an address, {@code a-b} or CIDR) and a hostname substring
 * (case-insensitive); either may be absent.
 */
public record HostFilter(IpRange range, String hostnameContains) implements Serializable {

    public static final HostFilter ALL = new HostFilter(null, null);

    /** @throws io.assetmanager.net.IpParseException if the range text is not an address, range or CIDR */
    public static HostFilter parse(String range, String hostnameContains) {
        return new HostFilter(range == null || range.isBlank() ? null : IpRange.parse(range),
                hostnameContains == null || hostnameContains.isBlank() ? null
                        : hostnameContains.strip().toLowerCase(Locale.ROOT));
    }

    /** The hostname substring as a LIKE pattern with {@code \} as its escape character. */
    public String hostnameLikePattern() {
        return "%" + hostnameContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
