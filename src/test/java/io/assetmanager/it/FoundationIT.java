package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged WAR on Payara Micro: Flyway builds the schema, the first users are created through JPA at start-up,
 * and logging in reads them back; pages need a form login, the API needs HTTP Basic, settings need an admin.
 */
@ExtendWith(ArquillianExtension.class)
class FoundationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.packagedWar();
    }

    @RegisterExtension
    static final AssetManagerExtension app = AssetManagerExtension.forApplication();

    @ArquillianResource
    private URL base;

    @Test
    void pagesSendAnonymousUsersToTheLoginPage() {
        WebSession anonymous = app.anonymous();
        for (String page : new String[] {"/", "/index.xhtml", "/inventory.xhtml", "/sync-history.xhtml",
                "/settings/qualys.xhtml"}) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login.xhtml"));
        }
        HttpResponse<String> login = anonymous.get("/login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<label for=\"username\">User name</label>", "<label for=\"password\">Password</label>");
    }

    @Test
    void adminLogsInWithTheFirstStartPasswordAndGetsANewSession() {
        WebSession admin = app.anonymous();
        admin.get("/inventory.xhtml");
        String before = admin.sessionId().orElseThrow();

        HttpResponse<String> login = admin.postForm("/login", "username", "admin", "password", Deployments.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/inventory.xhtml");
        assertThat(admin.sessionId()).isPresent().get().isNotEqualTo(before);

        HttpResponse<String> dashboard = admin.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<title>Dashboard · Asset Manager</title>", ">Inventory<",
                ">Sync history<", ">Qualys<", "admin");
        assertThat(admin.get("/settings/qualys.xhtml").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefused() {
        WebSession someone = app.anonymous();
        HttpResponse<String> login = someone.logIn("admin", "not-the-password");
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login.xhtml?failed=true");
        assertThat(someone.get("/").statusCode()).isEqualTo(302);
        assertThat(someone.logIn("nobody", Deployments.ADMIN_PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/login.xhtml?failed=true");
    }

    @Test
    void viewerSeesPagesButNotSettings() {
        WebSession viewer = app.anonymous();
        viewer.logIn("viewer", Deployments.VIEWER_PASSWORD);
        HttpResponse<String> dashboard = viewer.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("viewer").doesNotContain(">Qualys<", "settings/qualys");
        assertThat(viewer.get("/settings/qualys.xhtml").statusCode()).isEqualTo(403);
    }

    @Test
    void logoutEndsTheSession() {
        WebSession admin = app.anonymous();
        admin.logIn("admin", Deployments.ADMIN_PASSWORD);
        assertThat(admin.get("/").statusCode()).isEqualTo(200);
        assertThat(admin.postForm("/logout").headers().firstValue("Location").orElseThrow())
                .endsWith("/login.xhtml?loggedOut=true");
        assertThat(admin.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void theApiNeedsBasicCredentials() {
        WebSession client = app.anonymous();
        HttpResponse<String> anonymous = client.get("/api/v1/me");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic realm=\"Asset Manager\""));
        assertThat(client.getWithBasic("/api/v1/me", "admin", "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> viewer = client.getWithBasic("/api/v1/me", "viewer", Deployments.VIEWER_PASSWORD);
        assertThat(viewer.statusCode()).isEqualTo(200);
        assertThat(viewer.body()).contains("\"username\":\"viewer\"", "\"role\":\"viewer\"");
        assertThat(client.getWithBasic("/api/v1/me", "admin", Deployments.ADMIN_PASSWORD).body())
                .contains("\"role\":\"admin\"");
        // Basic calls do not open sessions.
        assertThat(client.sessionId()).isEmpty();
    }

    @Test
    void theServerDescriptorsFromTheOverlayWinInThePackagedWar() throws IOException {
        try (ZipFile war = new ZipFile(new File("target/assetmanager.war"))) {
            ZipEntry descriptor = war.getEntry("WEB-INF/glassfish-web.xml");
            assertThat(descriptor).as("WEB-INF/glassfish-web.xml in the WAR").isNotNull();
            String packaged = new String(war.getInputStream(descriptor).readAllBytes());
            assertThat(packaged).isEqualTo(Files.readString(Path.of("WEB-INF-overrides/payara/glassfish-web.xml")));
            long persistenceUnits = Collections.list(war.entries()).stream()
                    .filter(e -> e.getName().endsWith("META-INF/persistence.xml")).count();
            assertThat(persistenceUnits).isEqualTo(1);
            assertThat(war.getEntry("WEB-INF/jboss-web.xml")).as("WildFly descriptor in the Payara WAR").isNull();
        }
    }
}
