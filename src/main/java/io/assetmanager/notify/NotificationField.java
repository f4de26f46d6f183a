package io.assetmanager.notify;

import java.util.function.Function;

/**
 * The fields of Settings &gt; Notifications in the page's order: the label the page shows and the audit trail
 * repeats, the id of its input (so a message lands next to it), and its value as the audit trail records it (never
 * for the two secrets).
 */
public enum NotificationField {
    BASE_URL("Link base URL", "baseUrl", NotificationSettingsValues::baseUrl),
    COVERAGE_BELOW("Coverage below (%)", "coverageBelow", v -> text(v.coverageBelowPercent())),
    COVERAGE_DROP("Coverage drop (points)", "coverageDrop", v -> text(v.coverageDropPoints())),
    REPEAT_HOURS("Repeat an unchanged event after (hours)", "repeatHours", v -> String.valueOf(v.repeatHours())),
    SYSLOG_ENABLED("Syslog", "syslogEnabled", v -> onOff(v.syslogEnabled())),
    SYSLOG_HOST("Syslog host", "syslogHost", NotificationSettingsValues::syslogHost),
    SYSLOG_PORT("Syslog port", "syslogPort", v -> text(v.syslogPort())),
    SYSLOG_TRANSPORT("Syslog transport", "syslogTransport", v -> v.syslogTransport().name()),
    WEBHOOK_ENABLED("Webhook", "webhookEnabled", v -> onOff(v.webhookEnabled())),
    WEBHOOK_URL("Webhook URL", "webhookUrl", NotificationSettingsValues::webhookUrl),
    WEBHOOK_SECRET("Webhook shared secret", "webhookSecret", null),
    MAIL_ENABLED("Mail", "mailEnabled", v -> onOff(v.mailEnabled())),
    MAIL_HOST("SMTP server", "mailHost", NotificationSettingsValues::mailHost),
    MAIL_PORT("SMTP port", "mailPort", v -> text(v.mailPort())),
    MAIL_SECURITY("SMTP security", "mailSecurity", v -> v.mailSecurity().name()),
    MAIL_USERNAME("SMTP username", "mailUsername", NotificationSettingsValues::mailUsername),
    MAIL_PASSWORD("SMTP password", "mailPassword", null),
    MAIL_FROM("Mail from", "mailFrom", NotificationSettingsValues::mailFrom),
    MAIL_TO("Mail to", "mailTo", NotificationSettingsValues::mailTo);

    private final String label;
    private final String inputId;
    private final Function<NotificationSettingsValues, String> recorded;

    NotificationField(String label, String inputId, Function<NotificationSettingsValues, String> recorded) {
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

    public boolean recordsValue() {
        return recorded != null;
    }

    /** The value as the audit trail shows it; null for none and for the secrets. */
    public String recorded(NotificationSettingsValues values) {
        return recorded == null ? null : recorded.apply(values);
    }

    private static String text(Integer n) {
        return n == null ? null : String.valueOf(n);
    }

    private static String onOff(boolean on) {
        return on ? "On" : "Off";
    }
}
