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

    public static WebArchive packagedWar() {
        File war = new File("target/assetmanager.war");
        if (!war.isFile()) {
            throw new IllegalStateException("Run the integration tests after `package`: " + war + " is missing");
        }
        return ShrinkWrap.create(ZipImporter.class, "assetmanager.war").importFrom(war).as(WebArchive.class);
    }
}
