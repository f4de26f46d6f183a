package io.assetmanager.coverage;

import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What a set holds, for people: a plain sentence shown under its count and above its list, and its set notation
 * (I, S, M and F, the hosts scanned in the last N days, as in docs/DASHBOARD.md), which the pages give only as a tooltip.
 */
public final class SetDescriptions {

    private static final String[] NAMES = {"I", "S", "M", "F"};

    private SetDescriptions() {
    }

    public static String sentence(CoverageSet set, boolean autoSubscribe) {
        return switch (set) {
            case UNMANAGED_BY_QUALYS -> "Indexed hosts whose address is not in the Qualys subscription.";
            case UNMANAGED_BY_ASSET_MANAGER -> "Hosts Qualys has scanned that Asset Manager has never indexed.";
            case MANAGED_BY_BOTH -> "Indexed hosts that Qualys has scanned.";
            case NOT_SCANNED -> "Indexed hosts that Qualys has not scanned, each with the reason.";
            case INDEXED -> "Every host Asset Manager has indexed.";
            case SUBSCRIBED -> "Every address in the Qualys subscription, listed as ranges.";
            case SCANNED -> "Every host Qualys has scanned.";
            case INDEXED_ONLY -> "Indexed hosts neither subscribed nor scanned.";
            case SUBSCRIBED_ONLY -> "Subscribed addresses that no indexed or scanned host uses, listed as ranges.";
            case SCANNED_ONLY -> "Hosts Qualys has scanned outside the subscription and Asset Manager never indexed.";
            case INDEXED_SUBSCRIBED -> "Indexed and subscribed hosts that Qualys has not scanned.";
            case INDEXED_SCANNED -> "Indexed hosts Qualys has scanned although they are not subscribed.";
            case SUBSCRIBED_SCANNED -> "Subscribed hosts Qualys has scanned that Asset Manager never indexed.";
            case ALL_THREE -> "Hosts indexed, subscribed and scanned.";
            case STALE -> "Indexed hosts Qualys has scanned, but not within the \"Stale after\" days before the last run.";
            case DISCOVERED -> autoSubscribe
                    ? "What the DISCOVERED group holds with Auto-Subscribe on: subscribed addresses Qualys has not"
                            + " scanned."
                    : "What the DISCOVERED group holds with Auto-Subscribe off: indexed and subscribed hosts Qualys"
                            + " has not scanned.";
        };
    }

    /**
     * Added to the DISCOVERED list's sentence while stale hosts join the group: they are on their own list, which the
     * DISCOVERED list does not repeat.
     */
    public static String staleJoinNote(int staleAfterDays) {
        return "Stale hosts join the group too (a setting): the subscribed IPv4 hosts of the list \""
                + CoverageSet.STALE.label(staleAfterDays) + "\", not repeated here.";
    }

    /** The set in set notation, e.g. "I − S" or "(I ∩ S) − M". */
    public static String notation(SetSpec spec) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Membership[] memberships = {spec.indexed(), spec.subscribed(), spec.scanned(), spec.freshScan()};
        for (int k = 0; k < memberships.length; k++) {
            if (memberships[k] == Membership.IN) {
                in.add(NAMES[k]);
            } else if (memberships[k] == Membership.OUT) {
                out.add(NAMES[k]);
            }
        }
        String inside = String.join(" ∩ ", in);
        if (out.isEmpty()) {
            return inside;
        }
        return (in.size() > 1 ? "(" + inside + ")" : inside) + " − " + String.join(" − ", out);
    }
}
