package io.assetmanager.qualys.zones;

import java.math.BigInteger;
import java.time.OffsetDateTime;

/**
 * A zone's Qualys asset group as Asset Manager created or adopted it, with the network and appliance it was created
 * with (Qualys cannot change a group's network: another mapping means another group).
 *
 * @param pushedRanges what the group was last set to, in Qualys's "a,a-b" form; null before the first push
 * @param orphanSince  when the zone stopped being mapped or holding hosts; null while the group is in use
 */
public record ZoneGroup(String zone, long qualysId, String title, long networkId, Long applianceId,
        OffsetDateTime createdAt, OffsetDateTime pushedAt, BigInteger pushedCount, String pushedRanges,
        OffsetDateTime orphanSince) {

    /** Whether the group was created in the mapping's network: if not, it must be created again. */
    public boolean sameNetwork(ZoneMapping mapping) {
        return networkId == mapping.networkId();
    }

    /** Whether the group has the mapping's appliance: if not (same network), one edit sets it. */
    public boolean sameAppliance(ZoneMapping mapping) {
        return java.util.Objects.equals(applianceId, mapping.applianceId());
    }

    public boolean isOrphan() {
        return orphanSince != null;
    }
}
