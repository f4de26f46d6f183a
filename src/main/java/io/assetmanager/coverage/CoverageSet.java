package io.assetmanager.coverage;

import static io.assetmanager.coverage.Membership.ANY;
import static io.assetmanager.coverage.Membership.IN;
import static io.assetmanager.coverage.Membership.OUT;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sets the dashboard counts and lists: the product's three widgets, the three base sets, the seven regions of
 * the Venn diagram, and the set that goes to the DISCOVERED asset group. The key is the set's name in URLs.
 */
public enum CoverageSet {
    UNMANAGED_BY_QUALYS("unmanaged-by-qualys", "IPs Unmanaged by Qualys", new SetSpec(IN, OUT, ANY)),
    UNMANAGED_BY_ASSET_MANAGER("unmanaged-by-asset-manager", "IPs Unmanaged by Asset Manager",
            new SetSpec(OUT, ANY, IN)),
    MANAGED_BY_BOTH("managed-by-both", "Qualys and Asset Manager Managed IPs", new SetSpec(IN, ANY, IN)),

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

    /** What the sync pushes to the DISCOVERED group: (I ∩ S) − M, or S − M with Auto-Subscribe on. */
    DISCOVERED("discovered", "DISCOVERED group", null);

    private static final SetSpec DISCOVERED_AUTO_SUBSCRIBE_OFF = new SetSpec(IN, IN, OUT);
    private static final SetSpec DISCOVERED_AUTO_SUBSCRIBE_ON = new SetSpec(ANY, IN, OUT);

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

    /**
     * The set's definition. Only DISCOVERED depends on the setting: with Auto-Subscribe on, the sync has already
     * added I − S to the subscription, so the group is everything subscribed that Qualys has not scanned.
     */
    public SetSpec spec(boolean autoSubscribe) {
        if (this == DISCOVERED) {
            return autoSubscribe ? DISCOVERED_AUTO_SUBSCRIBE_ON : DISCOVERED_AUTO_SUBSCRIBE_OFF;
        }
        return spec;
    }

    public static Optional<CoverageSet> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
