package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The packaged WAR on Payara Micro: Flyway builds the schema, the first users are created through JPA at start-up,
 * and logging in reads them back; pages need a form login, the API needs HTTP Basic, settings need an admin.
 * Users are managed on the Users page (in Chromium) and through {@code /api/v1/users}.
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
    void adminLogsInWithTheFirstStartPasswordAndGetsASessionOnlyThen() {
        WebSession admin = app.anonymous();
        admin.get("/inventory.xhtml");
        assertThat(admin.sessionId()).as("a session before the login").isEmpty();

        HttpResponse<String> login = admin.postForm("/login", "username", "admin", "password", Deployments.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/inventory.xhtml");
        assertThat(admin.sessionId()).isPresent();

        HttpResponse<String> dashboard = admin.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<title>Dashboard · Asset Manager</title>", "> Inventory</a>",
                "> Sync history</a>", "> Settings: Qualys</a>", "admin");
        assertThat(admin.get("/settings/qualys.xhtml").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefused() {
        WebSession someone = app.anonymous();
        HttpResponse<String> login = someone.logIn("admin", "not-the-password");
        assertThat(login.headers().firstValue("Location").orElseThrow()).contains("/login.xhtml?failed=true");
        assertThat(someone.get("/").statusCode()).isEqualTo(302);
        assertThat(someone.logIn("nobody", Deployments.ADMIN_PASSWORD).headers().firstValue("Location").orElseThrow())
                .contains("/login.xhtml?failed=true");
    }

    @Test
    void viewerSeesPagesButNotSettings() {
        WebSession viewer = app.anonymous();
        viewer.logIn("viewer", Deployments.VIEWER_PASSWORD);
        HttpResponse<String> dashboard = viewer.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("viewer").doesNotContain("Settings: Qualys", "settings/qualys");
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

    // ----------------------------------------------------------------------------------------------- users

    private static final String PAGE_USER = "page.viewer";
    private static final String FIRST_PASSWORD = "first-Pass-4u7q";
    private static final String NEW_PASSWORD = "second-Pass-9k2w";

    @Test
    void anAdminAddsAViewerOnTheUsersPageWhoSeesNoSettingsAndChangesTheirPassword() {
        Browser browser = app.browser("admin");
        WebDriver page = browser.driver();
        browser.open("/settings/users.xhtml");
        assertThat(page.findElement(By.id("usersForm:users")).getText()).contains("admin", "viewer");

        page.findElement(By.id("usersForm:newUsername")).sendKeys(PAGE_USER);
        page.findElement(By.id("usersForm:newPassword")).sendKeys("too-short");
        browser.clickAndWait(page.findElement(By.id("usersForm:add")));
        assertThat(result(page)).isEqualTo("Nothing changed: Password has 9 characters; at least 12 are needed.");
        assertThat(page.findElement(By.id("usersForm:users")).getText()).doesNotContain(PAGE_USER);
        page.findElement(By.id("usersForm:newPassword")).sendKeys("password1234");
        browser.clickAndWait(page.findElement(By.id("usersForm:add")));
        assertThat(result(page)).startsWith(
                "Nothing changed: Password is too easy to guess: This is a top-10 common password.");
        page.findElement(By.id("usersForm:newPassword")).sendKeys(FIRST_PASSWORD);
        browser.clickAndWait(page.findElement(By.id("usersForm:add")));
        assertThat(result(page)).isEqualTo("Added viewer '" + PAGE_USER + "'.");
        assertThat(row(page, PAGE_USER).getText()).contains("viewer", "Enabled", "Never");

        // The only enabled admin can be neither deleted nor made a viewer.
        browser.clickAndWait(row(page, "admin").findElement(By.xpath(".//button[.//span[text()='Delete']]")));
        browser.clickAndWait(page.findElement(By.id("usersForm:confirmYes")));
        assertThat(result(page)).isEqualTo("Nothing changed: 'admin' is the last enabled admin and cannot be deleted:"
                + " make another user an admin first.");
        browser.clickAndWait(row(page, "admin").findElement(By.xpath(".//button[.//span[text()='Make viewer']]")));
        assertThat(result(page)).contains("'admin' is the last enabled admin and cannot be made a viewer");
        assertThat(row(page, "admin").getText()).contains("admin", "Enabled");

        // The new viewer logs in: no settings, no Users page.
        browser.logIn(PAGE_USER, FIRST_PASSWORD);
        assertThat(page.findElements(By.id("menuForm:menuUsers"))).isEmpty();
        assertThat(page.findElements(By.id("menuForm:menuQualys"))).isEmpty();
        assertThat(browser.pageSource()).contains(PAGE_USER).doesNotContain("settings/qualys", "settings/users");
        WebSession viewerSession = app.anonymous();
        assertThat(viewerSession.logIn(PAGE_USER, FIRST_PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("login.xhtml");
        assertThat(viewerSession.get("/settings/users.xhtml").statusCode()).isEqualTo(403);
        assertThat(viewerSession.get("/settings/qualys.xhtml").statusCode()).isEqualTo(403);

        // ... and changes their password on the Password page (the current one is required).
        browser.open("/account.xhtml");
        page.findElement(By.id("accountForm:currentPassword")).sendKeys("not-my-password");
        page.findElement(By.id("accountForm:newPassword")).sendKeys(NEW_PASSWORD);
        page.findElement(By.id("accountForm:repeatPassword")).sendKeys(NEW_PASSWORD);
        browser.clickAndWait(page.findElement(By.id("accountForm:changePassword")));
        assertThat(page.findElement(By.id("accountForm:resultText")).getText())
                .isEqualTo("Password not changed: Current password is wrong.");
        page.findElement(By.id("accountForm:currentPassword")).sendKeys(FIRST_PASSWORD);
        page.findElement(By.id("accountForm:newPassword")).sendKeys(NEW_PASSWORD);
        page.findElement(By.id("accountForm:repeatPassword")).sendKeys(NEW_PASSWORD);
        browser.clickAndWait(page.findElement(By.id("accountForm:changePassword")));
        assertThat(page.findElement(By.id("accountForm:resultText")).getText()).isEqualTo("Your password is changed.");
        // The session that changed it goes on; the user's other session, logged in with the old password, ends.
        browser.open("/");
        assertThat(browser.pageSource()).contains("<title>Dashboard · Asset Manager</title>");
        HttpResponse<String> otherSession = viewerSession.get("/");
        assertThat(otherSession.statusCode()).as("the other session after the password change").isEqualTo(302);
        assertThat(otherSession.headers().firstValue("Location").orElseThrow()).endsWith("/login.xhtml");

        browser.logOut();
        browser.logIn(PAGE_USER, NEW_PASSWORD);
        assertThat(browser.pageSource()).contains("<title>Dashboard · Asset Manager</title>");
        assertThat(app.anonymous().logIn(PAGE_USER, FIRST_PASSWORD).headers().firstValue("Location").orElseThrow())
                .contains("/login.xhtml?failed=true");

        // Disabled by an admin: the viewer's open session ends at its next request; then deleted.
        viewerSession = app.anonymous();
        viewerSession.logIn(PAGE_USER, NEW_PASSWORD);
        browser.logIn("admin", Deployments.ADMIN_PASSWORD);
        browser.open("/settings/users.xhtml");
        assertThat(viewerSession.get("/").statusCode()).isEqualTo(200);
        browser.clickAndWait(row(page, PAGE_USER).findElement(By.xpath(".//button[.//span[text()='Disable']]")));
        assertThat(result(page)).isEqualTo("'" + PAGE_USER + "' is disabled: their sessions end at their next request.");
        assertThat(row(page, PAGE_USER).getText()).contains("Disabled");
        HttpResponse<String> ended = viewerSession.get("/");
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/login.xhtml");
        assertThat(app.anonymous().logIn(PAGE_USER, NEW_PASSWORD).headers().firstValue("Location").orElseThrow())
                .contains("/login.xhtml?failed=true");

        browser.clickAndWait(row(page, PAGE_USER).findElement(By.xpath(".//button[.//span[text()='Delete']]")));
        browser.clickAndWait(page.findElement(By.id("usersForm:confirmYes")));
        assertThat(result(page)).isEqualTo("Deleted '" + PAGE_USER + "'.");
        assertThat(page.findElement(By.id("usersForm:users")).getText()).doesNotContain(PAGE_USER);
        String audit = page.findElement(By.id("usersForm:audit")).getText();
        assertThat(audit).contains(PAGE_USER + " deleted", PAGE_USER + " disabled", PAGE_USER + " password changed",
                PAGE_USER + " added as viewer").doesNotContain(FIRST_PASSWORD, NEW_PASSWORD);
        browser.screenshot("users");
    }

    private static String result(WebDriver page) {
        return page.findElement(By.id("usersForm:result")).getText();
    }

    /** The Users table's row of this user. */
    private static WebElement row(WebDriver page, String username) {
        return page.findElement(By.xpath("//*[@id='usersForm:users']//tr[.//span[@class='am-username' and text()='"
                + username + "']]"));
    }

    @Test
    void theUsersApiManagesUsersForAdminsOnlyWithClearErrors() {
        SyncApi admin = app.api();
        String password = "api-Pass-77x1q";
        assertThat(app.api("viewer").get("/api/v1/users").statusCode()).isEqualTo(403);
        assertThat(app.api("viewer").send("POST", "/api/v1/users", "application/json", user("api.x", "viewer",
                password)).body()).contains("Only an admin can manage users.");

        HttpResponse<String> added = admin.send("POST", "/api/v1/users", "application/json",
                user("api.viewer", "viewer", password));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/users/api.viewer");
        JsonObject created = SyncApi.json(added);
        assertThat(created.getString("role")).isEqualTo("viewer");
        assertThat(created.getBoolean("enabled")).isTrue();
        assertThat(created.toString()).doesNotContain(password, "hash");
        assertThat(app.anonymous().getWithBasic("/api/v1/me", "api.viewer", password).body())
                .contains("\"role\":\"viewer\"");
        assertThat(SyncApi.json(admin.get("/api/v1/users/api.viewer")).isNull("lastLoginAt")).isFalse();

        assertError(admin.send("POST", "/api/v1/users", "application/json", user("API.Viewer", "viewer", password)),
                409, "User name 'API.Viewer' is taken (by 'api.viewer'; user names must differ by more than case).");
        assertError(admin.send("POST", "/api/v1/users", "application/json", user("api.weak", "viewer", "short")),
                400, "Password has 5 characters; at least 12 are needed.");
        assertError(admin.send("POST", "/api/v1/users", "application/json", user("api.guess", "viewer",
                "abcdefghijkl")), 400, "Password is too easy to guess: Sequences like abc or 6543 are easy to guess."
                        + " Use a longer phrase of uncommon words, or a password manager's random password.");
        assertError(admin.send("POST", "/api/v1/users", "application/json", user("api.role", "root", password)),
                400, "Role must be admin or viewer, not 'root'.");
        assertError(admin.send("POST", "/api/v1/users", "application/json", "{\"username\":\"x\",\"admin\":true}"),
                400, "Unknown field 'admin'; known: password, role, username.");
        HttpResponse<String> broken = admin.send("POST", "/api/v1/users", "application/json", "{\"username\":");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("The body is not valid JSON (line 1, column ");
        assertError(admin.send("POST", "/api/v1/users", "application/json", "{\"username\":\""
                + "x".repeat(5000) + "\"}"), 413, "The body is larger than 4096 bytes.");
        assertError(admin.send("PATCH", "/api/v1/users/nobody", "application/json", "{\"enabled\":false}"), 404,
                "There is no user 'nobody'.");
        assertError(admin.send("PATCH", "/api/v1/users/api.viewer", "application/json", "{\"enabled\":\"no\"}"),
                400, "Field 'enabled' must be true or false.");
        assertError(admin.delete("/api/v1/users/nobody"), 404, "There is no user 'nobody'.");
        assertError(admin.send("PATCH", "/api/v1/users/admin", "application/json", "{\"role\":\"viewer\"}"), 409,
                "'admin' is the last enabled admin and cannot be made a viewer: make another user an admin first.");

        // A change of several fields is made whole or not at all.
        assertError(admin.send("PATCH", "/api/v1/users/api.viewer", "application/json",
                "{\"role\":\"admin\",\"password\":\"short\"}"), 400, "Password has 5 characters; at least 12 are needed.");
        assertThat(SyncApi.json(admin.get("/api/v1/users/api.viewer")).getString("role")).isEqualTo("viewer");
        HttpResponse<String> promoted = admin.send("PATCH", "/api/v1/users/api.viewer", "application/json",
                "{\"role\":\"admin\",\"password\":\"" + password + "-2\"}");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(SyncApi.json(promoted).getString("role")).isEqualTo("admin");
        assertThat(app.anonymous().getWithBasic("/api/v1/users", "api.viewer", password + "-2").statusCode())
                .isEqualTo(200);
        // A page session of the user, logged in before an admin resets the password, ends at its next request.
        WebSession pages = app.anonymous();
        pages.logIn("api.viewer", password + "-2");
        assertThat(pages.get("/").statusCode()).isEqualTo(200);
        assertThat(admin.send("PATCH", "/api/v1/users/api.viewer", "application/json",
                "{\"password\":\"" + password + "-3\"}").statusCode()).isEqualTo(200);
        assertThat(pages.get("/").statusCode()).as("the session of the reset password").isEqualTo(302);
        assertThat(app.anonymous().getWithBasic("/api/v1/users", "api.viewer", password + "-3").statusCode())
                .isEqualTo(200);

        HttpResponse<String> disabled = admin.send("PATCH", "/api/v1/users/api.viewer", "application/json",
                "{\"enabled\":false}");
        assertThat(SyncApi.json(disabled).getBoolean("enabled")).isFalse();
        assertThat(app.anonymous().getWithBasic("/api/v1/me", "api.viewer", password + "-3").statusCode())
                .isEqualTo(401);
        assertThat(admin.delete("/api/v1/users/api.viewer").statusCode()).isEqualTo(204);
        assertThat(admin.get("/api/v1/users/api.viewer").statusCode()).isEqualTo(404);
        assertThat(SyncApi.json(admin.get("/api/v1/users")).getJsonArray("users").stream()
                .map(u -> u.asJsonObject().getString("username")).toList()).contains("admin", "viewer")
                .doesNotContain("api.viewer");
    }

    private static String user(String username, String role, String password) {
        return jakarta.json.Json.createObjectBuilder().add("username", username).add("role", role)
                .add("password", password).build().toString();
    }

    private static void assertError(HttpResponse<String> answer, int status, String error) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(answer.body()))) {
            assertThat(reader.readObject().getString("error")).isEqualTo(error);
        }
    }
}
