package io.assetmanager.qualys.settings;

/**
 * What a run does with the indexed IPs missing from the Qualys subscription (A = I − S, less the exclusions).
 * Stored by name in {@code qualys_settings.auto_subscribe_mode}.
 */
public enum AutoSubscribe {
    /** Nothing is added; the DISCOVERED group is (I ∩ S) − M. */
    OFF("Off"),
    /** A is added (at most the maximum per run); the group is S' − M. */
    ON("On"),
    /**
     * A goes to the pending list; only the IPs an admin approved are added. The group is set by the On rule, S' − M,
     * so pending IPs (not in S') stay out of it.
     */
    AFTER_APPROVAL("On, after approval");

    private final String label;

    AutoSubscribe(String label) {
        this.label = label;
    }

    /** As the settings page, its audit trail and the run history show it. */
    public String label() {
        return label;
    }

    /** Whether the DISCOVERED group follows the On rule (S' − M): On, and On after approval. */
    public boolean subscribes() {
        return this != OFF;
    }

    public boolean needsApproval() {
        return this == AFTER_APPROVAL;
    }

    /** For the page's choice. */
    public String getLabel() {
        return label;
    }
}
