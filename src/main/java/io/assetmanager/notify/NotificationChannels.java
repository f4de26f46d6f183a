package io.assetmanager.notify;

import io.assetmanager.qualys.settings.SecretCipher;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/** Builds a channel from settings and its secret (decrypted only for the send). */
final class NotificationChannels {

    /** The product version CEF lines carry. */
    static final String PRODUCT_VERSION = "0.1";

    private NotificationChannels() {
    }

    /** The channel as configured, or empty while it is off. */
    static Optional<Channel> configured(NotificationSettings settings, ChannelKind kind, SecretCipher cipher,
            String hostname, Clock clock) {
        NotificationSettingsValues v = settings.values();
        return switch (kind) {
            case SYSLOG -> v.syslogEnabled() ? Optional.of(build(v, kind, null, null, hostname, clock))
                    : Optional.empty();
            case WEBHOOK -> v.webhookEnabled()
                    ? Optional.of(build(v, kind, decrypt(cipher, settings.getWebhookSecretCiphertext()), null,
                            hostname, clock)) : Optional.empty();
            case MAIL -> v.mailEnabled()
                    ? Optional.of(build(v, kind, null, decrypt(cipher, settings.getMailPasswordCiphertext()),
                            hostname, clock)) : Optional.empty();
        };
    }

    private static char[] decrypt(SecretCipher cipher, String ciphertext) {
        return ciphertext == null ? null : cipher.decrypt(ciphertext);
    }

    /** A channel from validated values and its secret; the secret arrays are copied, then cleared here. */
    static Channel build(NotificationSettingsValues v, ChannelKind kind, char[] webhookSecret, char[] mailPassword,
            String hostname, Clock clock) {
        try {
            return switch (kind) {
                case SYSLOG -> new SyslogChannel(v.syslogHost(), v.syslogPort(), v.syslogTransport(), PRODUCT_VERSION,
                        hostname, clock);
                case WEBHOOK -> {
                    if (webhookSecret == null) {
                        throw new IllegalStateException("No webhook shared secret is stored");
                    }
                    yield new WebhookChannel(URI.create(v.webhookUrl()), webhookSecret, clock);
                }
                case MAIL -> new MailChannel(v.mailHost(), v.mailPort(), v.mailSecurity(), v.mailUsername(),
                        v.mailUsername() == null ? null : mailPassword, v.mailFrom(), v.mailRecipients());
            };
        } finally {
            if (webhookSecret != null) {
                Arrays.fill(webhookSecret, '\0');
            }
            if (mailPassword != null) {
                Arrays.fill(mailPassword, '\0');
            }
        }
    }

    /** Where a channel sends, for the test's success line. */
    static String target(NotificationSettingsValues v, ChannelKind kind) {
        return switch (kind) {
            case SYSLOG -> "syslog " + v.syslogTransport() + " " + v.syslogHost() + ":" + v.syslogPort()
                    + (v.syslogTransport() == SyslogChannel.Transport.UDP ? " (UDP: no answer is expected)" : "");
            case WEBHOOK -> v.webhookUrl();
            case MAIL -> v.mailTo() + " through " + v.mailHost() + ":" + v.mailPort();
        };
    }
}
