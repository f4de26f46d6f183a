package io.assetmanager.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.notify.NotificationSettingsValidator.FieldError;
import io.assetmanager.notify.NotificationSettingsValidator.InvalidNotificationSettingsException;
import io.assetmanager.notify.NotificationSettingsValidator.Stored;
import io.assetmanager.notify.NotificationSettingsValidator.Valid;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NotificationSettingsValidatorTest {

    static final NotificationSettingsValues DEFAULTS = new NotificationSettingsValues(null, null, null, 24, false,
            null, null, SyslogChannel.Transport.UDP, false, null, false, null, null, MailChannel.Security.STARTTLS,
            null, null, null);
    static final Stored NOTHING_STORED = new Stored(DEFAULTS, false, false);

    private static NotificationSettingsForm form() {
        return NotificationSettingsForm.of(DEFAULTS);
    }

    private static Map<NotificationField, String> errors(NotificationSettingsForm form, Stored stored, boolean plain) {
        try {
            NotificationSettingsValidator.validate(form, stored, plain);
            throw new AssertionError("expected the form to be refused");
        } catch (InvalidNotificationSettingsException e) {
            return e.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message));
        }
    }

    @Test
    void theDefaultsPassWithEveryChannelOff() throws Exception {
        Valid valid = NotificationSettingsValidator.validate(form(), NOTHING_STORED, false);
        assertThat(valid.values()).isEqualTo(DEFAULTS);
    }

    @Test
    void everyChannelSwitchedOnNamesWhatItLacks() {
        NotificationSettingsForm f = form();
        f.setSyslogEnabled(true);
        f.setWebhookEnabled(true);
        f.setMailEnabled(true);
        Map<NotificationField, String> errors = errors(f, NOTHING_STORED, false);
        assertThat(errors).containsEntry(NotificationField.BASE_URL, "Link base URL is required: the address people"
                + " open Asset Manager at, e.g. https://assetmanager.example.com")
                .containsEntry(NotificationField.SYSLOG_HOST, "Syslog host is required while the channel is on")
                .containsEntry(NotificationField.SYSLOG_PORT, "Syslog port must be a whole number from 1 to 65535")
                .containsEntry(NotificationField.WEBHOOK_URL, "Webhook URL is required: the receiver's https:// address")
                .containsEntry(NotificationField.WEBHOOK_SECRET, "Webhook shared secret is required: none is stored yet")
                .containsEntry(NotificationField.MAIL_HOST, "SMTP server is required while the channel is on")
                .containsEntry(NotificationField.MAIL_FROM, "Mail from is required while mail is on")
                .containsEntry(NotificationField.MAIL_TO, "Mail to is required while mail is on: one or more addresses");
    }

    @Test
    void aTestOfOneChannelIsNeitherBlockedNorJudgedByTheOthers() throws Exception {
        NotificationSettingsForm f = form();
        f.setBaseUrl("https://assetmanager.example.com");
        f.setSyslogHost("127.0.0.1");
        f.setSyslogPort("5514");
        f.setWebhookUrl("http://plain.example.com/hook");
        f.setMailTo("not an address");
        f.setMailSecurity("NONE");
        // Saving judges every field; the test of syslog (switched off, as it is here) judges syslog's only.
        assertThat(errors(f, NOTHING_STORED, false)).containsKeys(NotificationField.WEBHOOK_URL,
                NotificationField.MAIL_TO, NotificationField.MAIL_SECURITY);
        Valid syslog = NotificationSettingsValidator.validate(f.forTestOf(ChannelKind.SYSLOG), NOTHING_STORED, false);
        assertThat(syslog.values().syslogEnabled()).isTrue();
        assertThat(syslog.values().syslogHost()).isEqualTo("127.0.0.1");
        assertThat(syslog.values().webhookEnabled()).isFalse();
        assertThat(syslog.values().webhookUrl()).isNull();
        assertThat(errors(f.forTestOf(ChannelKind.WEBHOOK), NOTHING_STORED, false)).containsOnlyKeys(
                NotificationField.WEBHOOK_URL, NotificationField.WEBHOOK_SECRET);
    }

    @Test
    void wrongValuesAreNamedWithWhatWasTyped() {
        NotificationSettingsForm f = form();
        f.setBaseUrl("ftp://am.example.com");
        f.setCoverageBelow("101");
        f.setRepeatHours("0");
        f.setSyslogHost("bad host!");
        f.setSyslogPort("70000");
        f.setSyslogTransport("SCTP");
        f.setWebhookUrl("http://hooks.example.com/x");
        f.setWebhookSecret("short");
        f.setMailSecurity("NONE");
        f.setMailTo("soc@example.com, not-an-address@");
        Map<NotificationField, String> errors = errors(f, NOTHING_STORED, false);
        assertThat(errors).containsEntry(NotificationField.BASE_URL,
                        "Link base URL must be an https:// URL with a host, not \"ftp://am.example.com\"")
                .containsEntry(NotificationField.COVERAGE_BELOW,
                        "Coverage below (%) must be a whole number of percent from 0 to 100, not \"101\"")
                .containsEntry(NotificationField.REPEAT_HOURS, "Repeat an unchanged event after (hours) must be a whole"
                        + " number of hours from 1 to 168, not \"0\"")
                .containsEntry(NotificationField.SYSLOG_HOST,
                        "Syslog host must be a host name or an IP address, not \"bad host!\"")
                .containsEntry(NotificationField.SYSLOG_PORT,
                        "Syslog port must be a whole number from 1 to 65535, not \"70000\"")
                .containsEntry(NotificationField.SYSLOG_TRANSPORT,
                        "Syslog transport must be one of [UDP, TCP], not \"SCTP\"")
                .containsEntry(NotificationField.WEBHOOK_URL, "Webhook URL must be an https:// URL: plain http is only"
                        + " allowed where the deployment property assetmanager.notify.allowPlain is true")
                .containsEntry(NotificationField.WEBHOOK_SECRET,
                        "Webhook shared secret must be 16 to 200 characters (it has 5)")
                .containsEntry(NotificationField.MAIL_TO, "Mail to: \"not-an-address@\" is not a mail address");
        assertThat(errors.get(NotificationField.MAIL_SECURITY)).startsWith("SMTP security must be STARTTLS");
    }

    @Test
    void aStoredSecretGoesOnlyToTheTargetItWasSavedFor() throws Exception {
        NotificationSettingsValues saved = new NotificationSettingsValues("https://am.example.com", null, null, 24,
                false, null, null, SyslogChannel.Transport.UDP, true, "https://hooks.example.com/a", true,
                "smtp.example.com", 587, MailChannel.Security.STARTTLS, "am", "am@example.com", "soc@example.com");
        Stored stored = new Stored(saved, true, true);
        NotificationSettingsForm same = NotificationSettingsForm.of(saved);
        Valid valid = NotificationSettingsValidator.validate(same, stored, false);
        assertThat(valid.webhookSecret()).isNull();
        assertThat(valid.mailPassword()).isNull();

        NotificationSettingsForm moved = NotificationSettingsForm.of(saved);
        moved.setWebhookUrl("https://elsewhere.example.com/a");
        moved.setMailHost("smtp.elsewhere.example.com");
        Map<NotificationField, String> errors = errors(moved, stored, false);
        assertThat(errors).containsEntry(NotificationField.WEBHOOK_SECRET, "Type the shared secret again: the stored"
                + " one is sent only to the URL it was saved for, and Webhook URL changed")
                .containsEntry(NotificationField.MAIL_PASSWORD, "Type the SMTP password again: the stored one is sent"
                        + " only to the server and username it was saved for, and SMTP server changed");
    }

    @Test
    void plainConnectionsWhereTheDeploymentAllowsThem() throws Exception {
        NotificationSettingsForm f = form();
        f.setBaseUrl("http://127.0.0.1:8080/");
        f.setWebhookEnabled(true);
        f.setWebhookUrl("http://127.0.0.1:9999/hook");
        f.setWebhookSecret("sixteen-chars-ok");
        f.setMailSecurity("none");
        Valid valid = NotificationSettingsValidator.validate(f, NOTHING_STORED, true);
        assertThat(valid.values().baseUrl()).as("no trailing slash").isEqualTo("http://127.0.0.1:8080");
        assertThat(valid.values().mailSecurity()).isEqualTo(MailChannel.Security.NONE);
        assertThat(new String(valid.webhookSecret())).isEqualTo("sixteen-chars-ok");
        assertThat(f.typedWebhookSecret()).isEqualTo("sixteen-chars-ok");
        f.clearSecrets();
        assertThat(f.typedWebhookSecret()).isNull();
        assertThat(f.getWebhookSecret()).as("never shown back").isNull();
    }

    @Test
    void recipientsAreKeptCommaSeparatedAndBounded() throws Exception {
        NotificationSettingsForm f = form();
        f.setMailTo("a@example.com;b@example.com\nc@example.com");
        assertThat(NotificationSettingsValidator.validate(f, NOTHING_STORED, false).values().mailRecipients())
                .containsExactly("a@example.com", "b@example.com", "c@example.com");
        f.setMailTo(String.join(",", java.util.Collections.nCopies(21, "x@example.com")));
        assertThatThrownBy(() -> NotificationSettingsValidator.validate(f, NOTHING_STORED, false))
                .hasMessageContaining("Mail to may hold at most 20 addresses (it has 21)");
    }

    @Test
    void theAuditListsChangedFieldsAndSecretsOnlyAsChanged() {
        NotificationSettingsValues after = new NotificationSettingsValues("https://am.example.com", 90, null, 24,
                true, "siem.example.com", 514, SyslogChannel.Transport.UDP, false, null, false, null, null,
                MailChannel.Security.STARTTLS, null, null, null);
        assertThat(DEFAULTS.changedFields(after, true, false)).containsExactly(NotificationField.BASE_URL,
                NotificationField.COVERAGE_BELOW, NotificationField.SYSLOG_ENABLED, NotificationField.SYSLOG_HOST,
                NotificationField.SYSLOG_PORT, NotificationField.WEBHOOK_SECRET);
        NotificationAuditEntry secret = new NotificationAuditEntry(null, "admin", NotificationField.WEBHOOK_SECRET,
                DEFAULTS, after);
        assertThat(secret.getOldValue()).isNull();
        assertThat(secret.getNewValue()).isEqualTo("changed");
        assertThat(secret.describe()).isEqualTo("Webhook shared secret changed");
        assertThat(new NotificationAuditEntry(null, "admin", NotificationField.SYSLOG_PORT, DEFAULTS, after).describe())
                .isEqualTo("Syslog port: (empty) → 514");
    }
}
