package io.assetmanager.qualys.zones;

import java.util.Objects;

/**
 * Where a zone's hosts are pushed with Asset Mapping by Zone On: a Qualys network, and the scanner appliance its
 * group is scanned from by default.
 *
 * @param zone        the zone's name as the inventory shows it ({@code default} for hosts without one)
 * @param networkId   the Qualys network (0 is the Global Default Network)
 * @param applianceId the default scanner appliance; null when none was chosen (the page flags it: such a group
 *                    cannot be scanned until Qualys gets one)
 */
public record ZoneMapping(String zone, long networkId, Long applianceId) {

    public ZoneMapping {
        Objects.requireNonNull(zone, "zone");
        if (networkId < 0) {
            throw new IllegalArgumentException("a network ID is 0 or more, not " + networkId);
        }
    }

    /** The appliances a group of this mapping is given: the default one, or none. */
    public java.util.List<Long> applianceIds() {
        return applianceId == null ? java.util.List.of() : java.util.List.of(applianceId);
    }

    /** "network 1001, appliance 5001" or "network 1001, no appliance": how the audit trail and the log say it. */
    public String describe() {
        return "network " + networkId + ", " + (applianceId == null ? "no appliance" : "appliance " + applianceId);
    }
}
