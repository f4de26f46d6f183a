package io.assetmanager.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The Notifications settings without their secrets (the webhook's shared secret and the mail password, held only
 * encrypted): what a save compares and the audit trail records.
 *
 * @param coverageBelowPercent null when that check is off
 * @param coverageDropPoints   null when that check is off
 * @param mailTo               the recipients, separated by ", "
 */
public record NotificationSettingsValues(String baseUrl, Integer coverageBelowPercent, Integer coverageDropPoints,
        int repeatHours, boolean syslogEnabled, String syslogHost, Integer syslogPort,
        SyslogChannel.Transport syslogTransport, boolean webhookEnabled, String webhookUrl, boolean mailEnabled,
        String mailHost, Integer mailPort, MailChannel.Security mailSecurity, String mailUsername, String mailFrom,
        String mailTo) {

    public List<String> mailRecipients() {
        return mailTo == null || mailTo.isBlank() ? List.of() : Arrays.asList(mailTo.split(",\\s*"));
    }

    /** The fields whose value differs, in the page's order; a secret is listed when {@code secretsChanged} says so. */
    public List<NotificationField> changedFields(NotificationSettingsValues after, boolean webhookSecretChanged,
            boolean mailPasswordChanged) {
        List<NotificationField> changed = new ArrayList<>();
        for (NotificationField f : NotificationField.values()) {
            boolean differs = switch (f) {
                case WEBHOOK_SECRET -> webhookSecretChanged;
                case MAIL_PASSWORD -> mailPasswordChanged;
                default -> !Objects.equals(f.recorded(this), f.recorded(after));
            };
            if (differs) {
                changed.add(f);
            }
        }
        return changed;
    }

    /** A stored webhook secret goes only to the URL it was saved for. */
    public boolean sameWebhookTarget(NotificationSettingsValues other) {
        return Objects.equals(webhookUrl, other.webhookUrl);
    }

    /** A stored mail password goes only to the server and user it was saved for. */
    public boolean sameMailLogin(NotificationSettingsValues other) {
        return Objects.equals(mailHost, other.mailHost) && Objects.equals(mailUsername, other.mailUsername);
    }
}
