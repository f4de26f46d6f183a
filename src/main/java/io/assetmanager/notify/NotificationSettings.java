package io.assetmanager.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** Settings &gt; Notifications: one row, id 1. The webhook secret and the SMTP password only ever encrypted here. */
@Entity
@Table(name = "notification_settings")
public class NotificationSettings {

    public static final int SINGLETON_ID = 1;

    @Id
    private Integer id;
    @Column(name = "base_url")
    private String baseUrl;
    @Column(name = "coverage_below_percent")
    private Integer coverageBelowPercent;
    @Column(name = "coverage_drop_points")
    private Integer coverageDropPoints;
    @Column(name = "repeat_hours")
    private int repeatHours;
    @Column(name = "syslog_enabled")
    private boolean syslogEnabled;
    @Column(name = "syslog_host")
    private String syslogHost;
    @Column(name = "syslog_port")
    private Integer syslogPort;
    @Enumerated(EnumType.STRING)
    @Column(name = "syslog_transport")
    private SyslogChannel.Transport syslogTransport;
    @Column(name = "webhook_enabled")
    private boolean webhookEnabled;
    @Column(name = "webhook_url")
    private String webhookUrl;
    @Column(name = "webhook_secret_ciphertext")
    private String webhookSecretCiphertext;
    @Column(name = "mail_enabled")
    private boolean mailEnabled;
    @Column(name = "mail_host")
    private String mailHost;
    @Column(name = "mail_port")
    private Integer mailPort;
    @Enumerated(EnumType.STRING)
    @Column(name = "mail_security")
    private MailChannel.Security mailSecurity;
    @Column(name = "mail_username")
    private String mailUsername;
    @Column(name = "mail_password_ciphertext")
    private String mailPasswordCiphertext;
    @Column(name = "mail_from")
    private String mailFrom;
    @Column(name = "mail_to")
    private String mailTo;
    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;
    @Column(name = "updated_by")
    private String updatedBy;
    @Version
    private long version;

    protected NotificationSettings() {
    }

    public NotificationSettingsValues values() {
        return new NotificationSettingsValues(baseUrl, coverageBelowPercent, coverageDropPoints, repeatHours,
                syslogEnabled, syslogHost, syslogPort, syslogTransport, webhookEnabled, webhookUrl, mailEnabled,
                mailHost, mailPort, mailSecurity, mailUsername, mailFrom, mailTo);
    }

    public void setValues(NotificationSettingsValues v) {
        baseUrl = v.baseUrl();
        coverageBelowPercent = v.coverageBelowPercent();
        coverageDropPoints = v.coverageDropPoints();
        repeatHours = v.repeatHours();
        syslogEnabled = v.syslogEnabled();
        syslogHost = v.syslogHost();
        syslogPort = v.syslogPort();
        syslogTransport = v.syslogTransport();
        webhookEnabled = v.webhookEnabled();
        webhookUrl = v.webhookUrl();
        mailEnabled = v.mailEnabled();
        mailHost = v.mailHost();
        mailPort = v.mailPort();
        mailSecurity = v.mailSecurity();
        mailUsername = v.mailUsername();
        mailFrom = v.mailFrom();
        mailTo = v.mailTo();
    }

    public String getWebhookSecretCiphertext() {
        return webhookSecretCiphertext;
    }

    public void setWebhookSecretCiphertext(String webhookSecretCiphertext) {
        this.webhookSecretCiphertext = webhookSecretCiphertext;
    }

    public String getMailPasswordCiphertext() {
        return mailPasswordCiphertext;
    }

    public void setMailPasswordCiphertext(String mailPasswordCiphertext) {
        this.mailPasswordCiphertext = mailPasswordCiphertext;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void markUpdated(String user, OffsetDateTime at) {
        updatedBy = user;
        updatedAt = at;
    }
}
