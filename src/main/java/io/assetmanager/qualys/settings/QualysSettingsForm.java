package io.assetmanager.qualys.settings;

import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * What an admin typed into the settings page, as text: numbers are read by {@link QualysSettingsValidator} so a
 * wrong entry gets a message that names the field. The password is write-only: it is never filled from storage,
 * and {@link #clearPassword()} drops it once used.
 */
public class QualysSettingsForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private boolean enabled;
    private String pollingInterval;
    private String serverName;
    private String username;
    private String password;
    private AutoSubscribe autoSubscribe = AutoSubscribe.OFF;
    private String assetGroupTitle;
    private String exclusions;
    private String maxAddPerRun;
    private String quotaReservePercent;
    private String staleAfterDays;
    private String holdBelowPercent;
    private boolean staleJoinDiscovered;
    /** When the settings this form was filled from were saved: a save over a newer one is refused. */
    private OffsetDateTime basedOn;

    /** The stored settings, without the password. */
    public static QualysSettingsForm of(QualysSettings stored) {
        SettingsValues v = stored.values();
        QualysSettingsForm f = new QualysSettingsForm();
        f.enabled = v.enabled();
        f.pollingInterval = String.valueOf(v.pollingIntervalHours());
        f.serverName = v.serverName();
        f.username = v.username();
        f.autoSubscribe = v.autoSubscribe();
        f.assetGroupTitle = v.assetGroupTitle();
        f.exclusions = v.exclusions();
        f.maxAddPerRun = String.valueOf(v.maxAddPerRun());
        f.quotaReservePercent = String.valueOf(v.quotaReservePercent());
        f.staleAfterDays = String.valueOf(v.staleAfterDays());
        f.holdBelowPercent = String.valueOf(v.holdBelowPercent());
        f.staleJoinDiscovered = v.staleJoinDiscovered();
        f.basedOn = stored.getUpdatedAt();
        return f;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPollingInterval() {
        return pollingInterval;
    }

    public void setPollingInterval(String pollingInterval) {
        this.pollingInterval = pollingInterval;
    }

    public String getServerName() {
        return serverName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** Always null to the page: {@code p:password redisplay="false"} asks for it, and the field stays empty. */
    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** What was typed into the password field, null or empty when nothing was. */
    public String typedPassword() {
        return password;
    }

    public void clearPassword() {
        password = null;
    }

    public AutoSubscribe getAutoSubscribe() {
        return autoSubscribe;
    }

    /** Null (nothing chosen, which the page does not allow) reads as Off. */
    public void setAutoSubscribe(AutoSubscribe autoSubscribe) {
        this.autoSubscribe = autoSubscribe == null ? AutoSubscribe.OFF : autoSubscribe;
    }

    /** The choices, in the page's order. */
    public AutoSubscribe[] getAutoSubscribeChoices() {
        return AutoSubscribe.values();
    }

    public String getAssetGroupTitle() {
        return assetGroupTitle;
    }

    public void setAssetGroupTitle(String assetGroupTitle) {
        this.assetGroupTitle = assetGroupTitle;
    }

    public String getExclusions() {
        return exclusions;
    }

    public void setExclusions(String exclusions) {
        this.exclusions = exclusions;
    }

    public String getHoldBelowPercent() {
        return holdBelowPercent;
    }

    public void setHoldBelowPercent(String holdBelowPercent) {
        this.holdBelowPercent = holdBelowPercent;
    }

    public String getQuotaReservePercent() {
        return quotaReservePercent;
    }

    public void setQuotaReservePercent(String quotaReservePercent) {
        this.quotaReservePercent = quotaReservePercent;
    }

    public boolean isStaleJoinDiscovered() {
        return staleJoinDiscovered;
    }

    public void setStaleJoinDiscovered(boolean staleJoinDiscovered) {
        this.staleJoinDiscovered = staleJoinDiscovered;
    }

    public String getStaleAfterDays() {
        return staleAfterDays;
    }

    public void setStaleAfterDays(String staleAfterDays) {
        this.staleAfterDays = staleAfterDays;
    }

    public String getMaxAddPerRun() {
        return maxAddPerRun;
    }

    public void setMaxAddPerRun(String maxAddPerRun) {
        this.maxAddPerRun = maxAddPerRun;
    }

    public OffsetDateTime getBasedOn() {
        return basedOn;
    }

    /** Never the password: forms end up in logs and debuggers. */
    @Override
    public String toString() {
        return "QualysSettingsForm[enabled=" + enabled + ", interval=" + pollingInterval + ", server=" + serverName
                + ", user=" + username + ", password=" + (password == null || password.isEmpty() ? "(empty)" : "(typed)")
                + ", autoSubscribe=" + autoSubscribe + "]";
    }
}
