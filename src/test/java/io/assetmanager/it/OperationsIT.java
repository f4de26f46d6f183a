package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.qualys.simulator.Endpoint;
import io.assetmanager.qualys.simulator.Fault;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
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

/**
 * What an operator's probes and scraper see: {@code /health/ready} and {@code /metrics} without a login, before the
 * integration is configured, after real runs against the Qualys simulator (one of them held up by a 409), and when
 * Qualys rejects the credentials. Nothing they show may name the server, the user or the password.
 */
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {

    private static final int SCANNED_HOSTS = 3_000;
    private static final Pattern SAMPLE = Pattern.compile("^(assetmanager_sync_\\w+)\\{([^}]*)\\} (\\S+)$",
            Pattern.MULTILINE);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.packagedWar();
    }

    @RegisterExtension
    static final AssetManagerExtension app = AssetManagerExtension.withSimulator(
            () -> QualysSimulator.start(Scenario.realistic(SCANNED_HOSTS), 0));

    @ArquillianResource
    private URL base;

    private QualysSimulator sim;
    private Browser browser;
    private WebSession http;
    private SyncApi api;

    @BeforeEach
    void setUp() {
        sim = app.simulator();
        http = app.anonymous();
        api = app.api();
        browser = app.browser();
    }

    @Test
    @Order(1)
    void probesNeedNoLoginAndTheIntegrationOffIsReady() throws Exception {
        QualysSettingsPage.open(browser).enabled(false).submit();
        HttpResponse<String> ready = http.get("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonObject health = SyncApi.json(ready.body());
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(check(health, "database").getString("status")).isEqualTo("UP");
        assertThat(check(health, "qualys-sync").getJsonObject("data").getString("integration"))
                .isIn("off", "not configured");
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
        // The application itself still wants a login.
        assertThat(http.get("/api/v1/sync/runs").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void afterARunHealthIsUpAndTheMetricsAreThoseOfTheRun() throws Exception {
        // 2,000 indexed hosts: half in a subscribed block, half in an unsubscribed one.
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            hosts.append("10.64.").append(i / 250).append('.').append(i % 250 + 1).append('\n');
            hosts.append("10.30.").append(i / 250).append('.').append(i % 250 + 1).append('\n');
        }
        api.replaceInventory(hosts.toString());
        // Off first, so that switching On below starts the cycle afresh: test classes share the database, and an
        // earlier one may have left the integration On.
        QualysSettingsPage.open(browser).enabled(false).submit();
        long before = api.newestRunId();
        String result = QualysSettingsPage.open(browser).interval("24").autoSubscribe(false)
                .configure("http://127.0.0.1:" + sim.url().getPort(), sim.username(), sim.password());
        assertThat(result).contains(QualysSettingsPage.CONFIGURED_PROPERLY);
        JsonObject run = api.waitFor(api.firstRunAfter(before));
        assertThat(run.getString("outcome")).as(run.toString()).isEqualTo("SUCCEEDED");

        JsonObject health = SyncApi.json(http.get("/health/ready").body());
        assertThat(health.getString("status")).isEqualTo("UP");
        JsonObject sync = check(health, "qualys-sync").getJsonObject("data");
        assertThat(sync.getString("integration")).isEqualTo("on");
        assertThat(sync.getString("lastRunOutcome")).isEqualTo("SUCCEEDED");
        assertThat(sync.getString("maxAge")).isEqualTo("PT48H");
        assertThat(sync.getString("lastSuccess")).isNotBlank();

        // Metrics are cached for a few seconds: wait until they show this run.
        Map<String, Double> metrics = metricsOnceShowing("assetmanager_sync_last_run_indexed", 2_000.0);
        assertThat(metrics.get("assetmanager_sync_last_run_succeeded")).isEqualTo(1.0);
        assertThat(metrics.get("assetmanager_sync_last_run_indexed")).isEqualTo(2_000.0);
        assertThat(metrics.get("assetmanager_sync_last_run_scanned")).isEqualTo(SCANNED_HOSTS);
        assertThat(metrics.get("assetmanager_sync_last_run_subscribed")).isEqualTo(sim.subscription().size().doubleValue());
        assertThat(metrics.get("assetmanager_sync_last_run_added")).isNaN();
        assertThat(metrics.get("assetmanager_sync_last_run_discovered"))
                .isEqualTo(run.getJsonNumber("discovered").doubleValue()).isPositive();
        assertThat(metrics.get("assetmanager_sync_last_run_qualys_calls"))
                .isEqualTo(run.getJsonNumber("qualysCalls").doubleValue()).isPositive();
        assertThat(metrics.get("assetmanager_sync_last_run_duration_seconds")).isPositive();
        System.out.printf("OperationsIT: a run over %d scanned and 2,000 indexed hosts took %.1f s (metric "
                + "assetmanager_sync_last_run_duration_seconds)%n", SCANNED_HOSTS,
                metrics.get("assetmanager_sync_last_run_duration_seconds"));
        assertThat(metrics.get("assetmanager_sync_runs{outcome=\"succeeded\"}")).isGreaterThanOrEqualTo(1);
        assertNoSecrets(http.get("/health/ready").body() + http.get("/metrics").body());
    }

    @Test
    @Order(3)
    void secondsWaitedOnA409AreCountedAndAFailureShows() throws Exception {
        double waitedBefore = metrics().get("assetmanager_sync_qualys_wait_all_runs_seconds");
        double failedBefore = metrics().get("assetmanager_sync_runs{outcome=\"failed\"}");
        sim.injectNext(Endpoint.HOST_LIST, Fault.rateLimited(2));
        JsonObject waited = api.runNowAndWait();
        assertThat(waited.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(waited.getJsonNumber("qualysWaitSeconds").longValue()).isGreaterThanOrEqualTo(2);

        sim.inject(Endpoint.IP_LIST, 1, 100, Fault.licenceRefusal());
        JsonObject failed = api.runNowAndWait();
        sim.clearFaults();
        assertThat(failed.getString("outcome")).isEqualTo("FAILED");
        assertThat(failed.getString("errorCode")).isEqualTo("2012");

        // Metrics are cached for a few seconds: wait until they show the failed run.
        Map<String, Double> metrics = metricsOnceShowing("assetmanager_sync_last_run_succeeded", 0.0);
        assertThat(metrics.get("assetmanager_sync_last_run_succeeded")).isEqualTo(0.0);
        assertThat(metrics.get("assetmanager_sync_runs{outcome=\"failed\"}")).isEqualTo(failedBefore + 1);
        assertThat(metrics.get("assetmanager_sync_qualys_wait_all_runs_seconds") - waitedBefore)
                .isEqualTo(waited.getJsonNumber("qualysWaitSeconds").doubleValue()
                        + failed.getJsonNumber("qualysWaitSeconds").doubleValue());
        // One failed run within two intervals of a success: still ready, and the operator sees what failed.
        JsonObject sync = check(SyncApi.json(http.get("/health/ready").body()), "qualys-sync");
        assertThat(sync.getString("status")).isEqualTo("UP");
        assertThat(sync.getJsonObject("data").getString("lastRunOutcome")).isEqualTo("FAILED");
    }

    @Test
    @Order(4)
    void rejectedCredentialsMakeTheInstanceNotReadyWithoutNamingThem() throws Exception {
        sim.inject(Endpoint.ANY, 1, 100, Fault.badCredentials());
        JsonObject run = api.runNowAndWait();
        sim.clearFaults();
        assertThat(run.getString("outcome")).isEqualTo("FAILED");
        assertThat(run.getString("errorCode")).isEqualTo("2000");

        HttpResponse<String> ready = http.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonObject sync = check(SyncApi.json(ready.body()), "qualys-sync");
        assertThat(sync.getString("status")).isEqualTo("DOWN");
        assertThat(sync.getJsonObject("data").getString("problem")).contains("rejected the username or password");
        assertThat(sync.getJsonObject("data").getString("lastRunErrorCode")).isEqualTo("2000");
        assertThat(check(SyncApi.json(ready.body()), "database").getString("status")).isEqualTo("UP");
        assertNoSecrets(ready.body());

        // Switching the integration Off is ready again: nothing is expected of Qualys.
        QualysSettingsPage.open(browser).enabled(false).submit();
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void assertNoSecrets(String body) {
        assertThat(body).doesNotContain(sim.username(), sim.password(), ":" + sim.url().getPort(), "127.0.0.1");
    }

    /** The metrics once {@code name} shows {@code value} (they are cached for a few seconds). */
    private Map<String, Double> metricsOnceShowing(String name, double value) {
        return Wait.until("the metric " + name + " to show " + value, Duration.ofSeconds(60), this::metrics,
                metrics -> Double.valueOf(value).equals(metrics.get(name)));
    }

    /** The application's samples, keyed by name plus labels other than mp_scope: {@code runs{outcome="failed"}}. */
    private Map<String, Double> metrics() {
        HttpResponse<String> response = http.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(response.body());
        while (m.find()) {
            String labels = m.group(2).replaceAll("mp_scope=\"[^\"]*\",?", "").replaceAll(",$", "");
            samples.put(m.group(1) + (labels.isEmpty() ? "" : "{" + labels + "}"), Double.valueOf(m.group(3)));
        }
        assertThat(samples).as(response.body()).containsKey("assetmanager_sync_last_run_succeeded");
        return samples;
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
