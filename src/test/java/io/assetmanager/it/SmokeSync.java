package io.assetmanager.it;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The part of a server smoke test that a person does in the browser (.ci/payara-server-smoke.sh): log in as
 * {@code admin} through the login page, configure the Qualys integration on the settings page against a running
 * Qualys simulator, click Run now, and wait until that run (or the one the timer started first) has succeeded.
 * Prints the run's record as the REST API gives it and exits non-zero when any step fails.
 * <pre>
 * mvn -o -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.assetmanager.it.SmokeSync \
 *     -Dexec.args="http://127.0.0.1:8080 admin-password http://127.0.0.1:8089 qualys-user qualys-password"
 * </pre>
 */
public final class SmokeSync {

    /** A run against the simulator takes seconds; a loaded machine may need a minute. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

    private SmokeSync() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("arguments: application URL, admin password, Qualys URL, Qualys user,"
                    + " Qualys password");
        }
        URL base = new URL(args[0]);
        String adminPassword = args[1];
        WebSession api = new WebSession(base);
        long before = newestRunId(api, adminPassword);
        try (Browser browser = Browser.start(base)) {
            browser.logIn("admin", adminPassword);
            System.out.println("Logged in as admin through the login page: now on " + browser.driver().getTitle());
            QualysSettingsPage page = QualysSettingsPage.open(browser);
            String result = page.configure(args[2], args[3], args[4]);
            if (!QualysSettingsPage.CONFIGURED_PROPERLY.equals(result)) {
                browser.screenshot("smoke-settings");
                throw new IllegalStateException("The settings page answered \"" + result + "\", not \""
                        + QualysSettingsPage.CONFIGURED_PROPERLY + "\" (target/screenshots/smoke-settings.png)");
            }
            System.out.println("Settings > Integrations > Qualys: " + result);
            // Switching On makes a run due at once, so the timer may have started it before the click: either way
            // the first run after the switch is the one to wait for.
            System.out.println("Run now: " + page.runNow());
        }
        long runId = Wait.until("a sync run after run " + before, RUN_TIMEOUT, () -> newestRunId(api, adminPassword),
                newest -> newest > before);
        JsonObject run = Wait.until("run " + runId + " to finish", RUN_TIMEOUT,
                () -> SyncApi.json(get(api, "/api/v1/sync/runs/" + runId, adminPassword)),
                r -> !"RUNNING".equals(r.getString("outcome")));
        System.out.println("Run " + runId + ": " + run);
        if (!"SUCCEEDED".equals(run.getString("outcome"))) {
            throw new IllegalStateException("Run " + runId + " ended " + run.getString("outcome") + ": " + run);
        }
    }

    private static long newestRunId(WebSession api, String password) {
        JsonObject runs = SyncApi.json(get(api, "/api/v1/sync/runs?limit=1", password));
        return runs.getJsonArray("runs").isEmpty() ? 0
                : runs.getJsonArray("runs").getJsonObject(0).getJsonNumber("id").longValue();
    }

    private static HttpResponse<String> get(WebSession api, String path, String password) {
        return api.getWithBasic(path, "admin", password);
    }
}
