package io.assetmanager.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, exactly as users deploy it. */
public final class Deployments {

    public static final String ADMIN_PASSWORD = "it-admin-password";
    public static final String VIEWER_PASSWORD = "it-viewer-password";

    private Deployments() {
    }

    /** The password the test deployment gives {@code admin} or {@code viewer}. */
    public static String password(String user) {
        return switch (user) {
            case "admin" -> ADMIN_PASSWORD;
            case "viewer" -> VIEWER_PASSWORD;
            default -> throw new IllegalArgumentException("no test user " + user);
        };
    }

    public static WebArchive packagedWar() {
        File war = new File("target/assetmanager.war");
        if (!war.isFile()) {
            throw new IllegalStateException("Run the integration tests after `package`: " + war + " is missing");
        }
        return ShrinkWrap.create(ZipImporter.class, "assetmanager.war").importFrom(war).as(WebArchive.class);
    }
}
