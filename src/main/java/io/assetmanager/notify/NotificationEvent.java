package io.assetmanager.notify;

/**
 * What a notification is about. The key names the event in CEF (signature id), in the webhook's JSON and in the
 * flood rules' memory; the severity is CEF's (0 to 10).
 */
public enum NotificationEvent {
    SUMMARY("summary", "Asset Manager notifications started", 3),
    RUN_FAILED("run-failed", "Sync run failed", 7),
    CREDENTIALS_REJECTED("credentials-rejected", "Qualys rejected the credentials", 8),
    RUN_HELD_OR_PAUSED("run-held-or-paused", "Sync run held or paused", 5),
    COVERAGE_LOW("coverage-low", "Coverage fell", 6),
    UNMANAGED_GREW("unmanaged-grew", "New IPs unmanaged by Qualys", 5),
    STALE_GREW("stale-grew", "Stale hosts grew", 5),
    TEST("test", "Test notification", 1);

    private final String key;
    private final String title;
    private final int severity;

    NotificationEvent(String key, String title, int severity) {
        this.key = key;
        this.title = title;
        this.severity = severity;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public int severity() {
        return severity;
    }

    public static NotificationEvent ofKey(String key) {
        for (NotificationEvent e : values()) {
            if (e.key.equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown notification event \"" + key + "\"");
    }
}
