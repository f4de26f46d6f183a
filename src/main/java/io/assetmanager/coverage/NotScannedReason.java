package io.assetmanager.coverage;

import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;

/**
 * Why an indexed host is in the "Not scanned" list ({@link CoverageSet#NOT_SCANNED}, I − M): what an administrator
 * does next depends on it (subscribe the address, or find out why a subscribed address is not scanned). Worked out
 * per row from what the list query reads anyway (the address's membership in S), so a further reason, such as a
 * scan older than a freshness setting, is one more constant and one more case in {@link #of}, with the set widened
 * to the hosts it covers.
 */
public enum NotScannedReason {
    NOT_SUBSCRIBED("Not subscribed"),
    SUBSCRIBED_NEVER_SCANNED("Subscribed, never scanned");

    private final String label;

    NotScannedReason(String label) {
        this.label = label;
    }

    /** The reason as the page and the CSV export write it. */
    public String label() {
        return label;
    }

    /** The reason of a host of the list, from whether its address lies in the Qualys subscription. */
    public static NotScannedReason of(boolean subscribed) {
        return subscribed ? SUBSCRIBED_NEVER_SCANNED : NOT_SUBSCRIBED;
    }

    /** Whether the rows of a list with this definition carry a reason: indexed hosts not scanned, S either way. */
    public static boolean listed(SetSpec spec) {
        return spec.indexed() == Membership.IN && spec.scanned() == Membership.OUT
                && spec.subscribed() == Membership.ANY;
    }
}
