package io.assetmanager.it;

import static io.assetmanager.it.FacesForms.basic;
import static io.assetmanager.it.FacesForms.form;
import static io.assetmanager.it.FacesForms.nonce;
import static io.assetmanager.it.FacesForms.viewState;
import static io.assetmanager.it.SyncApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.HostSource;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The security of the packaged WAR as an attacker and a careless operator would meet it: every page, servlet and REST
 * path (found in the WAR's own classes and pages, so a new one cannot be left out) needs a login and a viewer cannot
 * change what an admin can; cross-site requests are refused; sessions, cookies, headers and error pages; the
 * pages run under the Content-Security-Policy in Chromium; uploads; the Qualys password in the database, the pages
 * and a server log at FINEST; login throttling. The server runs with verbose logging (arquillian.xml,
 * {@code payara-micro-verbose-log}).
 */
@ExtendWith(ServerOutput.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Nothing it checks depends on the database: it runs once, in the H2 pass, to keep CI short.
@DisabledIfSystemProperty(named = "it.db", matches = "postgresql", disabledReason = "runs in the H2 pass")
class SecurityIT {

    /** A value for every path parameter of the REST API; a new parameter needs one here. */
    private static final Map<String, String> PATH_SAMPLES = Map.of(
            "set", "indexed",
            "ip", "10.254.255.254",
            "id", "1",
            "username", "nobody");
    /** Reads that only an admin may make (a viewer gets 403). */
    private static final Set<String> ADMIN_ONLY_READS = Set.of("GET /api/v1/users", "GET /api/v1/users/{username}");
    /** Query strings some pages and servlets need to show something. */
    private static final Map<String, String> QUERIES = Map.of(
            "/coverage.xhtml", "?set=indexed",
            "/coverage/export", "?set=indexed");
    /** What a logged-in viewer gets from a GET of each servlet; a new servlet needs its line here. */
    private static final Map<String, Integer> SERVLETS_FOR_A_VIEWER = Map.of(
            "/login", 302,
            "/logout", 405,
            "/error", 404,
            "/inventory/export.csv", 200,
            "/coverage/export", 200,
            // Without a run and a list it names what is missing.
            "/sync-history/pushed", 400);
    private static final String EVIL_ORIGIN = "http://attacker.example";
    private static final String QUALYS_USER = "sec_qualys_user";
    private static final String QUALYS_PASSWORD = "Qs-Sec!Pw-4f8b1e";
    /** Test addresses; the class removes them at the end (test classes share one database). */
    private static final String TEST_RANGE = "10.254.0.0/16";

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-verbose-log")
    static WebArchive deployment() {
        return Deployments.packagedWar();
    }

    @RegisterExtension
    static final AssetManagerExtension app = AssetManagerExtension.withSimulator(() -> QualysSimulator.start(
            Scenario.builder().credentials(QUALYS_USER, QUALYS_PASSWORD)
                    .subscription(IpRangeSet.parseList("10.254.0.0/24")).hosts(HostSource.of(List.of())).build(), 0));

    @ArquillianResource
    private URL base;

    private boolean switchedOffFirst;

    private Browser adminBrowser() {
        Browser browser = app.browser("admin");
        if (!switchedOffFirst) {
            // Off first: an earlier test class on the same database may have left the integration On.
            QualysSettingsPage.open(browser).enabled(false).submit();
            switchedOffFirst = true;
        }
        return browser;
    }

    @AfterAll
    void removeTestHosts() {
        if (base != null) {
            app.api().delete("/api/v1/indexed-hosts?range=" + TEST_RANGE);
        }
    }

    // ------------------------------------------------------------------------------------- logins and roles

    @Test
    @Order(1)
    void everyPageAndServletSendsAnonymousUsersToTheLoginPage() {
        WebSession anonymous = app.anonymous();
        for (String page : pagesAndServlets()) {
            HttpResponse<String> answer = anonymous.get(page);
            if (page.equals("/login.xhtml")) {
                assertThat(answer.statusCode()).as(page).isEqualTo(200);
                continue;
            }
            assertThat(answer.statusCode()).as("anonymous GET " + page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as("anonymous GET " + page)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login.xhtml"));
        }
        HttpResponse<String> settingsPost = anonymous.postForm("/settings/qualys.xhtml", "settingsForm", "settingsForm");
        assertThat(settingsPost.statusCode()).isEqualTo(302);
    }

    @Test
    @Order(2)
    void everyRestPathAnswers401WithoutCredentials() {
        WebSession client = app.anonymous();
        List<Endpoint> endpoints = restEndpoints();
        assertThat(endpoints).extracting(Endpoint::toString).contains("POST /api/v1/sync/runs",
                "POST /api/v1/indexed-hosts", "DELETE /api/v1/indexed-hosts/{ip}", "GET /api/v1/coverage/{set}/csv");
        for (Endpoint endpoint : endpoints) {
            HttpResponse<String> anonymous = client.send(endpoint.request(base, null).build());
            assertThat(anonymous.statusCode()).as("anonymous " + endpoint).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(endpoint.toString())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"Asset Manager\""));
        }
        // Wrong credentials: 401 (a few only, from a user name of their own: five in a row would lock it).
        for (String user : List.of("admin", "nobody")) {
            HttpResponse<String> wrong = client.send(endpoints.get(0).request(base, basic(user, "not-the-password"))
                    .build());
            assertThat(wrong.statusCode()).as("wrong password for " + user + ": " + endpoints.get(0)).isEqualTo(401);
        }
        // A session from the login form does not open the API: it needs HTTP Basic on every call.
        WebSession admin = app.anonymous();
        admin.logIn("admin", Deployments.ADMIN_PASSWORD);
        assertThat(admin.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aViewerReadsEverythingButChangesNothingThatAnAdminCan() {
        adminBrowser();
        long hostsBefore = hostCount();
        long runsBefore = runCount();
        for (Endpoint endpoint : restEndpoints()) {
            HttpResponse<String> viewer = send(endpoint.request(base, basic("viewer", Deployments.VIEWER_PASSWORD)));
            HttpResponse<String> admin = send(endpoint.request(base, basic("admin", Deployments.ADMIN_PASSWORD)));
            if (endpoint.changes() || ADMIN_ONLY_READS.contains(endpoint.toString())) {
                assertThat(viewer.statusCode()).as("viewer " + endpoint + ": " + viewer.body()).isEqualTo(403);
                assertThat(admin.statusCode()).as("admin " + endpoint + ": " + admin.body())
                        .isNotIn(401, 403).isLessThan(500);
            } else {
                assertThat(viewer.statusCode()).as("viewer " + endpoint + ": " + viewer.body())
                        .isNotIn(401, 403).isLessThan(500);
                assertThat(admin.statusCode()).as("admin " + endpoint).isEqualTo(viewer.statusCode());
            }
        }
        // With a body that an admin's call would apply.
        HttpResponse<String> upload = app.api("viewer").send("POST",
                "/api/v1/indexed-hosts?mode=replace", "text/plain", "10.254.0.1\n");
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.body()).contains("Only an admin can change the inventory");
        assertThat(hostCount()).isEqualTo(hostsBefore);
        assertThat(runCount()).isEqualTo(runsBefore);

        WebSession viewer = app.anonymous();
        viewer.logIn("viewer", Deployments.VIEWER_PASSWORD);
        WebSession admin = app.anonymous();
        admin.logIn("admin", Deployments.ADMIN_PASSWORD);
        for (String page : pagesAndServlets()) {
            String path = page + QUERIES.getOrDefault(page, "");
            HttpResponse<String> asViewer = viewer.get(path);
            HttpResponse<String> asAdmin = admin.get(path);
            if (page.endsWith(".xhtml") || page.equals("/")) {
                assertThat(asViewer.statusCode()).as("viewer GET " + path)
                        .isEqualTo(page.startsWith("/settings/") ? 403 : 200);
                assertThat(asAdmin.statusCode()).as("admin GET " + path).isEqualTo(200);
            } else {
                assertThat(SERVLETS_FOR_A_VIEWER).as("the servlets SecurityIT knows").containsKey(page);
                assertThat(asViewer.statusCode()).as("viewer GET " + path).isEqualTo(SERVLETS_FOR_A_VIEWER.get(page));
                assertThat(asAdmin.statusCode()).as("admin GET " + path).isEqualTo(SERVLETS_FOR_A_VIEWER.get(page));
            }
        }
        assertThat(viewer.postForm("/settings/qualys.xhtml", "settingsForm", "settingsForm").statusCode())
                .isEqualTo(403);
        assertThat(viewer.get("/inventory.xhtml").body()).doesNotContain("uploadForm", "deleteRangeButton");

        // Run now on the Sync history page: an admin's click reaches the action (which refuses while Off); the same
        // request from a viewer, who has no button, does not.
        assertThat(runNowFromTheHistoryPage(admin)).contains("The Qualys integration is Off");
        assertThat(runNowFromTheHistoryPage(viewer)).doesNotContain("integration is Off", "Sync run");
        assertThat(runCount()).isEqualTo(runsBefore);
    }

    private String runNowFromTheHistoryPage(WebSession session) {
        HttpResponse<String> page = session.get("/sync-history.xhtml");
        HttpResponse<String> answer = session.send(HttpRequest.newBuilder(session.resolve("/sync-history.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(form(
                        "history", "history",
                        "jakarta.faces.partial.ajax", "true",
                        "jakarta.faces.source", "history:runNow",
                        "jakarta.faces.partial.execute", "history:runNow",
                        "jakarta.faces.partial.render", "history:growl",
                        "history:runNow", "history:runNow",
                        "primefaces.nonce", nonce(page),
                        "jakarta.faces.ViewState", viewState(page.body())))).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    // ------------------------------------------------------------------------------ sessions, headers, errors

    @Test
    @Order(4)
    void anAnonymousVisitorGetsNoSessionTheLoginMakesOneAndItsCookieIsHttpOnlyAndSameSite() {
        WebSession visitor = app.anonymous();
        HttpResponse<String> first = visitor.get("/inventory.xhtml");
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(visitor.sessionId()).as("a session made for an anonymous request").isEmpty();
        String target = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("am_after_login="))
                .findFirst().orElseThrow(() -> new AssertionError("no after-login cookie in " + first.headers().map()));
        assertThat(target).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(visitor.get("/login.xhtml").statusCode()).isEqualTo(200);
        assertThat(visitor.sessionId()).as("a session made for the login page").isEmpty();

        HttpResponse<String> login = visitor.postForm("/login", "username", "admin", "password",
                Deployments.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).as("back to the page first asked for")
                .endsWith("/inventory.xhtml");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + login.headers().map()));
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .as("Secure only over HTTPS").doesNotContainIgnoringCase("Secure;").doesNotEndWith("Secure");
        WebSession admin = visitor;
        String before = admin.sessionId().orElseThrow();
        assertThat(admin.postForm("/login", "username", "admin", "password", Deployments.ADMIN_PASSWORD).statusCode())
                .isEqualTo(302);
        assertThat(admin.sessionId()).as("a new session id at every login").isPresent().get().isNotEqualTo(before);

        // The view state is kept on the server: the page carries only its key, not the serialized state.
        String viewState = viewState(admin.get("/sync-history.xhtml").body());
        assertThat(viewState).matches("-?\\d+:-?\\d+");
    }

    @Test
    @Order(5)
    void everyAnswerCarriesTheSecurityHeadersAndErrorPagesTellNothingAboutTheServer() {
        WebSession admin = app.anonymous();
        admin.logIn("admin", Deployments.ADMIN_PASSWORD);
        WebSession anonymous = app.anonymous();
        Map<String, HttpResponse<String>> answers = Map.of(
                "dashboard", admin.get("/"),
                "login page", anonymous.get("/login.xhtml"),
                "redirect to the login page", anonymous.get("/inventory.xhtml"),
                "style sheet", anonymous.get("/jakarta.faces.resource/css/app.css.xhtml"),
                "REST answer", anonymous.getWithBasic("/api/v1/me", "viewer", Deployments.VIEWER_PASSWORD),
                "REST 401", anonymous.get("/api/v1/coverage"),
                "CSV export", admin.get("/inventory/export.csv"),
                "404 page", admin.get("/no-such-page"),
                "403 page", app.session("viewer").get("/settings/qualys.xhtml"),
                "400 page", admin.get("/inventory/export.csv?range=not-an-address"));
        answers.forEach((what, answer) -> {
            var headers = answer.headers();
            assertThat(headers.allValues("Content-Security-Policy")).as(what).hasSize(1);
            assertThat(headers.firstValue("Content-Security-Policy").orElseThrow()).as(what)
                    .contains("frame-ancestors 'none'");
            assertThat(headers.firstValue("X-Frame-Options")).as(what).contains("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(what).contains("same-origin");
            assertThat(headers.firstValue("Strict-Transport-Security")).as(what + " over plain HTTP").isEmpty();
            if (!what.equals("style sheet")) {
                assertThat(headers.firstValue("Cache-Control")).as(what + ": kept by no browser or proxy")
                        .contains("no-store");
            }
        });
        assertThat(answers.get("dashboard").headers().firstValue("Content-Security-Policy").orElseThrow())
                .containsPattern("script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+'");
        assertThat(answers.get("REST answer").headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'");

        assertThat(answers.get("404 page").statusCode()).isEqualTo(404);
        assertThat(answers.get("403 page").statusCode()).isEqualTo(403);
        assertThat(answers.get("400 page").statusCode()).isEqualTo(400);
        assertThat(answers.get("400 page").body()).contains("not-an-address");
        for (String what : List.of("404 page", "403 page", "400 page")) {
            assertThat(answers.get(what).body()).as(what)
                    .doesNotContainIgnoringCase("payara").doesNotContainIgnoringCase("exception")
                    .doesNotContain("at io.", "at jakarta.", "6.2025");
            assertThat(answers.get(what).headers().firstValue("X-Powered-By")).as(what).isEmpty();
        }
        HttpResponse<String> apiNotFound = anonymous.getWithBasic("/api/v1/sync/runs/987654321", "viewer",
                Deployments.VIEWER_PASSWORD);
        assertThat(apiNotFound.statusCode()).isEqualTo(404);
        assertThat(apiNotFound.body()).doesNotContainIgnoringCase("payara").doesNotContain("at io.", "6.2025");
        assertThat(admin.get("/error").statusCode()).as("the error page on its own").isEqualTo(404);
    }

    // --------------------------------------------------------------------------------------------- CSRF

    @Test
    @Order(6)
    void aCrossOriginRequestIsRefusedAndChangesNothing() throws IOException {
        String own = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();

        // The API with HTTP Basic: an Origin or Referer from elsewhere is refused, one's own is not.
        for (String[] header : new String[][] {{"Origin", EVIL_ORIGIN}, {"Origin", "null"},
                {"Referer", EVIL_ORIGIN + "/page.html"}}) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(app.anonymous().resolve(
                    "/api/v1/indexed-hosts?mode=merge")).header("Authorization", basic("admin", Deployments.ADMIN_PASSWORD))
                    .header("Content-Type", "text/plain").header(header[0], header[1])
                    .POST(HttpRequest.BodyPublishers.ofString("10.254.0.2\n")));
            assertThat(refused.statusCode()).as(header[0] + ": " + header[1]).isEqualTo(403);
            assertThat(refused.body()).contains("must come from a page of Asset Manager");
        }
        assertThat(hostsIn("10.254.0.2")).isZero();
        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(app.anonymous().resolve(
                "/api/v1/indexed-hosts?mode=merge")).header("Authorization", basic("admin", Deployments.ADMIN_PASSWORD))
                .header("Content-Type", "text/plain").header("Origin", own)
                .POST(HttpRequest.BodyPublishers.ofString("10.254.0.2\n")));
        assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(200);
        assertThat(hostsIn("10.254.0.2")).isEqualTo(1);

        // Pages with the session cookie: the form login itself, a page and the logout.
        WebSession admin = app.anonymous();
        admin.logIn("admin", Deployments.ADMIN_PASSWORD);
        for (String path : List.of("/settings/qualys.xhtml", "/logout", "/login")) {
            HttpResponse<String> refused = admin.send(HttpRequest.newBuilder(admin.resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", EVIL_ORIGIN)
                    .POST(HttpRequest.BodyPublishers.ofString(form("username", "admin", "password",
                            Deployments.ADMIN_PASSWORD))).build());
            assertThat(refused.statusCode()).as("cross-origin POST " + path).isEqualTo(403);
        }
        assertThat(admin.get("/").statusCode()).as("still logged in").isEqualTo(200);

        // A real browser, logged in, on a page of another origin (another port of the same host, so the SameSite
        // cookie goes along) that posts a form to the logout.
        Browser chromium = adminBrowser();
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] page = ("<!DOCTYPE html><html><body><form method=\"post\" action=\"" + own
                    + "/logout\"><button id=\"prize\" type=\"submit\">Claim your prize</button></form></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        try {
            chromium.driver().get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            chromium.driver().findElement(By.id("prize")).click();
            // The attacker's page may still be shown for a moment after the click: wait for the answer's page.
            String refusal = "Refused: a request that changes something must come from a page of Asset Manager";
            String body = Wait.until("the answer to the forged logout", Duration.ofSeconds(30), () -> {
                try {
                    return chromium.driver().findElement(By.tagName("body")).getText();
                } catch (org.openqa.selenium.StaleElementReferenceException
                        | org.openqa.selenium.NoSuchElementException betweenPages) {
                    // The old page's body was replaced, or the new page has none yet.
                    return "";
                }
            }, text -> text.contains(refusal));
            assertThat(body).contains(refusal);
        } finally {
            attacker.stop(0);
        }
        chromium.open("/");
        assertThat(chromium.driver().getTitle()).as("still logged in after the forged logout")
                .isEqualTo("Dashboard · Asset Manager");
    }

    // ---------------------------------------------------------------------------- CSP in a real browser

    @Test
    @Order(7)
    void thePagesWorkUnderTheContentSecurityPolicyWithoutViolations() throws IOException {
        Browser chromium = adminBrowser();
        chromium.console();
        Path upload = Files.createTempFile("security-", ".txt");
        Files.writeString(upload, "10.254.1.1\n10.254.1.2\n");

        chromium.open("/");
        chromium.open("/inventory.xhtml");
        chromium.driver().findElement(By.cssSelector("#uploadForm\\:file input[type=file]")).sendKeys(upload.toString());
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d -> d.findElements(
                By.id("uploadPreviewText")).stream().findFirst().orElse(null));
        chromium.clickAndWait(chromium.driver().findElement(By.id("uploadForm:applyUpload")));
        assertThat(new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d -> d.findElements(
                By.id("uploadForm:uploadSummary")).stream().findFirst().orElse(null)).getText())
                .contains("2 hosts in the upload (merge)");
        chromium.waitForAjax();
        chromium.driver().findElement(By.id("hostsForm:rangeFilter")).sendKeys("10.254.1.0/24");
        chromium.clickAndWait(chromium.driver().findElement(By.id("hostsForm:applyFilter")));
        assertThat(chromium.driver().findElement(By.cssSelector("#hostsForm\\:hosts .ui-paginator-current")).getText())
                .isEqualTo("1-2 of 2 hosts");
        QualysSettingsPage settings = QualysSettingsPage.open(chromium);
        assertThat(settings.preview()).isNotBlank();
        chromium.open("/sync-history.xhtml");
        chromium.open("/coverage.xhtml?set=indexed");
        chromium.clickAndWait(chromium.driver().findElement(By.id("listForm:apply")));

        assertThat(cspViolations(chromium)).as("Content-Security-Policy violations in the browser console").isEmpty();

        // The console does show a violation: a script without the page's nonce is refused and reported.
        ((JavascriptExecutor) chromium.driver()).executeScript("var s = document.createElement('script'); s.textContent = 'window.x = 1';"
                + " document.body.appendChild(s);");
        assertThat(chromium.console()).anyMatch(line -> line.contains("Content Security Policy"));
    }

    private static List<String> cspViolations(Browser chromium) {
        return chromium.console().stream()
                .filter(line -> line.contains("Content Security Policy") || line.contains("Refused to")).toList();
    }

    // ---------------------------------------------------------------------------------- uploads, bodies

    @Test
    @Order(8)
    void hostileUploadsAreRefusedWholeWithTheLineAndFieldAndOddTextIsEscaped() {
        long before = hostCount();
        HttpResponse<String> xxe = app.api().send("POST", "/api/v1/indexed-hosts",
                "application/xml", """
                <?xml version="1.0"?>
                <!DOCTYPE nmaprun [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <nmaprun><host><status state="up"/><address addr="10.254.2.1" addrtype="ipv4"/>
                <hostnames><hostname name="&secret;"/></hostnames></host></nmaprun>
                """);
        assertThat(xxe.statusCode()).isEqualTo(400);
        assertThat(xxe.body()).contains("DOCTYPE").doesNotContain("root:");

        HttpResponse<String> longName = app.api().send("POST", "/api/v1/indexed-hosts",
                "text/csv", "ip,hostname\n10.254.2.2,ok\n10.254.2.3," + "h".repeat(10_000) + "\n");
        assertThat(longName.statusCode()).isEqualTo(400);
        assertThat(longName.body()).contains("\"line\":3", "hostname: longer than 255 characters (10000)");

        HttpResponse<String> emoji = app.api().send("POST", "/api/v1/indexed-hosts",
                "text/csv", "ip,hostname\n10.254.2.4,\u202Eweb\uD83D\uDE00\n");
        assertThat(emoji.statusCode()).isEqualTo(400);
        assertThat(emoji.body()).contains("\"line\":2", "hostname:");

        HttpResponse<String> longSource = app.api().send("POST",
                "/api/v1/indexed-hosts?source=" + "s".repeat(1_000), "text/plain", "10.254.2.5\n");
        assertThat(longSource.statusCode()).isEqualTo(400);
        assertThat(longSource.body()).contains("source: longer than 255 characters");

        HttpResponse<String> tooLarge = app.api().send("POST", "/api/v1/indexed-hosts",
                "text/plain", "10.254.2.6\n".repeat(120_000));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(hostCount()).as("nothing of a refused upload is written").isEqualTo(before);

        // Right-to-left, emoji and markup in a free-text field are stored as they are and shown as text.
        String zone = "\u202Ezone\uD83D\uDE00<img src=x onerror=alert(1)>";
        HttpResponse<String> odd = app.api().send("POST", "/api/v1/indexed-hosts",
                "application/json", Json.createArrayBuilder().add(Json.createObjectBuilder().add("ip", "10.254.2.7")
                        .add("zone", zone)).build().toString());
        assertThat(odd.statusCode()).as(odd.body()).isEqualTo(200);
        Browser chromium = adminBrowser();
        chromium.console();
        chromium.open("/inventory.xhtml");
        chromium.driver().findElement(By.id("hostsForm:rangeFilter")).sendKeys("10.254.2.7");
        chromium.clickAndWait(chromium.driver().findElement(By.id("hostsForm:applyFilter")));
        assertThat(chromium.driver().findElement(By.id("hostsForm:hosts")).getText()).contains("<img src=x");
        assertThat(chromium.driver().findElements(By.cssSelector("#hostsForm\\:hosts img"))).isEmpty();

        // Formula injection: a cell a spreadsheet would run is exported as text.
        assertThat(app.api().send("POST", "/api/v1/indexed-hosts", "text/csv",
                "ip,zone\n10.254.2.8,=cmd|' /C calc'!A0\n").statusCode()).isEqualTo(200);
        WebSession admin = app.session("admin");
        assertThat(admin.get("/inventory/export.csv?range=10.254.2.8").body())
                .contains("'=cmd|").doesNotContain(",=cmd");
        assertThat(admin.get("/coverage/export?set=indexed&range=10.254.2.8").body()).doesNotContain(",=cmd");
    }

    // --------------------------------------------------------------------------------- the Qualys password

    @Test
    @Order(9)
    void theQualysPasswordIsNotStoredInClearNotShownAndNotLoggedAtFinest() throws Exception {
        QualysSimulator sim = app.simulator();
        Browser chromium = adminBrowser();
        QualysSettingsPage settings = QualysSettingsPage.open(chromium).interval("24");
        assertThat(settings.configure("http://127.0.0.1:" + sim.url().getPort(), QUALYS_USER, QUALYS_PASSWORD))
                .contains(QualysSettingsPage.CONFIGURED_PROPERLY);
        HttpResponse<String> started = app.api().send("POST", "/api/v1/sync/runs", null,
                null);
        long runId;
        if (started.statusCode() == 202) {
            runId = json(started).getJsonNumber("runId").longValue();
        } else {
            // The timer started the run that switching On made due.
            assertThat(started.statusCode()).as(started.body()).isEqualTo(409);
            runId = json(app.api().get("/api/v1/sync/runs?limit=1"))
                    .getJsonArray("runs").getJsonObject(0).getJsonNumber("id").longValue();
        }
        JsonObject run = app.api().waitFor(runId);
        assertThat(run.getString("outcome")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(QualysSettingsPage.open(chromium).enabled(false).submit().reload().passwordField()).isEmpty();
        // With a successful run the dashboard draws its history chart, under the same policy.
        chromium.console();
        chromium.open("/");
        assertThat(chromium.driver().findElements(By.cssSelector("svg#historyChart"))).as("history chart").hasSize(1);
        assertThat(cspViolations(chromium)).as("Content-Security-Policy violations on the dashboard").isEmpty();

        Set<String> secrets = secretForms();
        List<String> pages = new ArrayList<>();
        for (String page : List.of("/settings/qualys.xhtml", "/sync-history.xhtml", "/")) {
            chromium.open(page);
            pages.add(chromium.pageSource());
        }
        pages.add(app.api().get("/api/v1/sync/runs/" + runId).body());
        for (String secret : secrets) {
            assertThat(pages).as("pages and API answers").noneMatch(text -> text.contains(secret));
        }
        String database = databaseText();
        assertThat(database).as("the database holds the encrypted password").contains("v1:");
        for (String secret : secrets) {
            assertThat(database).as("the database, in clear or Base64").doesNotContain(secret);
        }

        String log = ServerOutput.text();
        assertThat(log).as("the HTTP client logged the Qualys calls' headers (so this test can see a leak)")
                .contains("Authorization: (redacted)");
        for (String secret : secrets) {
            assertThat(log).as("the server log at FINEST holds the Qualys password or its Base64 form ("
                    + secret.length() + " characters)").doesNotContain(secret);
        }
    }

    /** The password as it could show up: clear, Base64 of user:password (HTTP Basic) and of itself, URL-encoded. */
    private static Set<String> secretForms() {
        Base64.Encoder b64 = Base64.getEncoder();
        byte[] basic = (QUALYS_USER + ":" + QUALYS_PASSWORD).getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>(List.of(QUALYS_PASSWORD, b64.encodeToString(basic),
                b64.withoutPadding().encodeToString(basic), b64.encodeToString(QUALYS_PASSWORD.getBytes(StandardCharsets.UTF_8)),
                URLEncoder.encode(QUALYS_PASSWORD, StandardCharsets.UTF_8)));
        return forms;
    }

    /** Every text value of every table of the server's database, one per line. */
    private static String databaseText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = ServerDatabase.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema == null || schema.equalsIgnoreCase("public")) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(tables).as("tables of the server's database").isNotEmpty();
            for (String table : tables) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            text.append(rs.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return text.toString();
    }

    // ------------------------------------------------------------------------------------ login throttling

    @Test
    @Order(10)
    void repeatedFailedLoginsLockTheUserNameForAWhileAndAreLoggedWithoutThePassword() {
        WebSession someone = app.anonymous();
        HttpResponse<String> last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            last = someone.logIn("viewer", "wrong-guess-" + attempt);
        }
        String locked = last.headers().firstValue("Location").orElseThrow();
        assertThat(locked).contains("/login.xhtml?locked=");
        assertThat(someone.get(locked.substring(locked.indexOf("/login.xhtml"))).body())
                .contains("Too many failed logins for this user name from your address. Try again in");
        // While locked, even the right password is refused, on the form and over HTTP Basic.
        assertThat(someone.logIn("viewer", Deployments.VIEWER_PASSWORD).headers().firstValue("Location").orElseThrow())
                .contains("/login.xhtml?locked=");
        HttpResponse<String> api = someone.getWithBasic("/api/v1/me", "viewer", Deployments.VIEWER_PASSWORD);
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(api.body()).contains("Too many failed logins for 'viewer'");
        long retryAfter = Long.parseLong(api.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isPositive();
        // Others are not locked out.
        assertThat(someone.getWithBasic("/api/v1/me", "admin", Deployments.ADMIN_PASSWORD).statusCode()).isEqualTo(200);

        Wait.until("the lock of " + retryAfter + " s (Retry-After) to pass", Duration.ofSeconds(retryAfter + 60),
                () -> someone.getWithBasic("/api/v1/me", "viewer", Deployments.VIEWER_PASSWORD).statusCode() == 200);
        HttpResponse<String> login = someone.logIn("viewer", Deployments.VIEWER_PASSWORD);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("login.xhtml");

        String log = ServerOutput.text();
        assertThat(log).contains("Failed login (login form) for user name 'viewer' from");
        assertThat(log).contains("5 failure(s) in a row; locked for");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(log).as("a tried password in the log").doesNotContain("wrong-guess-" + attempt);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** A REST resource method: its HTTP method and path template, from the WAR's classes. */
    private record Endpoint(String method, String template) {

        boolean changes() {
            return !Set.of("GET", "HEAD", "OPTIONS").contains(method);
        }

        HttpRequest.Builder request(URL base, String authorization) {
            Matcher m = Pattern.compile("\\{(\\w+)(:[^}]*)?}").matcher(template);
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                String sample = PATH_SAMPLES.get(m.group(1));
                if (sample == null) {
                    throw new AssertionError("No sample value for {" + m.group(1) + "} of " + this
                            + ": add one to SecurityIT.PATH_SAMPLES");
                }
                m.appendReplacement(path, sample);
            }
            m.appendTail(path);
            HttpRequest.Builder request = HttpRequest.newBuilder(new WebSession(base).resolve(path.toString()))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return request;
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** Every resource method of every @Path class in target/classes, under the @ApplicationPath. */
    private static List<Endpoint> restEndpoints() {
        List<Class<?>> classes = warClasses();
        String root = classes.stream().filter(c -> c.isAnnotationPresent(ApplicationPath.class))
                .map(c -> c.getAnnotation(ApplicationPath.class).value()).findFirst()
                .orElseThrow(() -> new AssertionError("no @ApplicationPath class in target/classes"));
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : classes) {
            jakarta.ws.rs.Path classPath = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                String httpMethod = null;
                for (Annotation a : method.getAnnotations()) {
                    HttpMethod designator = a.annotationType().getAnnotation(HttpMethod.class);
                    if (designator != null) {
                        httpMethod = designator.value();
                    }
                }
                if (httpMethod == null) {
                    assertThat(methodPath).as("sub-resource locator " + method + ": SecurityIT does not walk those")
                            .isNull();
                    continue;
                }
                String template = ("/" + root + "/" + classPath.value() + "/"
                        + (methodPath == null ? "" : methodPath.value())).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                if (seen.add(httpMethod + " " + template)) {
                    endpoints.add(new Endpoint(httpMethod, template));
                }
            }
        }
        return endpoints;
    }

    /** The pages (every .xhtml outside WEB-INF, and /) and the servlets' paths, from the sources and the classes. */
    private static List<String> pagesAndServlets() {
        Set<String> paths = new TreeSet<>();
        paths.add("/");
        Path webapp = Path.of("src/main/webapp");
        try (Stream<Path> files = Files.walk(webapp)) {
            files.map(webapp::relativize).map(p -> p.toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".xhtml") && !p.startsWith("WEB-INF/") && !p.startsWith("resources/"))
                    .forEach(p -> paths.add("/" + p));
        } catch (IOException e) {
            throw new AssertionError("cannot list the pages under " + webapp.toAbsolutePath(), e);
        }
        for (Class<?> c : warClasses()) {
            WebServlet servlet = c.getAnnotation(WebServlet.class);
            if (servlet != null) {
                paths.addAll(List.of(servlet.value()));
                paths.addAll(List.of(servlet.urlPatterns()));
            }
        }
        assertThat(paths).contains("/index.xhtml", "/settings/qualys.xhtml", "/inventory/export.csv", "/logout");
        return new ArrayList<>(paths);
    }

    private static List<Class<?>> warClasses() {
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replace('\\', '.')
                            .replaceAll("\\.class$", ""))
                    .map(SecurityIT::load).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + classes.toAbsolutePath(), e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, SecurityIT.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + name + " from target/classes: " + e, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return app.anonymous().send(request.build());
    }

    private long hostCount() {
        return json(app.api().get("/api/v1/indexed-hosts?limit=1"))
                .getJsonNumber("total").longValue();
    }

    private long hostsIn(String range) {
        return json(app.api().get("/api/v1/indexed-hosts?limit=1&range=" + range)).getJsonNumber("total").longValue();
    }

    private long runCount() {
        return json(app.api().get("/api/v1/sync/runs?limit=1"))
                .getJsonNumber("total").longValue();
    }

}
