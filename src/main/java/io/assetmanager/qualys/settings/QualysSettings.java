package io.assetmanager.qualys.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * The Qualys integration as configured on Settings &gt; Integrations &gt; Qualys: one row, id 1. The password is only
 * ever held here encrypted; see {@code docs/SECURITY.md}.
 */
@Entity
@Table(name = "qualys_settings")
public class QualysSettings {

    public static final int SINGLETON_ID = 1;
    public static final int DEFAULT_INTERVAL_HOURS = 24;
    public static final int DEFAULT_QUOTA_RESERVE_PERCENT = 50;
    /** A scan older than this many days no longer counts as coverage. */
    public static final int DEFAULT_STALE_AFTER_DAYS = 30;
    /** A host list or subscription smaller than this share of the stored snapshot is held, in percent. */
    public static final int DEFAULT_HOLD_BELOW_PERCENT = 50;
    public static final String DEFAULT_GROUP_TITLE = "Asset Manager_DISCOVERED";

    @Id
    private Integer id;

    private boolean enabled;

    @Column(name = "polling_interval_hours", nullable = false)
    private int pollingIntervalHours;

    @Column(name = "server_name")
    private String serverName;

    private String username;

    @Column(name = "password_ciphertext")
    private String passwordCiphertext;

    @Enumerated(EnumType.STRING)
    @Column(name = "auto_subscribe_mode", nullable = false)
    private AutoSubscribe autoSubscribe = AutoSubscribe.OFF;

    @Column(name = "asset_group_title", nullable = false)
    private String assetGroupTitle;

    private String exclusions;

    @Column(name = "max_add_per_run")
    private int maxAddPerRun;

    /** The share of each Qualys API's calls per window that runs leave to other tools, in percent. */
    @Column(name = "quota_reserve_percent")
    private int quotaReservePercent = DEFAULT_QUOTA_RESERVE_PERCENT;

    @Column(name = "stale_after_days")
    private int staleAfterDays = DEFAULT_STALE_AFTER_DAYS;
    /** Whether stale hosts (scanned, but not in the last N days) join the DISCOVERED group. */
    @Column(name = "stale_join_discovered")
    private boolean staleJoinDiscovered;
    @Column(name = "hold_below_percent")
    private int holdBelowPercent = DEFAULT_HOLD_BELOW_PERCENT;

    /** Set when Qualys refused the stored credentials: the scheduler leaves them alone until they change. */
    @Column(name = "credentials_rejected")
    private boolean credentialsRejected;

    /** When the integration was last switched On: the first run is due right after. */
    @Column(name = "enabled_since")
    private OffsetDateTime enabledSince;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    private long version;

    protected QualysSettings() {
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getPollingIntervalHours() {
        return pollingIntervalHours;
    }

    public String getServerName() {
        return serverName;
    }

    public String getUsername() {
        return username;
    }

    /** What an admin edits on the settings page, as stored. */
    public SettingsValues values() {
        return new SettingsValues(enabled, pollingIntervalHours, serverName, username, autoSubscribe, assetGroupTitle,
                exclusions, maxAddPerRun, quotaReservePercent, staleAfterDays,
                holdBelowPercent, staleJoinDiscovered);
    }

    /** Takes over what an admin saved (the password apart). */
    public void setValues(SettingsValues v) {
        enabled = v.enabled();
        pollingIntervalHours = v.pollingIntervalHours();
        serverName = v.serverName();
        username = v.username();
        autoSubscribe = v.autoSubscribe();
        assetGroupTitle = v.assetGroupTitle();
        exclusions = v.exclusions();
        maxAddPerRun = v.maxAddPerRun();
        quotaReservePercent = v.quotaReservePercent();
        staleAfterDays = v.staleAfterDays();
        holdBelowPercent = v.holdBelowPercent();
        staleJoinDiscovered = v.staleJoinDiscovered();
    }

    public String getPasswordCiphertext() {
        return passwordCiphertext;
    }

    public void setPasswordCiphertext(String passwordCiphertext) {
        this.passwordCiphertext = passwordCiphertext;
    }

    public AutoSubscribe getAutoSubscribe() {
        return autoSubscribe;
    }

    public String getAssetGroupTitle() {
        return assetGroupTitle;
    }

    public String getExclusions() {
        return exclusions;
    }

    public int getMaxAddPerRun() {
        return maxAddPerRun;
    }

    public int getQuotaReservePercent() {
        return quotaReservePercent;
    }

    public int getStaleAfterDays() {
        return staleAfterDays;
    }

    public boolean isStaleJoinDiscovered() {
        return staleJoinDiscovered;
    }

    public int getHoldBelowPercent() {
        return holdBelowPercent;
    }

    public boolean isCredentialsRejected() {
        return credentialsRejected;
    }

    public void setCredentialsRejected(boolean credentialsRejected) {
        this.credentialsRejected = credentialsRejected;
    }

    public OffsetDateTime getEnabledSince() {
        return enabledSince;
    }

    public void setEnabledSince(OffsetDateTime enabledSince) {
        this.enabledSince = enabledSince;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void markUpdated(String user, OffsetDateTime at) {
        this.updatedBy = user;
        this.updatedAt = at;
    }

    /** Never the password, not even encrypted: this string ends up in logs. */
    @Override
    public String toString() {
        return "QualysSettings[enabled=" + enabled + ", interval=" + pollingIntervalHours + "h, server=" + serverName
                + ", user=" + username + ", autoSubscribe=" + autoSubscribe + "]";
    }
}
