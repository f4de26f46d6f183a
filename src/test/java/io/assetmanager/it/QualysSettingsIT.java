package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.Endpoint;
import io.assetmanager.qualys.simulator.Fault;
import io.assetmanager.qualys.simulator.HostSource;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import io.assetmanager.notify.CefParser;
import java.io.DataInputStream;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.openqa.selenium.WebElement;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * Settings &gt; Integrations &gt; Qualys in headless Chromium against the packaged WAR on Payara Micro, with the
 * Qualys simulator on loopback as the Qualys server. The tests share one server and one database, so they run in
 * order: first save, a working configuration, changes that must not be saved, refused credentials, an unreachable
 * server, Run now, a viewer, and last the server log.
 */
@ExtendWith(ServerOutput.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QualysSettingsIT {

    static final String QUALYS_USER = "acme_ab12";
    /**
     * Distinctive, so a search of the page and the log cannot miss it; new for every run, so that saving it is a
     * change even on a database an earlier run left behind.
     */
    static final String QUALYS_PASSWORD = "Xq7-settings-IT-secret-" + UUID.randomUUID().toString().substring(0, 8);
    static final String WRONG_PASSWORD = "Wrong-settings-IT-secret-5c2e";
    static final String UNSAVED_PASSWORD = "Unsaved-settings-IT-secret-77ab";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.packagedWar();
    }

    @RegisterExtension
    static final AssetManagerExtension app = AssetManagerExtension.withSimulator(() -> {
        IpRangeSet subscription = IpRangeSet.parseList("10.10.0.0/22, 172.16.4.0/23, 203.0.113.7");
        return QualysSimulator.start(Scenario.builder().credentials(QUALYS_USER, QUALYS_PASSWORD)
                .subscription(subscription).hosts(HostSource.generated(subscription, 300, 1_000_000L, 0, 0, 7))
                .build());
    });

    @ArquillianResource
    private URL base;

    private QualysSimulator simulator;

    @BeforeEach
    void setUp() {
        simulator = app.simulator();
    }

    private Browser browser() {
        return app.browser();
    }

    private QualysSettingsPage asAdmin() {
        browser().logIn("admin", Deployments.ADMIN_PASSWORD);
        return QualysSettingsPage.open(browser());
    }

    private void assertNoSecretInPage() {
        assertThat(browser().pageSource()).doesNotContain(QUALYS_PASSWORD, WRONG_PASSWORD, UNSAVED_PASSWORD)
                .doesNotContain("v1:");
    }

    @Test
    @Order(1)
    void everyWrongFieldIsNamedNextToItAndNothingIsSaved() {
        QualysSettingsPage page = asAdmin();
        assertThat(page.labelFor("enabled")).isEqualTo("Status");
        assertThat(page.labelFor("interval")).isEqualTo("Polling Interval (by Hour)");
        assertThat(page.labelFor("server")).isEqualTo("Server Name");
        assertThat(page.labelFor("username")).isEqualTo("Username");
        assertThat(page.labelFor("password")).isEqualTo("Password");
        assertThat(page.labelFor("autoSubscribe")).isEqualTo("Auto-Subscribe");
        // On H2 each test server has a fresh database; on PostgreSQL the test classes share one, so compare with
        // whatever is stored rather than with the first-start defaults.
        Stored before = Stored.read(page);
        List<String> auditBefore = page.auditRows();
        boolean passwordStored = page.passwordStored();

        page.enabled(!before.enabled()).interval("0").server("ftp://qualysapi.qualys.com").username(" ")
                .groupTitle("").exclusions("10.0.0.1\n10.0.0.300").maxAdd("-1").submit();
        browser().screenshot("settings-invalid");

        assertThat(page.result()).isEqualTo("Nothing was saved: 7 fields need correcting.");
        assertThat(page.messageFor("interval")).hasValue(
                "Polling Interval (by Hour) must be a whole number of hours from 1 to 168, not \"0\"");
        assertThat(page.messageFor("server")).hasValueSatisfying(m -> assertThat(m).contains("must be an https:// URL"));
        assertThat(page.messageFor("username")).hasValue("Username is required (the Qualys API user)");
        if (passwordStored) {
            // The stored password goes only to the server and user it was saved for.
            assertThat(page.messageFor("password")).hasValue("Type the password again: the stored password is sent"
                    + " only to the server and username it was saved for, and Server Name changed");
        } else {
            assertThat(page.messageFor("password")).hasValue("Password is required: none is stored yet");
        }
        assertThat(page.messageFor("groupTitle")).hasValue("Asset group title is required, e.g. Asset Manager_DISCOVERED");
        assertThat(page.messageFor("exclusions")).hasValueSatisfying(
                m -> assertThat(m).startsWith("Line 2: '10.0.0.300' is not a valid IP address"));
        assertThat(page.messageFor("maxAdd")).hasValueSatisfying(m -> assertThat(m).contains("from 0 to 1000000"));
        assertThat(page.messageFor("enabled")).isEmpty();
        // What was typed stays on screen for correcting.
        assertThat(page.interval()).isEqualTo("0");

        page.reload();
        assertThat(Stored.read(page)).isEqualTo(before);
        assertThat(page.auditRows()).isEqualTo(auditBefore);
        assertThat(page.result()).isEmpty();
    }

    /** The values the page shows after a load. */
    record Stored(boolean enabled, String interval, String server, String username, boolean autoSubscribe,
            String groupTitle, String exclusions, String maxAdd) {
        static Stored read(QualysSettingsPage page) {
            return new Stored(page.isEnabled(), page.interval(), page.server(), page.username(),
                    page.isAutoSubscribe(), page.groupTitle(), page.exclusions(), page.maxAdd());
        }
    }

    @Test
    @Order(2)
    void aValidSubmitIsSavedAndQualysAcceptsIt() throws Exception {
        QualysSettingsPage page = asAdmin();
        if (page.isEnabled()) {
            // Left On by an earlier test class (PostgreSQL): switch Off so that this save switches On.
            page.enabled(false).submit();
            assertThat(page.isEnabled()).as(page.result()).isFalse();
        }
        String intervalBefore = page.interval();
        page.enabled(true).interval("12").server(simulator.url().toString()).username(QUALYS_USER)
                .password(QUALYS_PASSWORD).autoSubscribe(true).exclusions("10.10.3.0/24\n203.0.113.7").maxAdd("500")
                .submit();

        assertThat(page.result()).isEqualTo(QualysSettingsPage.CONFIGURED_PROPERLY);
        assertThat(page.state()).as("the status panel right after Submit, without a reload").doesNotStartWith("Off");
        assertThat(page.savedLine()).contains("Status: Off → On", "Password changed");
        assertThat(page.passwordField()).isEmpty();
        assertNoSecretInPage();
        assertThat(simulator.requests()).anySatisfy(r -> assertThat(r.params()).containsEntry("truncation_limit", "1"));

        page.reload();
        assertThat(page.isEnabled()).isTrue();
        assertThat(page.interval()).isEqualTo("12");
        assertThat(page.server()).isEqualTo(simulator.url().toString());
        assertThat(page.username()).isEqualTo(QUALYS_USER);
        assertThat(page.passwordField()).isEmpty();
        assertThat(page.isAutoSubscribe()).isTrue();
        assertThat(page.exclusions()).isEqualTo("10.10.3.0/24\n203.0.113.7");
        assertThat(page.maxAdd()).isEqualTo("500");
        assertThat(page.auditRows()).contains("admin | Password |  | changed", "admin | Status | Off | On");
        if (!intervalBefore.equals("12")) {
            assertThat(page.auditRows()).contains("admin | Polling Interval (by Hour) | " + intervalBefore + " | 12");
        }
        assertNoSecretInPage();

        // Switching On makes a run due at once; the status panel shows it once it is over.
        Wait.until("the status panel to show a succeeded run", Duration.ofSeconds(60), () -> page.reload().lastRun(),
                lastRun -> lastRun.contains("succeeded"));
        assertThat(page.lastRun()).contains("succeeded");
        assertThat(page.state()).startsWith("On");
        assertThat(page.runNowEnabled()).isTrue();
        assertThat(page.preview()).contains("0 IPs in 0 ranges would be added to the subscription",
                "The DISCOVERED group would hold");
        Path shot = browser().screenshot("settings-configured");
        if (Boolean.getBoolean("docs.screenshots")) {
            Files.createDirectories(Path.of("docs", "screenshots"));
            Files.copy(shot, Path.of("docs", "screenshots", "settings.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(3)
    void anInvalidChangeOfAWorkingConfigurationSavesNothing() {
        QualysSettingsPage page = asAdmin();
        page.interval("169").password(UNSAVED_PASSWORD).exclusions("10.0.0.0/8\nnot-an-address").submit();
        assertThat(page.result()).isEqualTo("Nothing was saved: 2 fields need correcting.");
        assertThat(page.messageFor("interval")).hasValueSatisfying(m -> assertThat(m).endsWith("not \"169\""));
        assertThat(page.messageFor("exclusions")).hasValueSatisfying(m -> assertThat(m).startsWith("Line 2: 'not-an-address'"));
        assertThat(page.messageFor("password")).isEmpty();
        assertNoSecretInPage();

        // An Exclusions list past 65,536 characters, as a paste of 70,000 (mostly blanks) would leave it: refused,
        // naming the field and the length, where it once took seconds to parse on every save and preview.
        page.reload();
        ((JavascriptExecutor) browser().driver()).executeScript("arguments[0].value = arguments[1];",
                browser().driver().findElement(By.id("settingsForm:exclusions")), "10.0.0.1" + " ".repeat(69_992));
        page.submit();
        assertThat(page.result()).isEqualTo("Nothing was saved: 1 field needs correcting.");
        assertThat(page.messageFor("exclusions")).hasValue("Exclusions must be at most 65,536 characters (it has"
                + " 70,000): write wider ranges or CIDR blocks");

        page.reload();
        assertThat(page.interval()).isEqualTo("12");
        assertThat(page.exclusions()).isEqualTo("10.10.3.0/24\n203.0.113.7");
        // The stored password is still the one Qualys accepts: the typed one was not saved.
        page.submit();
        assertThat(page.result()).isEqualTo(QualysSettingsPage.CONFIGURED_PROPERLY);
        assertThat(page.savedLine()).isEqualTo("No setting changed.");
    }

    @Test
    @Order(4)
    void aWrongPasswordIsTestedAndNotSavedAndQualysRejectingTheStoredOnesStopsTheSyncUntilTheyChange() {
        QualysSettingsPage page = asAdmin();
        page.password(WRONG_PASSWORD).submit();
        browser().screenshot("settings-bad-credentials");
        assertThat(page.result()).startsWith("Nothing was saved: Qualys refused the new credentials: Bad"
                + " Login/Password (code 2000).").contains("The stored credentials stay in use.");
        assertThat(page.messageFor("password"))
                .hasValueSatisfying(m -> assertThat(m).contains("Qualys refused the new credentials"));
        assertThat(page.savedLine()).as("no save line: nothing was saved").isEmpty();
        page.reload();
        assertThat(page.state()).startsWith("On");
        assertThat(page.nextRun()).isNotEqualTo("None scheduled.");
        assertNoSecretInPage();

        // Qualys now refuses the stored credentials (changed on Qualys's side): a run gets Bad Login.
        simulator.injectNext(Endpoint.IP_LIST, Fault.badCredentials());
        SyncApi api = app.api("admin");
        JsonObject failed = api.runNowAndWait();
        assertThat(failed.getString("outcome")).isEqualTo("FAILED");
        page.reload();
        assertThat(page.state()).startsWith("Stopped: Qualys refused the stored credentials");
        assertThat(page.runNowEnabled()).as("Run now while Qualys rejects the credentials").isFalse();
        assertThat(browser().driver().findElement(By.id("settingsForm:runNowReason")).getText())
                .startsWith("Sync stopped: Qualys rejected the credentials.");
        HttpResponse<String> refused = api.runNow();
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Sync stopped: Qualys rejected the credentials");

        browser().open("/");
        WebElement banner = browser().driver().findElement(By.id("credentialsRejected"));
        assertThat(banner.getText()).startsWith("Sync stopped: Qualys rejected the credentials.");
        assertThat(banner.findElement(By.id("credentialsSettingsLink")).getAttribute("href"))
                .endsWith("/settings/qualys.xhtml");
        assertThat(browser().driver().findElements(By.id("lastRunFailed"))).as("the raw failure line").isEmpty();
        browser().screenshot("dashboard-credentials-rejected");

        page = QualysSettingsPage.open(browser());
        page.password(QUALYS_PASSWORD).submit();
        assertThat(page.result()).isEqualTo(QualysSettingsPage.CONFIGURED_PROPERLY);
        page.reload();
        assertThat(page.state()).startsWith("On");
        assertThat(page.runNowEnabled()).isTrue();
        browser().open("/");
        assertThat(browser().driver().findElements(By.id("credentialsRejected"))).isEmpty();
    }

    @Test
    @Order(5)
    void thePreviewShowsTheFormAsItIsUnsavedAndLeavingWithUnsavedEditsAsksFirst() {
        QualysSettingsPage page = asAdmin();
        boolean saved = page.isAutoSubscribe();
        assertThat(page.onOffText("enabled")).isEqualTo(page.isEnabled() ? "On" : "Off");
        assertThat(page.autoSubscribeChoice()).isEqualTo(saved ? "On" : "Off");
        assertThat(page.asksBeforeLeaving()).as("a page without edits lets go").isFalse();

        page.autoSubscribe(!saved);
        assertThat(page.autoSubscribeChoice()).isEqualTo(saved ? "Off" : "On");
        assertThat(page.asksBeforeLeaving()).as("a changed choice not submitted").isTrue();
        String preview = page.preview();
        assertThat(preview).contains("Preview of the form's unsaved settings (Auto-Subscribe " + (saved ? "Off" : "On")
                + "; saved: " + (saved ? "On" : "Off") + ")");
        if (saved) {
            assertThat(preview).contains("Auto-Subscribe is Off: nothing would be added to the subscription.");
        } else {
            assertThat(preview).contains("would be added to the subscription");
        }
        browser().screenshot("settings-unsaved-preview");

        page.exclusions("10.10.0.0/33");
        assertThat(page.previewProblem()).contains("Line 1:", "10.10.0.0/33");

        page.reload();
        assertThat(page.isAutoSubscribe()).as("the preview saved nothing").isEqualTo(saved);
        assertThat(page.preview()).contains("Preview of the saved settings (Auto-Subscribe " + (saved ? "On" : "Off"));
        page.password(QUALYS_PASSWORD).submit();
        assertThat(page.result()).isEqualTo(QualysSettingsPage.CONFIGURED_PROPERLY);
        assertThat(page.asksBeforeLeaving()).as("after a successful submit").isFalse();
    }

    @Test
    @Order(6)
    void anUnreachableServerShowsTheConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        QualysSettingsPage page = asAdmin();
        page.server("http://127.0.0.1:" + closedPort).password(QUALYS_PASSWORD).submit();
        browser().screenshot("settings-unreachable");
        assertThat(page.result()).contains("cannot connect to 127.0.0.1:" + closedPort);

        page.server(simulator.url().toString()).password(QUALYS_PASSWORD).submit();
        assertThat(page.result()).isEqualTo(QualysSettingsPage.CONFIGURED_PROPERLY);
    }

    @Test
    @Order(7)
    void runNowStartsARunAndSaysWhenOneIsAlreadyGoing() {
        QualysSettingsPage page = asAdmin();
        simulator.inject(Endpoint.HOST_LIST, 1, 1, Fault.slow(5000));
        assertThat(page.runNow()).contains("Sync run", "started");
        assertThat(page.state()).startsWith("Running");
        assertThat(page.runNow()).contains("Not started", "A sync run is already in progress: started by admin");
        browser().screenshot("settings-run-busy");

        Wait.until("the run to end", Duration.ofSeconds(60), () -> page.reload().state(),
                state -> !state.startsWith("Running"));
        assertThat(page.state()).startsWith("On");
        assertThat(page.lastRun()).contains("succeeded");
        assertThat(browser().driver().findElement(org.openqa.selenium.By.id("settingsForm:historyLink"))
                .getAttribute("href")).endsWith("/sync-history.xhtml");
    }

    @Test
    @Order(8)
    void aViewerHasNoMenuEntryAndIsRefusedThePage() {
        browser().logIn("viewer", Deployments.VIEWER_PASSWORD);
        browser().open("/");
        assertThat(browser().pageSource()).contains("viewer").doesNotContain("settings/qualys", "Settings: Qualys");
        browser().open(QualysSettingsPage.PATH);
        assertThat(browser().pageSource()).doesNotContain("settingsForm", QUALYS_USER);
        browser().screenshot("settings-viewer");

        assertThat(app.session("viewer").get(QualysSettingsPage.PATH).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(9)
    void thePasswordNeverReachesTheServerLog() {
        String log = ServerOutput.text();
        // The capture works: the server's start-up and the settings changes are there.
        assertThat(log).contains("Payara Micro", "Qualys settings changed by admin", "Password changed");
        assertThat(log).doesNotContain(QUALYS_PASSWORD, WRONG_PASSWORD, UNSAVED_PASSWORD);
    }

    // ------------------------------------------------------------------------------ Settings > Notifications

    static final String NOTIFICATIONS_PATH = "/settings/notifications.xhtml";
    static final String WEBHOOK_SECRET = "Notify-IT-webhook-secret-" + UUID.randomUUID().toString().substring(0, 8);

    /** A syslog receiver over TCP on loopback: every octet-counted message it gets, in order. */
    static final class SyslogTcpReceiver implements AutoCloseable {
        final ServerSocket socket;
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        SyslogTcpReceiver() throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread accepting = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        InputStream in = connection.getInputStream();
                        for (String m = read(in); m != null; m = read(in)) {
                            messages.add(m);
                        }
                    } catch (IOException e) {
                        // Closed at the end of the test.
                    }
                }
            }, "syslog-receiver");
            accepting.setDaemon(true);
            accepting.start();
        }

        /** RFC 6587 octet counting: digits, a space, that many bytes; null at the end of the stream. */
        private static String read(InputStream in) throws IOException {
            StringBuilder length = new StringBuilder();
            for (int c = in.read(); c != ' '; c = in.read()) {
                if (c < 0) {
                    return null;
                }
                if (c < '0' || c > '9') {
                    throw new IOException("Not octet-counted: a byte " + c + " where the length belongs");
                }
                length.append((char) c);
            }
            byte[] body = new byte[Integer.parseInt(length.toString())];
            new DataInputStream(in).readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        }

        int port() {
            return socket.getLocalPort();
        }

        /** The next message whose CEF event (signature id) is {@code event}, its CEF part read back. */
        CefParser.Parsed next(String event) {
            return Wait.until("a syslog message for the event " + event, Duration.ofSeconds(120), () -> {
                for (String m : messages) {
                    CefParser.Parsed cef = CefParser.parse(m.substring(m.indexOf("CEF:")));
                    if (cef.header().get(4).equals(event)) {
                        return cef;
                    }
                }
                return null;
            }, java.util.Objects::nonNull);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private String notificationsField(String id) {
        return browser().driver().findElement(By.id("notificationsForm:" + id)).getDomProperty("value");
    }

    private void typeNotifications(String id, String text) {
        var input = browser().driver().findElement(By.id("notificationsForm:" + id));
        input.clear();
        input.sendKeys(text);
    }

    private String notificationsText(String id) {
        return Wait.until(id + " to show", Duration.ofSeconds(30),
                () -> browser().driver().findElements(By.id("notificationsForm:" + id)).stream().findFirst()
                        .map(e -> e.getText().strip()).orElse(""), t -> !t.isEmpty());
    }

    private void clickNotifications(String id) {
        browser().clickAndWait(browser().driver().findElement(By.id("notificationsForm:" + id)));
    }

    @Test
    @Order(9)
    void aSyslogChannelSetUpOnTheNotificationsPageSendsATestAndTheRunSummary() throws IOException {
        browser().logIn("admin", Deployments.ADMIN_PASSWORD);
        browser().open("/");
        assertThat(browser().pageSource()).contains("/settings/notifications.xhtml");
        browser().open(NOTIFICATIONS_PATH);
        assertThat(browser().driver().findElement(By.cssSelector("label[for='notificationsForm:syslogHost']"))
                .getText()).startsWith("Syslog host");

        try (SyslogTcpReceiver receiver = new SyslogTcpReceiver()) {
            // A wrong port is named next to its field, and nothing is saved.
            typeNotifications("baseUrl", base.toString());
            browser().driver().findElement(By.id("notificationsForm:syslogEnabled")).click();
            typeNotifications("syslogHost", "127.0.0.1");
            typeNotifications("syslogPort", "99999");
            new Select(browser().driver().findElement(By.id("notificationsForm:syslogTransport")))
                    .selectByValue("TCP");
            clickNotifications("submit");
            assertThat(notificationsText("resultText")).isEqualTo("Nothing was saved: 1 field needs correcting.");
            assertThat(notificationsText("syslogPortMessage"))
                    .isEqualTo("Syslog port must be a whole number from 1 to 65535, not \"99999\"");

            typeNotifications("syslogPort", String.valueOf(receiver.port()));
            clickNotifications("syslogTest");
            assertThat(notificationsText("syslogTestText"))
                    .isEqualTo("Test sent to syslog TCP 127.0.0.1:" + receiver.port() + ".");
            CefParser.Parsed test = receiver.next("test");
            assertThat(test.header()).containsExactly("0", "Asset Manager", "Asset Manager", "0.1", "test",
                    "Test notification", "1");
            assertThat(test.extension().get("msg")).startsWith("A test from Asset Manager, sent by admin");
            assertThat(test.extension().get("request")).endsWith("/settings/notifications.xhtml");

            clickNotifications("submit");
            assertThat(notificationsText("resultText")).startsWith("Saved: ").contains("Syslog: Off → On",
                    "Syslog port: (empty) → " + receiver.port(), "Syslog transport: UDP → TCP");
            browser().screenshot("notifications-syslog");

            // The earlier tests' runs are judged now that a channel is on: the first sends one summary.
            CefParser.Parsed summary = receiver.next("summary");
            assertThat(summary.extension().get("msg")).startsWith("Notifications are on. Sync run ");
            assertThat(summary.extension()).containsKey("externalId");
            assertThat(summary.extension().get("request")).isEqualTo(base.toString().replaceAll("/+$", "") + "/");

            browser().open(NOTIFICATIONS_PATH);
            assertThat(Wait.until("the summary listed as sent", Duration.ofSeconds(30), () -> {
                browser().open(NOTIFICATIONS_PATH);
                return browser().driver().findElement(By.id("notificationsForm:statusPanel")).getText();
            }, t -> t.contains("summary"))).contains("sent");
            assertThat(notificationsField("syslogPort")).isEqualTo(String.valueOf(receiver.port()));
        }
    }

    @Test
    @Order(10)
    void aWebhookTestReportsTheExactErrorAndTheSecretStaysHidden() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        browser().logIn("admin", Deployments.ADMIN_PASSWORD);
        browser().open(NOTIFICATIONS_PATH);
        String url = "https://127.0.0.1:" + closedPort + "/hook";
        typeNotifications("webhookUrl", url);
        typeNotifications("webhookSecret", WEBHOOK_SECRET);
        clickNotifications("webhookTest");
        assertThat(notificationsText("webhookTestText")).isEqualTo("Not sent: Cannot connect to " + url
                + ": connection refused");
        browser().screenshot("notifications-webhook-error");

        browser().driver().findElement(By.id("notificationsForm:webhookEnabled")).click();
        typeNotifications("webhookSecret", WEBHOOK_SECRET);
        clickNotifications("submit");
        assertThat(notificationsText("resultText")).contains("Webhook: Off → On", "Webhook shared secret changed");
        browser().open(NOTIFICATIONS_PATH);
        assertThat(browser().driver().findElement(By.id("notificationsForm:webhookSecret"))
                .getDomProperty("placeholder")).isEqualTo("Stored; leave empty to keep it");
        assertThat(browser().pageSource()).doesNotContain(WEBHOOK_SECRET).doesNotContain("v1:");
        assertThat(ServerOutput.text()).contains("Notification settings changed by admin")
                .doesNotContain(WEBHOOK_SECRET);

        // Switched off again: the later test classes on the same PostgreSQL database must not try this receiver.
        browser().driver().findElement(By.id("notificationsForm:webhookEnabled")).click();
        browser().driver().findElement(By.id("notificationsForm:syslogEnabled")).click();
        clickNotifications("submit");
        assertThat(notificationsText("resultText")).contains("Webhook: On → Off", "Syslog: On → Off");
    }
}
