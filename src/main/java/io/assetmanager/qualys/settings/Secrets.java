package io.assetmanager.qualys.settings;

import io.assetmanager.platform.DeploymentProperties;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the deployment's {@link SecretCipher} injectable; the key is read (or created) once. */
@ApplicationScoped
public class Secrets {

    private volatile SecretCipher cipher;

    @Produces
    public SecretCipher cipher() {
        SecretCipher c = cipher;
        if (c == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = SecretCipher.fromEnvironmentOrFile(System.getenv(), DeploymentProperties.secretKeyFile());
                }
                c = cipher;
            }
        }
        return c;
    }
}
