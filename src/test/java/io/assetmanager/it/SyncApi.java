package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpRangeSet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * The REST API as an admin script uses it (HTTP Basic as {@code admin}): upload indexed hosts, start a run and wait
 * for it, read the run history and the two stored Qualys tables. Shared by the integration tests of the sync.
 */
public final class SyncApi {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private final WebSession http;
    private final String authorization;

    public SyncApi(URL base) {
        this(new WebSession(base), "admin", Deployments.ADMIN_PASSWORD);
    }

    public SyncApi(WebSession http, String user, String password) {
        this.http = http;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public WebSession http() {
        return http;
    }

    public HttpResponse<String> get(String path) {
        return http.send(HttpRequest.newBuilder(http.resolve(path)).header("Authorization", authorization).GET()
                .build());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return http.send(HttpRequest.newBuilder(http.resolve(path)).header("Authorization", authorization)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Replaces the inventory with these lines of text; asserts it was accepted. */
    public void replaceInventory(String lines) {
        HttpResponse<String> upload = post("/api/v1/indexed-hosts?mode=replace", "text/plain", lines);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
    }

    /** Run now: the answer as it comes (202 with the run id, or 409 with the reason). */
    public HttpResponse<String> runNow() {
        return http.send(HttpRequest.newBuilder(http.resolve("/api/v1/sync/runs"))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Run now, then the run's record once it has finished. */
    public JsonObject runNowAndWait() throws InterruptedException {
        HttpResponse<String> started = runNow();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return waitFor(json(started).getJsonNumber("runId").longValue());
    }

    /** The run's full record once it is no longer RUNNING. */
    public JsonObject waitFor(long runId) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject run = run(runId);
            if (!"RUNNING".equals(run.getString("outcome"))) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not finish within " + RUN_TIMEOUT.toSeconds() + " s");
    }

    public JsonObject run(long runId) {
        return json(get("/api/v1/sync/runs/" + runId));
    }

    /** The newest run's id, 0 when there is none (test classes share the database, so there may be some). */
    public long newestRunId() {
        JsonObject runs = json(get("/api/v1/sync/runs?limit=1"));
        return runs.getJsonArray("runs").isEmpty() ? 0
                : runs.getJsonArray("runs").getJsonObject(0).getJsonNumber("id").longValue();
    }

    /** The id of the first run started after {@code before}, waiting up to 60 s for the timer to start one. */
    public long firstRunAfter(long before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long newest = newestRunId();
            if (newest > before) {
                return newest;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no timer run within 60 s");
    }

    /** Qualys's subscription as the last successful run stored it. */
    public IpRangeSet storedSubscription() {
        return IpRangeSet.parseList(json(get("/api/v1/sync/subscription")).getJsonArray("ranges").stream()
                .map(v -> ((JsonString) v).getString()).collect(Collectors.joining(",")));
    }

    /** Qualys's scanned hosts as the last successful run stored them. */
    public IpRangeSet storedScanned() {
        return IpRangeSet.parseList(json(get("/api/v1/sync/scanned")).getJsonArray("ips").stream()
                .map(v -> ((JsonString) v).getString()).collect(Collectors.joining(",")));
    }

    /** The body as a JSON object, after checking the answer was a success. */
    public static JsonObject json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return json(response.body());
    }

    public static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
