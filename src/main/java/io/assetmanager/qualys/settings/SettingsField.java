package io.assetmanager.qualys.settings;

import java.util.function.Function;

/**
 * The fields of Settings &gt; Integrations &gt; Qualys, each described once, in the page's order: the label the page
 * shows (and the audit trail repeats), the id of its input (so a message lands next to its field), and its value in
 * {@link SettingsValues} as the audit trail records it.
 */
public enum SettingsField {
    ENABLED("Status", "enabled", v -> onOff(v.enabled())),
    POLLING_INTERVAL("Polling Interval (by Hour)", "interval", v -> String.valueOf(v.pollingIntervalHours())),
    SERVER_NAME("Server Name", "server", SettingsValues::serverName),
    USERNAME("Username", "username", SettingsValues::username),
    /** Not in {@link SettingsValues}: a save records only that it changed, never a value. */
    PASSWORD("Password", "password", null),
    AUTO_SUBSCRIBE("Auto-Subscribe", "autoSubscribe", v -> v.autoSubscribe().label()),
    ASSET_GROUP_TITLE("Asset group title", "groupTitle", SettingsValues::assetGroupTitle),
    EXCLUSIONS("Exclusions", "exclusions", v -> blankToNull(v.exclusions())),
    MAX_ADD_PER_RUN("Maximum IPs added per run", "maxAdd", v -> String.valueOf(v.maxAddPerRun())),
    QUOTA_RESERVE("Qualys calls kept for other tools", "quotaReserve",
            v -> String.valueOf(v.quotaReservePercent())),
    STALE_AFTER_DAYS("Stale after (days)", "staleAfterDays", v -> String.valueOf(v.staleAfterDays())),
    /** Whether indexed hosts scanned, but not within "Stale after", join the DISCOVERED group (default Off). */
    STALE_JOIN_DISCOVERED("Stale hosts join the DISCOVERED group", "staleJoinDiscovered",
            v -> onOff(v.staleJoinDiscovered())),
    HOLD_BELOW("Hold threshold", "holdBelow", v -> String.valueOf(v.holdBelowPercent()));

    private final String label;
    private final String inputId;
    private final Function<SettingsValues, String> recorded;

    SettingsField(String label, String inputId, Function<SettingsValues, String> recorded) {
        this.label = label;
        this.inputId = inputId;
        this.recorded = recorded;
    }

    public String label() {
        return label;
    }

    public String inputId() {
        return inputId;
    }

    /** Whether the field has a value the audit trail may record: all but the password. */
    public boolean recordsValue() {
        return recorded != null;
    }

    /**
     * The field's value in {@code values} as the audit trail and the "Saved:" line show it: On or Off, a number, the
     * text, or null for none.
     *
     * @throws IllegalStateException for the password, which is never recorded
     */
    public String recorded(SettingsValues values) {
        if (recorded == null) {
            throw new IllegalStateException(label + " is only ever recorded as changed");
        }
        return recorded.apply(values);
    }

    private static String onOff(boolean value) {
        return value ? "On" : "Off";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
