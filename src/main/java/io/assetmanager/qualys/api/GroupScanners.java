package io.assetmanager.qualys.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where a new asset group is scanned from: its network and its scanner appliances. Qualys sets a group's network
 * only when the group is created (there is no parameter to change it later); its appliances can be changed later.
 *
 * @param networkId          the group's network ({@code network_id}); null to leave it to Qualys (the Global Default
 *                           Network, or no network at all without Network Support)
 * @param applianceIds       the appliances that scan the group ({@code appliance_ids}); the default one is added
 *                           when missing, because that is how Qualys's users send it (the reference: practice is to
 *                           list the default among the others)
 * @param defaultApplianceId the appliance a scan of the group uses unless told otherwise; null for none
 */
public record GroupScanners(Long networkId, List<Long> applianceIds, Long defaultApplianceId) {

    public GroupScanners {
        if (networkId != null && networkId < 0) {
            throw new IllegalArgumentException("a network ID is 0 or more, not " + networkId);
        }
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        for (Long id : applianceIds == null ? List.<Long>of() : applianceIds) {
            if (id == null || id < 0) {
                throw new IllegalArgumentException("appliance IDs are 0 or more, not " + id);
            }
            ids.add(id);
        }
        if (defaultApplianceId != null) {
            if (defaultApplianceId < 0) {
                throw new IllegalArgumentException("an appliance ID is 0 or more, not " + defaultApplianceId);
            }
            ids.add(defaultApplianceId);
        }
        applianceIds = List.copyOf(new ArrayList<>(ids));
    }

    /** A group in {@code networkId} scanned by {@code applianceIds}, the first of them its default; none when empty. */
    public static GroupScanners of(long networkId, List<Long> applianceIds) {
        return new GroupScanners(networkId, applianceIds, applianceIds.isEmpty() ? null : applianceIds.get(0));
    }

    /** {@code appliance_ids} as Qualys takes it: IDs joined by commas. */
    String applianceIdsParameter() {
        return String.join(",", applianceIds.stream().map(String::valueOf).toList());
    }
}
