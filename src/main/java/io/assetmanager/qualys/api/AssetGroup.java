package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRangeSet;

import java.util.List;
import java.util.Objects;

/**
 * A Qualys asset group: its ID, title and IP set (empty when it has none), and, when Qualys lists them, its network
 * and scanner appliances.
 *
 * @param networkId          NETWORK_ID; null when Qualys did not list one (0 is the Global Default Network)
 * @param defaultApplianceId DEFAULT_APPLIANCE_ID; null when the group has none or Qualys did not list it
 * @param applianceIds       APPLIANCE_IDS, in Qualys's order; empty when none are listed
 */
public record AssetGroup(long id, String title, IpRangeSet ips, Long networkId, Long defaultApplianceId,
                         List<Long> applianceIds) {
    public AssetGroup {
        Objects.requireNonNull(ips);
        applianceIds = applianceIds == null ? List.of() : List.copyOf(applianceIds);
    }

    /** A group whose network and appliances are not known (or not listed). */
    public AssetGroup(long id, String title, IpRangeSet ips) {
        this(id, title, ips, null, null, List.of());
    }
}
