package io.assetmanager.security;

import jakarta.inject.Inject;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * Creates the first user, {@code admin}, when the database has none: its password comes from the environment
 * variable {@code ASSETMANAGER_ADMIN_PASSWORD}, or is generated and logged this once. With
 * {@code ASSETMANAGER_VIEWER_PASSWORD} set, a read-only {@code viewer} is created beside it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class FirstUsers {

    static final String ADMIN_PASSWORD_VARIABLE = "ASSETMANAGER_ADMIN_PASSWORD";
    static final String VIEWER_PASSWORD_VARIABLE = "ASSETMANAGER_VIEWER_PASSWORD";
    private static final Logger LOG = Logger.getLogger(FirstUsers.class.getName());

    @Inject
    private UserRepository users;

    @PostConstruct
    void createWhenEmpty() {
        if (users.count() > 0) {
            return;
        }
        String password = System.getenv(ADMIN_PASSWORD_VARIABLE);
        if (password == null || password.isBlank()) {
            byte[] random = new byte[15];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            users.create("admin", password.toCharArray(), Role.ADMIN);
            LOG.warning("Created the first user 'admin' with the generated password " + password
                    + " . It is shown only this once; set " + ADMIN_PASSWORD_VARIABLE
                    + " before the first start to choose it instead.");
        } else {
            users.create("admin", password.toCharArray(), Role.ADMIN);
            LOG.info("Created the first user 'admin' with the password from " + ADMIN_PASSWORD_VARIABLE + ".");
            warnIfWeak("admin", password, ADMIN_PASSWORD_VARIABLE);
        }
        String viewerPassword = System.getenv(VIEWER_PASSWORD_VARIABLE);
        if (viewerPassword != null && !viewerPassword.isBlank()) {
            users.create("viewer", viewerPassword.toCharArray(), Role.VIEWER);
            LOG.info("Created the read-only user 'viewer' with the password from " + VIEWER_PASSWORD_VARIABLE + ".");
            warnIfWeak("viewer", viewerPassword, VIEWER_PASSWORD_VARIABLE);
        }
    }

    /** Passwords from the environment are taken as they are (automation relies on them), but a weak one is told. */
    private static void warnIfWeak(String username, String password, String variable) {
        UserRules.passwordProblem(username, password).ifPresent(problem -> LOG.warning("The password from "
                + variable + " is weaker than the Users page allows (" + problem + " " + UserRules.PASSWORD_RULE
                + "): change it on the Password page."));
    }
}
