package io.assetmanager.qualys.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The settings an admin sets, password aside: what the audit trail compares before and after a save. */
public record SettingsValues(boolean enabled, int pollingIntervalHours, String serverName, String username,
        boolean autoSubscribe, String assetGroupTitle, String exclusions, int maxAddPerRun) {

    public static SettingsValues of(QualysSettings s) {
        return new SettingsValues(s.isEnabled(), s.getPollingIntervalHours(), s.getServerName(), s.getUsername(),
                s.isAutoSubscribe(), s.getAssetGroupTitle(), s.getExclusions(), s.getMaxAddPerRun());
    }

    /**
     * What a save changes, field by field, in the page's order. The password is only ever reported as changed:
     * neither its old nor its new value (nor the ciphertext) goes into the audit trail.
     */
    public List<SettingsChange> changesTo(SettingsValues after, boolean passwordChanged) {
        List<SettingsChange> changes = new ArrayList<>();
        compare(changes, SettingsField.ENABLED, onOff(enabled), onOff(after.enabled));
        compare(changes, SettingsField.POLLING_INTERVAL, String.valueOf(pollingIntervalHours),
                String.valueOf(after.pollingIntervalHours));
        compare(changes, SettingsField.SERVER_NAME, serverName, after.serverName);
        compare(changes, SettingsField.USERNAME, username, after.username);
        if (passwordChanged) {
            changes.add(new SettingsChange(SettingsField.PASSWORD, null, null));
        }
        compare(changes, SettingsField.AUTO_SUBSCRIBE, onOff(autoSubscribe), onOff(after.autoSubscribe));
        compare(changes, SettingsField.ASSET_GROUP_TITLE, assetGroupTitle, after.assetGroupTitle);
        compare(changes, SettingsField.EXCLUSIONS, blankToNull(exclusions), blankToNull(after.exclusions));
        compare(changes, SettingsField.MAX_ADD_PER_RUN, String.valueOf(maxAddPerRun), String.valueOf(after.maxAddPerRun));
        return changes;
    }

    /** Whether Qualys would see other credentials: a rejection of the old ones no longer applies. */
    public boolean sameConnection(SettingsValues other) {
        return Objects.equals(serverName, other.serverName) && Objects.equals(username, other.username);
    }

    private static void compare(List<SettingsChange> changes, SettingsField field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new SettingsChange(field, before, after));
        }
    }

    private static String onOff(boolean value) {
        return value ? "On" : "Off";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
