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
        if (settings.getServerName() == null || settings.getUsername() == null || settings.getPasswordCiphertext() == null) {
            throw new IllegalStateException("The Qualys integration is not configured: server name, user name and "
                    + "password are needed (Settings > Integrations > Qualys)");
        }
        char[] password = cipher.decrypt(settings.getPasswordCiphertext());
        try {
            return new QualysClient(config(settings.getServerName(), settings.getUsername(), password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public static QualysConfig config(String server, String username, char[] password) {
        return QualysConfig.builder()
                .server(server)
                .allowPlainHttp(DeploymentProperties.allowPlainHttpToQualys())
                .username(username)
                .password(password)
                .hostListApiVersion(DeploymentProperties.qualysHostListApiVersion())
                .truncationLimit(DeploymentProperties.qualysTruncationLimit())
                .connectTimeout(DeploymentProperties.qualysConnectTimeout())
                .readTimeout(DeploymentProperties.qualysReadTimeout())
                .maxRateLimitWait(DeploymentProperties.qualysMaxRateLimitWait())
                .build();
    }
}
