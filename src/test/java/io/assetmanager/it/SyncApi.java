package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The REST API as a script uses it, with HTTP Basic as one user ({@code admin} unless said otherwise): any call,
 * upload indexed hosts, start a run and wait for it, read the run history and the two stored Qualys tables. Also
 * the one place that reads JSON answers ({@link #json(HttpResponse)}).
 */
public final class SyncApi {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration TIMER_RUN_TIMEOUT = Duration.ofSeconds(60);
    /** The most rows {@code /api/v1/sync/scanned} gives in one answer. */
    private static final int SCANNED_PAGE = 10_000;

    private final URL base;
    private final String authorization;

    public SyncApi(URL base) {
        this(base, "admin");
    }

    /** As {@code user} ({@code admin} or {@code viewer}), with the password the test deployment gives it. */
    public SyncApi(URL base, String user) {
        this.base = base;
        this.authorization = FacesForms.basic(user, Deployments.password(user));
    }

    /** A request to {@code path} with this user's credentials, to finish and {@link #send(HttpRequest)}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(new WebSession(base).resolve(path)).header("Authorization", authorization);
    }

    /**
     * Sends on a client of its own, as a script calling the API once does (HTTP Basic needs no session): a server
     * that refuses an upload before reading it closes the connection, which a client that switched to HTTP/2 on an
     * earlier call would see as a cut stream instead of the answer.
     */
    public HttpResponse<String> send(HttpRequest request) {
        return new WebSession(base).send(request);
    }

    /** Any method, with a body of {@code contentType} or none ({@code null}, {@code null}). */
    public HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send("POST", path, contentType, body);
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** Replaces the inventory with these lines of text; asserts it was accepted. */
    public void replaceInventory(String lines) {
        HttpResponse<String> upload = post("/api/v1/indexed-hosts?mode=replace", "text/plain", lines);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
    }

    /** Run now: the answer as it comes (202 with the run id, or 409 with the reason). */
    public HttpResponse<String> runNow() {
        return send(request("/api/v1/sync/runs").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Run now, then the run's record once it has finished. */
    public JsonObject runNowAndWait() {
        HttpResponse<String> started = runNow();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return waitFor(json(started).getJsonNumber("runId").longValue());
    }

    /** The run's full record once it is no longer RUNNING. */
    public JsonObject waitFor(long runId) {
        return Wait.until("run " + runId + " to finish", RUN_TIMEOUT, () -> run(runId),
                run -> !"RUNNING".equals(run.getString("outcome")));
    }

    public JsonObject run(long runId) {
        return json(get("/api/v1/sync/runs/" + runId));
    }

    /** The sync status: whether the integration is on, the run in progress, the next run. */
    public JsonObject status() {
        return json(get("/api/v1/sync/status"));
    }

    /** The newest run's id, 0 when there is none (test classes share the database, so there may be some). */
    public long newestRunId() {
        JsonObject runs = json(get("/api/v1/sync/runs?limit=1"));
        return runs.getJsonArray("runs").isEmpty() ? 0
                : runs.getJsonArray("runs").getJsonObject(0).getJsonNumber("id").longValue();
    }

    /** The id of the first run started after {@code before}, waiting for the timer to start one. */
    public long firstRunAfter(long before) {
        return Wait.until("a timer run after run " + before, TIMER_RUN_TIMEOUT, this::newestRunId,
                newest -> newest > before);
    }

    /** Qualys's subscription as the last successful run stored it. */
    public IpRangeSet storedSubscription() {
        return IpRangeSet.parseList(json(get("/api/v1/sync/subscription")).getJsonArray("ranges").stream()
                .map(v -> ((JsonString) v).getString()).collect(Collectors.joining(",")));
    }

    /** Qualys's scanned hosts as the last successful run stored them. */
    public IpRangeSet storedScanned() {
        IpRangeSet.Builder scanned = IpRangeSet.builder();
        storedScannedRows().forEach(ip -> scanned.add(IpAddress.parse(ip)));
        return scanned.build();
    }

    /** Every row of the scanned hosts table, in address order (the API gives them a page at a time). */
    public List<String> storedScannedRows() {
        List<String> rows = new ArrayList<>();
        for (int offset = 0; ; offset += SCANNED_PAGE) {
            List<String> page = json(get("/api/v1/sync/scanned?limit=" + SCANNED_PAGE + "&offset=" + offset))
                    .getJsonArray("ips").stream().map(v -> ((JsonString) v).getString()).toList();
            rows.addAll(page);
            if (page.size() < SCANNED_PAGE) {
                return rows;
            }
        }
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
