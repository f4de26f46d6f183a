package io.assetmanager.qualys.settings;

import io.assetmanager.platform.DeploymentProperties;
import io.assetmanager.platform.Exceptions;
import io.assetmanager.platform.Times;
import io.assetmanager.qualys.api.QualysClient;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.settings.QualysSettingsValidator.InvalidSettingsException;
import io.assetmanager.qualys.settings.QualysSettingsValidator.Valid;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Saves the Qualys settings from the page and checks them against Qualys. Runs outside a transaction: the write
 * commits in {@link QualysSettingsRepository#save} before the scheduler re-reads the settings, and the connection
 * test (a network call) holds no transaction open.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QualysSettingsService {

    /** The product document's words for a working configuration. */
    public static final String CONFIGURED_PROPERLY = "Product configured properly.";

    private static final Logger LOG = Logger.getLogger(QualysSettingsService.class.getName());

    @Inject
    private QualysSettingsRepository repository;
    @Inject
    private Event<QualysSettingsSaved> saved;
    @Inject
    private SecretCipher cipher;
    @Inject
    private QualysConnections connections;

    /** The outcome of a connection test, worded for the admin. */
    public record ConnectionTest(boolean ok, String message) {
    }

    /** Someone else saved the settings after this form was filled. */
    public static final class StaleSettingsException extends Exception {
        public StaleSettingsException(String message) {
            super(message);
        }
    }

    /**
     * Qualys did not accept the new server name, username or password before the save: nothing was saved, and the
     * stored credentials, which worked, stay in use.
     */
    public static final class CredentialsNotSavedException extends Exception {
        public CredentialsNotSavedException(String message) {
            super(message);
        }
    }

    /** The stored settings as a form, without the password. */
    public QualysSettingsForm form() {
        return QualysSettingsForm.of(repository.current());
    }

    /**
     * Validates every field, then stores the settings and one audit row per changed field, and replaces the sync
     * timer. The typed password is cleared from the form whatever happens.
     *
     * @return what changed, in the page's order; empty when nothing did
     * @throws InvalidSettingsException with every field's problem; nothing was saved
     * @throws StaleSettingsException   when another save came after the form was filled; nothing was saved
     * @throws CredentialsNotSavedException when the server name, username or password changed and Qualys did not
     *                                      accept them; nothing was saved
     */
    public List<SettingsChange> save(QualysSettingsForm form, String user)
            throws InvalidSettingsException, StaleSettingsException, CredentialsNotSavedException {
        QualysSettings settings = repository.current();
        Valid valid;
        try {
            valid = QualysSettingsValidator.validate(form, QualysSettingsValidator.StoredPassword.of(settings),
                    DeploymentProperties.allowPlainHttpToQualys());
        } finally {
            form.clearPassword();
        }
        char[] password = valid.password();
        try {
            if (!sameInstant(form.getBasedOn(), settings.getUpdatedAt())) {
                throw stale(settings);
            }
            SettingsValues before = settings.values();
            SettingsValues after = valid.values();
            // The same password typed again for another server or user is a change: the audit records it.
            boolean passwordChanged = password != null
                    && (!storedPasswordEquals(settings, password) || !before.sameConnection(after));
            List<SettingsChange> changes = before.changesTo(after, passwordChanged);
            // A key rotation finishes with a save: the password is encrypted again with the current key.
            boolean reencrypt = !passwordChanged && cipher.needsReencryption(settings.getPasswordCiphertext());
            if (changes.isEmpty() && !reencrypt) {
                return changes;
            }
            if (passwordChanged || !before.sameConnection(after)) {
                testBeforeSaving(after, password, settings);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            settings.setValues(after);
            if (passwordChanged) {
                settings.setPasswordCiphertext(cipher.encrypt(password));
            } else if (reencrypt) {
                char[] stored = cipher.decrypt(settings.getPasswordCiphertext());
                settings.setPasswordCiphertext(cipher.encrypt(stored));
                Arrays.fill(stored, '\0');
            }
            if (after.enabled() && !before.enabled()) {
                settings.setEnabledSince(now);
            }
            if (passwordChanged || !before.sameConnection(after)) {
                settings.setCredentialsRejected(false);
            }
            settings.markUpdated(user, now);
            try {
                repository.save(settings, changes, user, now);
            } catch (EJBException e) {
                if (Exceptions.causedBy(e, OptimisticLockException.class)) {
                    throw stale(repository.current());
                }
                throw e;
            }
            if (!changes.isEmpty()) {
                LOG.info(() -> "Qualys settings changed by " + user + ": "
                        + changes.stream().map(SettingsChange::describe).collect(Collectors.joining("; ")));
            }
            return changes;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            saved.fire(new QualysSettingsSaved(user));
        }
    }

    /**
     * Logs in to the Qualys platform being saved with the new credentials (the typed password, or the stored one
     * when only the server's URL form changed) before they replace the stored ones: a wrong password must not
     * replace a working one and stop the sync. One call, one attempt.
     */
    private void testBeforeSaving(SettingsValues after, char[] typed, QualysSettings settings)
            throws CredentialsNotSavedException {
        char[] password = typed != null ? typed : cipher.decrypt(settings.getPasswordCiphertext());
        try (QualysClient client = connections.openForCheck(after.serverName(), after.username(), password)) {
            client.testConnection();
        } catch (QualysException.BadCredentials e) {
            throw new CredentialsNotSavedException("Nothing was saved: Qualys refused the new credentials: "
                    + qualysWords(e) + ". The stored credentials stay in use.");
        } catch (QualysException e) {
            throw new CredentialsNotSavedException("Nothing was saved: the new credentials could not be tested: "
                    + (e.qualysText().isPresent() || e.qualysCode().isPresent() ? qualysWords(e) : e.getMessage())
                    + ". The stored credentials stay in use.");
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CredentialsNotSavedException("Nothing was saved: " + e.getMessage());
        } finally {
            if (typed == null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Re-typing the stored password is not a change (and keeps a Qualys rejection standing). */
    private boolean storedPasswordEquals(QualysSettings settings, char[] typed) {
        if (settings.getPasswordCiphertext() == null) {
            return false;
        }
        char[] stored;
        try {
            stored = cipher.decrypt(settings.getPasswordCiphertext());
        } catch (IllegalStateException e) {
            // Made with a key this deployment no longer has: the typed one replaces it.
            return false;
        }
        try {
            return Arrays.equals(stored, typed);
        } finally {
            Arrays.fill(stored, '\0');
        }
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }

    private StaleSettingsException stale(QualysSettings now) {
        return new StaleSettingsException(staleMessage(now, now.getUpdatedAt() == null ? List.of()
                : repository.fieldsChangedAt(now.getUpdatedAt())));
    }

    /**
     * Why a save was refused, naming who changed which fields when: a save on this page, or IPs rejected on the
     * Approvals page (which adds them to the Exclusions).
     */
    static String staleMessage(QualysSettings now, List<String> fields) {
        String who = now.getUpdatedBy() == null ? "someone" : now.getUpdatedBy();
        String what = fields.isEmpty() ? "changed the settings" : "changed " + String.join(", ", fields);
        return "Nothing was saved: " + who + " " + what + (now.getUpdatedAt() == null ? ""
                : " at " + Times.format(now.getUpdatedAt())) + " after this page was opened. Reload the page to see"
                + " the values now, then make your change again.";
    }

    /**
     * Asks Qualys whether the stored server, user name and password work. A refusal of the credentials is recorded,
     * so the scheduler stops using them (repeated bad logins lock Qualys accounts); a success lifts it.
     */
    public ConnectionTest testConnection() {
        QualysSettings settings = repository.current();
        try (QualysClient client = connections.openForCheck(settings)) {
            client.testConnection();
            if (settings.isCredentialsRejected()) {
                repository.clearCredentialsRejected();
            }
            return new ConnectionTest(true, CONFIGURED_PROPERLY);
        } catch (QualysException.BadCredentials e) {
            repository.markCredentialsRejected();
            return new ConnectionTest(false, "Qualys refused the login: " + qualysWords(e)
                    + ". The scheduler will not use these credentials until the server name, username or password"
                    + " change.");
        } catch (QualysException e) {
            return new ConnectionTest(false, e.qualysText().isPresent() || e.qualysCode().isPresent()
                    ? "Qualys refused the connection test: " + qualysWords(e) + "." : e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new ConnectionTest(false, e.getMessage());
        }
    }

    /** Qualys's own text and code, e.g. {@code Bad Login/Password (code 2000)}. */
    static String qualysWords(QualysException e) {
        String text = e.qualysText().orElse(e.httpStatus() > 0 ? "HTTP " + e.httpStatus() : e.getMessage());
        return e.qualysCode().map(code -> text + " (code " + code + ")").orElse(text);
    }
}
