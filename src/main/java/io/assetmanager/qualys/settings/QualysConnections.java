package io.assetmanager.qualys.settings;

import io.assetmanager.platform.DeploymentProperties;
import io.assetmanager.qualys.api.QualysClient;
import io.assetmanager.qualys.api.QualysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;

/** Opens a Qualys client from the stored settings and the deployment properties. */
@ApplicationScoped
public class QualysConnections {

    @Inject
    private SecretCipher cipher;

    /**
     * @throws IllegalStateException naming what is missing when the settings are incomplete
     * @throws IllegalArgumentException when a stored value is not acceptable (say, a plain-HTTP server)
     */
    public QualysClient open(QualysSettings settings) {
        return open(settings, builder(settings));
    }

    /**
     * A client for the settings page's connection test: one attempt per call, because an admin waiting on the page
     * wants Qualys's answer now, not after the retries a background run would make.
     */
    public QualysClient openForCheck(QualysSettings settings) {
        return open(settings, builder(settings).maxAttempts(1));
    }

    /**
     * A client for testing credentials before they are saved (one attempt, as {@link #openForCheck(QualysSettings)}):
     * the server and user name of the form, and the password typed or else the stored one.
     */
    public QualysClient openForCheck(String server, String username, char[] password) {
        return new QualysClient(builder(server, username).maxAttempts(1).password(password).build());
    }

    private QualysConfig.Builder builder(QualysSettings settings) {
        if (settings.getServerName() == null || settings.getUsername() == null || settings.getPasswordCiphertext() == null) {
            throw new IllegalStateException("The Qualys integration is not configured: server name, user name and "
                    + "password are needed (Settings > Integrations > Qualys)");
        }
        return builder(settings.getServerName(), settings.getUsername());
    }

    private QualysClient open(QualysSettings settings, QualysConfig.Builder builder) {
        char[] password = cipher.decrypt(settings.getPasswordCiphertext());
        try {
            return new QualysClient(builder.password(password).build());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static QualysConfig.Builder builder(String server, String username) {
        return QualysConfig.builder()
                .server(server)
                .allowPlainHttp(DeploymentProperties.allowPlainHttpToQualys())
                .username(username)
                .hostListApiVersion(DeploymentProperties.qualysHostListApiVersion())
                .truncationLimit(DeploymentProperties.qualysTruncationLimit())
                .maxPostBytes(DeploymentProperties.qualysMaxPostBytes())
                .connectTimeout(DeploymentProperties.qualysConnectTimeout())
                .readTimeout(DeploymentProperties.qualysReadTimeout())
                .maxRateLimitWait(DeploymentProperties.qualysMaxRateLimitWait())
                .retryBackoff(DeploymentProperties.qualysRetryBackoff())
                .concurrencyBackoff(DeploymentProperties.qualysConcurrencyBackoff());
    }
}
