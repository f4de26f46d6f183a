package io.assetmanager.notify;

import io.assetmanager.platform.DeploymentProperties;
import io.assetmanager.platform.Exceptions;
import io.assetmanager.notify.NotificationSettingsValidator.InvalidNotificationSettingsException;
import io.assetmanager.notify.NotificationSettingsValidator.Stored;
import io.assetmanager.notify.NotificationSettingsValidator.Valid;
import io.assetmanager.qualys.settings.SecretCipher;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Saves the Notifications settings (validated, audited, secrets encrypted) and sends a test through one channel.
 * Outside a transaction: a test is a network call.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationSettingsService {

    private static final Logger LOG = Logger.getLogger(NotificationSettingsService.class.getName());

    @Inject
    private NotificationRepository repository;
    @Inject
    private SecretCipher cipher;

    /** The outcome of a test, worded for the admin. */
    public record TestResult(boolean ok, String message) {
    }

    /** Someone else saved in between; nothing was saved. */
    public static final class StaleNotificationSettingsException extends Exception {
        private static final long serialVersionUID = 1L;

        public StaleNotificationSettingsException(String message) {
            super(message);
        }
    }

    public NotificationSettingsForm form() {
        return NotificationSettingsForm.of(repository.current().values());
    }

    private static Stored stored(NotificationSettings s) {
        return new Stored(s.values(), s.getWebhookSecretCiphertext() != null, s.getMailPasswordCiphertext() != null);
    }

    /**
     * Validates every field, then stores the settings and one audit row per changed field. The typed secrets are
     * cleared from the form whatever happens.
     *
     * @return the audit rows of what changed; empty when nothing did
     */
    public List<NotificationAuditEntry> save(NotificationSettingsForm form, String user)
            throws InvalidNotificationSettingsException, StaleNotificationSettingsException {
        NotificationSettings settings = repository.current();
        Valid valid;
        try {
            valid = NotificationSettingsValidator.validate(form, stored(settings), NotifyProperties.allowPlain());
        } finally {
            form.clearSecrets();
        }
        try {
            NotificationSettingsValues before = settings.values();
            NotificationSettingsValues after = valid.values();
            boolean secretChanged = valid.webhookSecret() != null
                    && !sameSecret(settings.getWebhookSecretCiphertext(), valid.webhookSecret());
            boolean passwordChanged = valid.mailPassword() != null
                    && !sameSecret(settings.getMailPasswordCiphertext(), valid.mailPassword());
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            List<NotificationAuditEntry> changes = new ArrayList<>();
            for (NotificationField f : before.changedFields(after, secretChanged, passwordChanged)) {
                changes.add(new NotificationAuditEntry(now, user, f, before, after));
            }
            if (changes.isEmpty()) {
                return changes;
            }
            settings.setValues(after);
            if (secretChanged) {
                settings.setWebhookSecretCiphertext(cipher.encrypt(valid.webhookSecret()));
            }
            if (passwordChanged) {
                settings.setMailPasswordCiphertext(cipher.encrypt(valid.mailPassword()));
            }
            settings.markUpdated(user, now);
            try {
                repository.save(settings, changes);
            } catch (EJBException e) {
                if (Exceptions.causedBy(e, OptimisticLockException.class)) {
                    throw new StaleNotificationSettingsException("Nothing was saved: someone saved these settings"
                            + " after this page was opened. Reload the page, then make your change again.");
                }
                throw e;
            }
            LOG.info(() -> "Notification settings changed by " + user + ": "
                    + changes.stream().map(NotificationAuditEntry::describe).collect(Collectors.joining("; ")));
            return changes;
        } finally {
            clear(valid.webhookSecret());
            clear(valid.mailPassword());
        }
    }

    private boolean sameSecret(String ciphertext, char[] typed) {
        if (ciphertext == null) {
            return false;
        }
        try {
            char[] stored = cipher.decrypt(ciphertext);
            try {
                return Arrays.equals(stored, typed);
            } finally {
                clear(stored);
            }
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void clear(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * Sends a test notification through one channel as the form describes it (saved or not; an empty secret field
     * uses the stored secret, where the validation allows it), and says what happened: where it went, or the exact
     * error.
     */
    public TestResult sendTest(NotificationSettingsForm form, ChannelKind kind, String user) {
        NotificationSettings settings = repository.current();
        // The channel tested is checked as if it were on, whether or not it is switched on yet; the others not at all.
        Valid valid;
        try {
            valid = NotificationSettingsValidator.validate(form.forTestOf(kind), stored(settings),
                    NotifyProperties.allowPlain());
        } catch (InvalidNotificationSettingsException e) {
            return new TestResult(false, "Not sent: " + e.getMessage());
        }
        char[] secret = valid.webhookSecret();
        char[] password = valid.mailPassword();
        try {
            if (kind == ChannelKind.WEBHOOK && secret == null) {
                secret = cipher.decrypt(settings.getWebhookSecretCiphertext());
            }
            if (kind == ChannelKind.MAIL && password == null && valid.values().mailUsername() != null) {
                password = cipher.decrypt(settings.getMailPasswordCiphertext());
            }
        } catch (IllegalStateException e) {
            return new TestResult(false, "Not sent: " + e.getMessage());
        }
        Channel channel = NotificationChannels.build(valid.values(), kind, secret, password,
                DeploymentProperties.instanceName(), Clock.systemUTC());
        String base = valid.values().baseUrl() == null ? "" : valid.values().baseUrl();
        Notification test = new Notification(NotificationEvent.TEST, "A test from Asset Manager, sent by " + user
                + " from Settings > Notifications. This channel works.", Map.of(),
                base + "/settings/notifications.xhtml", null, Clock.systemUTC().instant());
        try {
            channel.send(test);
            return new TestResult(true, "Test sent to " + NotificationChannels.target(valid.values(), kind) + ".");
        } catch (ChannelException e) {
            return new TestResult(false, "Not sent: " + e.getMessage());
        }
    }
}
