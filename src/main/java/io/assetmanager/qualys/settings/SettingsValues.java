package io.assetmanager.qualys.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings an admin sets, password aside: what the validator makes of the form, what {@link QualysSettings}
 * stores, and what the audit trail compares before and after a save. {@link SettingsField} describes each one.
 */
public record SettingsValues(boolean enabled, int pollingIntervalHours, String serverName, String username,
        AutoSubscribe autoSubscribe, String assetGroupTitle, String exclusions, int maxAddPerRun,
        int quotaReservePercent, int staleAfterDays, int holdBelowPercent, boolean staleJoinDiscovered) {

    /** The values with stale hosts kept out of the DISCOVERED group (the default). */
    public SettingsValues(boolean enabled, int pollingIntervalHours, String serverName, String username,
            AutoSubscribe autoSubscribe, String assetGroupTitle, String exclusions, int maxAddPerRun,
            int quotaReservePercent, int staleAfterDays, int holdBelowPercent) {
        this(enabled, pollingIntervalHours, serverName, username, autoSubscribe, assetGroupTitle, exclusions,
                maxAddPerRun, quotaReservePercent, staleAfterDays, holdBelowPercent, false);
    }

    /**
     * The values with the default "Stale after" of {@value QualysSettings#DEFAULT_STALE_AFTER_DAYS} days, the default
     * hold threshold of {@value QualysSettings#DEFAULT_HOLD_BELOW_PERCENT} % and stale hosts kept out of the group.
     */
    public SettingsValues(boolean enabled, int pollingIntervalHours, String serverName, String username,
            AutoSubscribe autoSubscribe, String assetGroupTitle, String exclusions, int maxAddPerRun,
            int quotaReservePercent) {
        this(enabled, pollingIntervalHours, serverName, username, autoSubscribe, assetGroupTitle, exclusions,
                maxAddPerRun, quotaReservePercent, QualysSettings.DEFAULT_STALE_AFTER_DAYS,
                QualysSettings.DEFAULT_HOLD_BELOW_PERCENT, false);
    }

    /**
     * What a save changes, field by field, in the page's order. The password is only ever reported as changed:
     * neither its old nor its new value (nor the ciphertext) goes into the audit trail.
     */
    public List<SettingsChange> changesTo(SettingsValues after, boolean passwordChanged) {
        List<SettingsChange> changes = new ArrayList<>();
        for (SettingsField field : SettingsField.values()) {
            if (!field.recordsValue()) {
                if (passwordChanged) {
                    changes.add(new SettingsChange(field, null, null));
                }
                continue;
            }
            String before = field.recorded(this);
            String now = field.recorded(after);
            if (!Objects.equals(before, now)) {
                changes.add(new SettingsChange(field, before, now));
            }
        }
        return changes;
    }

    /** The same values with another exclusion list (rejected IPs join it). */
    public SettingsValues withExclusions(String list) {
        return new SettingsValues(enabled, pollingIntervalHours, serverName, username, autoSubscribe, assetGroupTitle,
                list, maxAddPerRun, quotaReservePercent, staleAfterDays, holdBelowPercent, staleJoinDiscovered);
    }

    /** Whether Qualys would see other credentials: a rejection of the old ones no longer applies. */
    public boolean sameConnection(SettingsValues other) {
        return Objects.equals(serverName, other.serverName) && Objects.equals(username, other.username);
    }
}
