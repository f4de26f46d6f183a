package io.assetmanager.qualys.settings;

/**
 * Settings values with one or two fields changed, as an admin's save changes them:
 * {@code SettingsEdit.of(v).autoSubscribe(true).values()}.
 */
public final class SettingsEdit {

    private boolean enabled;
    private int pollingIntervalHours;
    private String serverName;
    private String username;
    private AutoSubscribe autoSubscribe;
    private String assetGroupTitle;
    private String exclusions;
    private int maxAddPerRun;
    private int quotaReservePercent;
    private int staleAfterDays;
    private int holdBelowPercent;
    private boolean staleJoinDiscovered;

    private SettingsEdit() {
    }

    public static SettingsEdit of(SettingsValues v) {
        SettingsEdit e = new SettingsEdit();
        e.enabled = v.enabled();
        e.pollingIntervalHours = v.pollingIntervalHours();
        e.serverName = v.serverName();
        e.username = v.username();
        e.autoSubscribe = v.autoSubscribe();
        e.assetGroupTitle = v.assetGroupTitle();
        e.exclusions = v.exclusions();
        e.maxAddPerRun = v.maxAddPerRun();
        e.quotaReservePercent = v.quotaReservePercent();
        e.staleAfterDays = v.staleAfterDays();
        e.holdBelowPercent = v.holdBelowPercent();
        e.staleJoinDiscovered = v.staleJoinDiscovered();
        return e;
    }

    public SettingsEdit enabled(boolean on) {
        enabled = on;
        return this;
    }

    public SettingsEdit pollingIntervalHours(int hours) {
        pollingIntervalHours = hours;
        return this;
    }

    public SettingsEdit serverName(String name) {
        serverName = name;
        return this;
    }

    public SettingsEdit username(String name) {
        username = name;
        return this;
    }

    /** On or Off. */
    public SettingsEdit autoSubscribe(boolean on) {
        return autoSubscribe(on ? AutoSubscribe.ON : AutoSubscribe.OFF);
    }

    public SettingsEdit autoSubscribe(AutoSubscribe mode) {
        autoSubscribe = mode;
        return this;
    }

    public SettingsEdit assetGroupTitle(String title) {
        assetGroupTitle = title;
        return this;
    }

    public SettingsEdit exclusions(String list) {
        exclusions = list;
        return this;
    }

    public SettingsEdit quotaReservePercent(int percent) {
        quotaReservePercent = percent;
        return this;
    }

    public SettingsEdit staleAfterDays(int days) {
        staleAfterDays = days;
        return this;
    }

    public SettingsEdit staleJoinDiscovered(boolean on) {
        staleJoinDiscovered = on;
        return this;
    }

    public SettingsEdit holdBelowPercent(int percent) {
        holdBelowPercent = percent;
        return this;
    }

    public SettingsEdit maxAddPerRun(int cap) {
        maxAddPerRun = cap;
        return this;
    }

    public SettingsValues values() {
        return new SettingsValues(enabled, pollingIntervalHours, serverName, username, autoSubscribe, assetGroupTitle,
                exclusions, maxAddPerRun, quotaReservePercent, staleAfterDays,
                holdBelowPercent, staleJoinDiscovered);
    }
}
