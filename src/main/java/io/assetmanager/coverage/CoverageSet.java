package io.assetmanager.coverage;

import static io.assetmanager.sets.Membership.ANY;
import static io.assetmanager.sets.Membership.IN;
import static io.assetmanager.sets.Membership.OUT;

import io.assetmanager.sets.SetSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The sets the dashboard counts and lists: the product's three widgets, the indexed hosts Qualys has not scanned,
 * the three base sets, the seven regions of the Venn diagram, and the set that goes to the DISCOVERED asset group. The key is the set's name in URLs.
 */
public enum CoverageSet {
    UNMANAGED_BY_QUALYS("unmanaged-by-qualys", "IPs Unmanaged by Qualys", new SetSpec(IN, OUT, ANY)),
    UNMANAGED_BY_ASSET_MANAGER("unmanaged-by-asset-manager", "IPs Unmanaged by Asset Manager",
            new SetSpec(OUT, ANY, IN)),
    MANAGED_BY_BOTH("managed-by-both", "Qualys and Asset Manager Managed IPs", new SetSpec(IN, ANY, IN)),
    /** I − M: the indexed hosts the coverage leaves out, listed with a {@link NotScannedReason}. */
    NOT_SCANNED("not-scanned", "Not scanned by Qualys", new SetSpec(IN, ANY, OUT)),

    INDEXED("indexed", "Indexed by Asset Manager", new SetSpec(IN, ANY, ANY)),
    SUBSCRIBED("subscribed", "Subscribed in Qualys", new SetSpec(ANY, IN, ANY)),
    SCANNED("scanned", "Scanned by Qualys", new SetSpec(ANY, ANY, IN)),

    INDEXED_ONLY("indexed-only", "Indexed only", new SetSpec(IN, OUT, OUT)),
    SUBSCRIBED_ONLY("subscribed-only", "Subscribed only", new SetSpec(OUT, IN, OUT)),
    SCANNED_ONLY("scanned-only", "Scanned only", new SetSpec(OUT, OUT, IN)),
    INDEXED_SUBSCRIBED("indexed-subscribed", "Indexed and subscribed, not scanned", new SetSpec(IN, IN, OUT)),
    INDEXED_SCANNED("indexed-scanned", "Indexed and scanned, not subscribed", new SetSpec(IN, OUT, IN)),
    SUBSCRIBED_SCANNED("subscribed-scanned", "Subscribed and scanned, not indexed", new SetSpec(OUT, IN, IN)),
    ALL_THREE("all-three", "Indexed, subscribed and scanned", new SetSpec(IN, IN, IN)),

    /**
     * Indexed hosts Qualys scanned, but not in the N days before the last run ("Stale after N days"): I ∩ (M − F).
     * They are not counted as covered.
     */
    STALE("stale", "Scanned, but not in N days", new SetSpec(IN, ANY, IN, OUT)),

    /**
     * The sync's DISCOVERED rule, {@link SetSpec#discovered}. Unlike the group the sync pushes, which keeps IPv4
     * only (Qualys's IP endpoints take no IPv6), this set also counts and lists IPv6 addresses of the subscription.
     */
    DISCOVERED("discovered", "DISCOVERED group", null);

    private final String key;
    private final String label;
    private final SetSpec spec;

    CoverageSet(String key, String label, SetSpec spec) {
        this.key = key;
        this.label = label;
        this.spec = spec;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The label with the "Stale after N days" setting in place of N. */
    public String label(int staleAfterDays) {
        return this == STALE ? label.replace("N days", staleAfterDays == 1 ? "1 day" : staleAfterDays + " days")
                : label;
    }

    /** The set's definition. Only DISCOVERED depends on the setting. */
    public SetSpec spec(boolean autoSubscribe) {
        return this == DISCOVERED ? SetSpec.discovered(autoSubscribe) : spec;
    }

    public static Optional<CoverageSet> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
