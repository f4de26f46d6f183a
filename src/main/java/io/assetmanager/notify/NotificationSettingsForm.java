package io.assetmanager.notify;

import java.io.Serializable;

/**
 * The Notifications page's form: numbers as typed (so a wrong entry gets a message naming its field). The two
 * secrets are write-only: never filled from storage, and cleared once used.
 */
public class NotificationSettingsForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String baseUrl;
    private String coverageBelow;
    private String coverageDrop;
    private String repeatHours;
    private boolean syslogEnabled;
    private String syslogHost;
    private String syslogPort;
    private String syslogTransport;
    private boolean webhookEnabled;
    private String webhookUrl;
    private String webhookSecret;
    private boolean mailEnabled;
    private String mailHost;
    private String mailPort;
    private String mailSecurity;
    private String mailUsername;
    private String mailPassword;
    private String mailFrom;
    private String mailTo;

    public static NotificationSettingsForm of(NotificationSettingsValues v) {
        NotificationSettingsForm f = new NotificationSettingsForm();
        f.baseUrl = v.baseUrl();
        f.coverageBelow = text(v.coverageBelowPercent());
        f.coverageDrop = text(v.coverageDropPoints());
        f.repeatHours = String.valueOf(v.repeatHours());
        f.syslogEnabled = v.syslogEnabled();
        f.syslogHost = v.syslogHost();
        f.syslogPort = text(v.syslogPort());
        f.syslogTransport = v.syslogTransport().name();
        f.webhookEnabled = v.webhookEnabled();
        f.webhookUrl = v.webhookUrl();
        f.mailEnabled = v.mailEnabled();
        f.mailHost = v.mailHost();
        f.mailPort = text(v.mailPort());
        f.mailSecurity = v.mailSecurity().name();
        f.mailUsername = v.mailUsername();
        f.mailFrom = v.mailFrom();
        f.mailTo = v.mailTo();
        return f;
    }

    private static String text(Integer n) {
        return n == null ? null : String.valueOf(n);
    }

    /**
     * The form as a test of one channel sees it: that channel switched on, the others switched off and blank, so
     * that a half-filled other channel neither blocks the test nor is judged by it.
     */
    public NotificationSettingsForm forTestOf(ChannelKind kind) {
        NotificationSettingsForm f = new NotificationSettingsForm();
        f.baseUrl = baseUrl;
        f.coverageBelow = coverageBelow;
        f.coverageDrop = coverageDrop;
        f.repeatHours = repeatHours;
        switch (kind) {
            case SYSLOG -> {
                f.syslogEnabled = true;
                f.syslogTransport = syslogTransport;
                f.syslogHost = syslogHost;
                f.syslogPort = syslogPort;
            }
            case WEBHOOK -> {
                f.webhookEnabled = true;
                f.webhookUrl = webhookUrl;
                f.webhookSecret = webhookSecret;
            }
            case MAIL -> {
                f.mailEnabled = true;
                f.mailSecurity = mailSecurity;
                f.mailHost = mailHost;
                f.mailPort = mailPort;
                f.mailUsername = mailUsername;
                f.mailPassword = mailPassword;
                f.mailFrom = mailFrom;
                f.mailTo = mailTo;
            }
        }
        return f;
    }

    /** Drops the typed secrets. */
    public void clearSecrets() {
        webhookSecret = null;
        mailPassword = null;
    }

    public String typedWebhookSecret() {
        return webhookSecret;
    }

    public String typedMailPassword() {
        return mailPassword;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getCoverageBelow() {
        return coverageBelow;
    }

    public void setCoverageBelow(String coverageBelow) {
        this.coverageBelow = coverageBelow;
    }

    public String getCoverageDrop() {
        return coverageDrop;
    }

    public void setCoverageDrop(String coverageDrop) {
        this.coverageDrop = coverageDrop;
    }

    public String getRepeatHours() {
        return repeatHours;
    }

    public void setRepeatHours(String repeatHours) {
        this.repeatHours = repeatHours;
    }

    public boolean isSyslogEnabled() {
        return syslogEnabled;
    }

    public void setSyslogEnabled(boolean syslogEnabled) {
        this.syslogEnabled = syslogEnabled;
    }

    public String getSyslogHost() {
        return syslogHost;
    }

    public void setSyslogHost(String syslogHost) {
        this.syslogHost = syslogHost;
    }

    public String getSyslogPort() {
        return syslogPort;
    }

    public void setSyslogPort(String syslogPort) {
        this.syslogPort = syslogPort;
    }

    public String getSyslogTransport() {
        return syslogTransport;
    }

    public void setSyslogTransport(String syslogTransport) {
        this.syslogTransport = syslogTransport;
    }

    public boolean isWebhookEnabled() {
        return webhookEnabled;
    }

    public void setWebhookEnabled(boolean webhookEnabled) {
        this.webhookEnabled = webhookEnabled;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    /** Always null to the page. */
    public String getWebhookSecret() {
        return null;
    }

    public void setWebhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    public boolean isMailEnabled() {
        return mailEnabled;
    }

    public void setMailEnabled(boolean mailEnabled) {
        this.mailEnabled = mailEnabled;
    }

    public String getMailHost() {
        return mailHost;
    }

    public void setMailHost(String mailHost) {
        this.mailHost = mailHost;
    }

    public String getMailPort() {
        return mailPort;
    }

    public void setMailPort(String mailPort) {
        this.mailPort = mailPort;
    }

    public String getMailSecurity() {
        return mailSecurity;
    }

    public void setMailSecurity(String mailSecurity) {
        this.mailSecurity = mailSecurity;
    }

    public String getMailUsername() {
        return mailUsername;
    }

    public void setMailUsername(String mailUsername) {
        this.mailUsername = mailUsername;
    }

    /** Always null to the page. */
    public String getMailPassword() {
        return null;
    }

    public void setMailPassword(String mailPassword) {
        this.mailPassword = mailPassword;
    }

    public String getMailFrom() {
        return mailFrom;
    }

    public void setMailFrom(String mailFrom) {
        this.mailFrom = mailFrom;
    }

    public String getMailTo() {
        return mailTo;
    }

    public void setMailTo(String mailTo) {
        this.mailTo = mailTo;
    }
}
