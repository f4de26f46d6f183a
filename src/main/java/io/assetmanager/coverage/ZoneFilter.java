package io.assetmanager.coverage;

import io.assetmanager.inventory.HostFields;
import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;

/**
 * The Zone filter of the dashboard, the lists and {@code /api/v1/coverage}: a zone narrows I to the indexed hosts of
 * that zone (by name, {@value HostFields#DEFAULT_ZONE} holding the hosts without one too, as on the inventory page);
 * S and M stay Qualys's whole sets, which have no zones. So every set inside I is that zone's part of it, a set that
 * may hold hosts outside I (S, M, the subscription less the scans) stays whole, and a set defined as outside I
 * (e.g. M − I, IPs Unmanaged by Asset Manager) has no zone at all: it is not applicable, rather than the hosts outside
 * the zone, which would count every other zone's hosts as unmanaged.
 */
public final class ZoneFilter {

    /** Why a set outside I has no count in a zone, in one sentence for the page and the API. */
    public static final String NOT_APPLICABLE = "Not applicable to a zone: these hosts are not in the inventory,"
            + " so they have no zone.";

    private ZoneFilter() {
    }

    /** Whether the set has a meaning in {@code zone} (null: every zone, where every set has). */
    public static boolean applies(SetSpec spec, String zone) {
        return zone == null || spec.indexed() != Membership.OUT;
    }

    /** Whether the zone narrows the set: a set inside I; the others are Qualys's whole sets. */
    static boolean narrows(SetSpec spec, String zone) {
        return zone != null && spec.indexed() == Membership.IN;
    }

    /**
     * The zone's indexed hosts as a condition on the alias {@code h} of {@code indexed_hosts}, with one parameter,
     * the zone's name: one stretch of the {@code (zone, ip)} index (migration V23), the default zone too since V26
     * stores its hosts under its name.
     */
    static String condition() {
        return HostFields.zoneCondition("h.zone");
    }
}
