package io.assetmanager.qualys.settings;

/**
 * The fields of Settings &gt; Integrations &gt; Qualys: the label the page shows (and the audit trail repeats) and the
 * id of the input, so a message lands next to its field.
 */
public enum SettingsField {
    ENABLED("Status", "enabled"),
    POLLING_INTERVAL("Polling Interval (by Hour)", "interval"),
    SERVER_NAME("Server Name", "server"),
    USERNAME("Username", "username"),
    PASSWORD("Password", "password"),
    AUTO_SUBSCRIBE("Auto-Subscribe", "autoSubscribe"),
    ASSET_GROUP_TITLE("Asset group title", "groupTitle"),
    EXCLUSIONS("Exclusions", "exclusions"),
    MAX_ADD_PER_RUN("Maximum IPs added per run", "maxAdd");

    private final String label;
    private final String inputId;

    SettingsField(String label, String inputId) {
        this.label = label;
        this.inputId = inputId;
    }

    public String label() {
        return label;
    }

    public String inputId() {
        return inputId;
    }
}
