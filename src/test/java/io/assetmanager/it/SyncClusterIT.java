package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.QualysClient;
import io.assetmanager.qualys.api.QualysConfig;
import io.assetmanager.qualys.settings.SecretCipher;
import io.assetmanager.qualys.simulator.Endpoint;
import io.assetmanager.qualys.simulator.Fault;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.security.KeyStore;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crashes and clusters with real processes: the packaged WAR on Payara Micro started by the test ({@link MicroServer}),
 * killed with SIGKILL in the middle of a run and started again; then (PostgreSQL only) two instances on one database,
 * the polling interval set on the settings page and counted in seconds
 * ({@code -Dassetmanager.sync.intervalUnit=SECONDS}), ticks every second on both, a third instance played in SQL
 * while the two wait for the lease, and a takeover when one stops. The database is this class's own
 * ({@code <db.name>_cluster}, or an H2 file under {@code target/it-data/cluster}), so the other integration tests'
 * runs do not mix with these. In the H2 pass, one instance with an HTTPS listener (the build's test key,
 * {@code target/it-keystore.p12}) shows what TLS changes: the Secure session cookie and HSTS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncClusterIT {

    /** The polling interval the cluster test types on the settings page, counted in seconds there. */
    private static final int INTERVAL_SECONDS = 12;
    private static final Duration INTERVAL = Duration.ofSeconds(INTERVAL_SECONDS);
    /** How many successive intervals the two instances must share, one run each. */
    private static final int INTERVALS = 10;
    /** Two pages of the host list (5,000 hosts a page): the killed run has fetched the first and waits for the second. */
    private static final int SCANNED_HOSTS = 6_000;
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(90);
    private static final int LEASE_SECONDS = 20;

    private final boolean postgresql = "postgresql".equals(System.getProperty("it.db"));
    @RegisterExtension
    static final AssetManagerExtension app = AssetManagerExtension.withSimulator(
            () -> QualysSimulator.start(Scenario.realistic(SCANNED_HOSTS), 0));

    private final List<MicroServer> servers = new ArrayList<>();
    private QualysSimulator sim;
    private Path keyFile;
    private Map<String, String> database;
    /** JDBC URL of this class's PostgreSQL database (null on H2). */
    private String jdbcUrl;

    @BeforeAll
    void setUp() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "micro-servers"));
        database = postgresql ? freshPostgresqlDatabase() : freshH2Folder();
        if (postgresql) {
            jdbcUrl = postgresqlUrl(database.get("ASSETMANAGER_DB_NAME"));
        }
        // Every instance reads the Qualys password with the same key, as docs/DEPLOYMENT.md asks.
        keyFile = work.resolve("cluster-secret.key").toAbsolutePath();
        Files.deleteIfExists(keyFile);
        SecretCipher.fromEnvironmentOrFile(Map.of(), keyFile);
        sim = app.simulator();
    }

    @AfterAll
    void tearDown() {
        for (MicroServer server : servers) {
            server.close();
        }
    }

    @Test
    @Order(0)
    @DisabledIfSystemProperty(named = "it.db", matches = "postgresql", disabledReason = "runs in the H2 pass: TLS does "
            + "not depend on the database")
    void overHttpsTheLoginWorksTheSessionCookieIsSecureAndHstsIsSentAndPlainHttpStaysAsDocumented() throws Exception {
        Path keystore = Path.of("target", "it-keystore.p12").toAbsolutePath();
        assertThat(keystore).as("the test key the build makes (exec-maven-plugin, pre-integration-test)")
                .isRegularFile();
        int sslPort = MicroServer.freePort();
        MicroServer server = instance("tls", "HOURS", b -> b
                .property("javax.net.ssl.keyStore", keystore)
                .property("javax.net.ssl.keyStorePassword", "changeit")
                .property("javax.net.ssl.keyStoreType", "PKCS12")
                .microOptions("--sslport", String.valueOf(sslPort), "--sslcert", "assetmanager-it"));
        URL https = new URL("https://127.0.0.1:" + sslPort + "/");
        SSLContext trustingTheTestKey = trusting(keystore, "assetmanager-it");

        WebSession secure = new WebSession(https, trustingTheTestKey);
        // An anonymous request gets no session: the page it asked for waits in a cookie, Secure over HTTPS.
        HttpResponse<String> redirect = secure.get("/inventory.xhtml");
        assertThat(cookie(redirect, "am_after_login")).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
        assertThat(redirect.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID="));
        HttpResponse<String> loginPage = secure.get("/login.xhtml");
        assertThat(loginPage.statusCode()).as(server.logTail()).isEqualTo(200);
        assertThat(loginPage.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        HttpResponse<String> login = secure.postForm("/login", "username", "admin", "password",
                Deployments.ADMIN_PASSWORD);
        assertThat(login.headers().firstValue("Location").orElseThrow()).startsWith("https://127.0.0.1:" + sslPort)
                .endsWith("/inventory.xhtml");
        assertThat(cookie(login, "JSESSIONID")).as("the session's cookie, made at the login")
                .containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        HttpResponse<String> dashboard = secure.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<title>Dashboard · Asset Manager</title>");
        assertThat(dashboard.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        HttpResponse<String> api = secure.getWithBasic("/api/v1/me", "viewer", Deployments.VIEWER_PASSWORD);
        assertThat(api.body()).contains("\"role\":\"viewer\"");
        assertThat(api.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

        // Plain HTTP, as docs/SECURITY.md says: served as it is (no redirect), without HSTS and without Secure.
        WebSession plain = new WebSession(server.url());
        HttpResponse<String> plainRedirect = plain.get("/inventory.xhtml");
        assertThat(plainRedirect.statusCode()).isEqualTo(302);
        assertThat(plainRedirect.headers().firstValue("Location").orElseThrow()).startsWith("http://")
                .endsWith("/login.xhtml");
        assertThat(plainRedirect.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(cookie(plainRedirect, "am_after_login")).containsIgnoringCase("HttpOnly")
                .doesNotContainIgnoringCase("Secure");
        HttpResponse<String> plainLogin = plain.logIn("admin", Deployments.ADMIN_PASSWORD);
        assertThat(plainLogin.headers().firstValue("Location").orElseThrow()).doesNotContain("login.xhtml");
        assertThat(cookie(plainLogin, "JSESSIONID")).containsIgnoringCase("HttpOnly").doesNotContainIgnoringCase("Secure");
        assertThat(plain.get("/").headers().firstValue("Strict-Transport-Security")).isEmpty();
        server.stop();
    }

    /** The cookie {@code name} an answer sets. */
    private static String cookie(HttpResponse<String> answer, String name) {
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + answer.headers().map()));
    }

    /** TLS that trusts the build's self-signed test certificate and nothing else. */
    private static SSLContext trusting(Path keystore, String alias) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry(alias, keys.getCertificate(alias));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    @Test
    @Order(1)
    @EnabledIfSystemProperty(named = "it.db", matches = "postgresql", disabledReason = "runs in the PostgreSQL pass "
            + "(-Ppostgresql), the database several instances share; the crash does not depend on the database")
    void aKilledInstanceLeavesItsRunInterruptedTheTablesAsTheyWereAndTheNextRunCompletes() throws Exception {
        // Hours, as in production: the timer runs once after switching On, then only the runs started here happen.
        MicroServer solo = instance("solo", "HOURS");
        SyncApi api = new SyncApi(solo.url());
        configure(solo, "24");
        JsonObject first = api.waitFor(api.firstRunAfter(0));
        assertThat(first.getString("outcome")).as(first + solo.logTail()).isEqualTo("SUCCEEDED");
        IpRangeSet subscribedBefore = api.storedSubscription();
        IpRangeSet scannedBefore = api.storedScanned();
        assertThat(scannedBefore.isEmpty()).isFalse();

        // Qualys changes, so a run that got as far as storing would leave different tables; then the second page
        // of the host list answers slowly, long enough to kill the server while it waits.
        IpRangeSet extra = IpRangeSet.parseList("10.99.0.1-10.99.0.9");
        try (QualysClient qualys = new QualysClient(QualysConfig.builder().server(sim.url().toString())
                .allowPlainHttp(true).username(sim.username()).password(sim.password().toCharArray()).build())) {
            qualys.addIps(extra);
        }
        long hostListCalls = sim.callCount(Endpoint.HOST_LIST);
        sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.slow(120_000));
        HttpResponse<String> started = api.runNow();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long crashed = SyncApi.json(started).getJsonNumber("runId").longValue();
        awaitCondition("run " + crashed + " waiting on the second page of the host list",
                () -> sim.callCount(Endpoint.HOST_LIST) >= hostListCalls + 2, solo);
        JsonObject beforeKill = api.run(crashed);
        assertThat(beforeKill.getString("outcome")).isEqualTo("RUNNING");
        assertThat(beforeKill.getString("step")).isEqualTo("Fetching the scanned hosts from Qualys");

        int exit = solo.kill();
        assertThat(exit).as("exit status of a JVM killed by SIGKILL").isEqualTo(MicroServer.KILLED);
        sim.clearFaults();
        long restartStart = System.nanoTime();
        solo.start();
        System.out.printf("Instance solo killed during run %d; started again and answering in %.1f s%n", crashed,
                (System.nanoTime() - restartStart) / 1e9);

        JsonObject interrupted = api.run(crashed);
        assertThat(interrupted.getString("outcome")).as(interrupted.toString()).isEqualTo("INTERRUPTED");
        assertThat(interrupted.getString("errorText")).contains("instance solo",
                "Fetching the scanned hosts from Qualys");
        assertThat(interrupted.get("endedAt")).isNotEqualTo(JsonValue.NULL);
        assertThat(api.storedSubscription()).as("the subscription table after the crash").isEqualTo(subscribedBefore);
        assertThat(api.storedScanned()).as("the scanned hosts table after the crash").isEqualTo(scannedBefore);
        assertThat(api.status().get("running"))
                .as("no run in progress: the lease of the killed run is free").isEqualTo(JsonValue.NULL);
        try (Browser browser = Browser.start(solo.url())) {
            browser.logIn("admin", Deployments.ADMIN_PASSWORD);
            browser.open("/sync-history.xhtml");
            assertThat(browser.driver().findElement(org.openqa.selenium.By.id("history:runs")).getText())
                    .contains("INTERRUPTED", "instance solo stopped or crashed during the step 'Fetching the scanned hosts");
            browser.screenshot("sync-history-interrupted");
        }

        JsonObject next = api.runNowAndWait();
        assertThat(next.getString("outcome")).as(next + solo.logTail()).isEqualTo("SUCCEEDED");
        assertThat(api.storedSubscription()).isEqualTo(subscribedBefore.union(extra));
        assertThat(api.storedScanned()).isEqualTo(scannedBefore);
        solo.stop();
    }

    @Test
    @Order(2)
    void twoInstancesRunOncePerIntervalRefuseRunNowWhileTheOtherRunsAndTakeOver() throws Exception {
        assumeTrue(postgresql, "Several instances share a PostgreSQL database (docs/DEPLOYMENT.md); this runs with "
                + "-Ppostgresql");
        MicroServer a = instance("a", "SECONDS");
        SyncApi apiA = new SyncApi(a.url());
        switchOff(a);
        // b starts while the integration is Off and is switched On on a's settings page: it learns of it at its
        // next tick (the takeover below needs b's timer when a ran last).
        MicroServer b = instance("b", "SECONDS", CLOCK_OFFSET_RUN ? CLOCK_AHEAD : Duration.ZERO);
        SyncApi apiB = new SyncApi(b.url());
        if (CLOCK_OFFSET_RUN) {
            assertClockAhead(b, apiB);
        }
        configure(a, String.valueOf(INTERVAL_SECONDS));
        Map<String, MicroServer> byName = Map.of("a", a, "b", b);
        long observedFrom = apiA.newestRunId();
        long observationStart = System.nanoTime();

        // Wait for the first run of the observation to finish, then slow the next one down and press Run now on
        // the instance that is not running it.
        apiA.waitFor(apiA.firstRunAfter(observedFrom));
        sim.inject(Endpoint.HOST_LIST, 1, 1, Fault.slow(4_000));
        JsonObject running = awaitRunning(apiA, byName);
        String runner = running.getString("instance");
        SyncApi other = runner.equals("a") ? apiB : apiA;
        HttpResponse<String> refused = other.runNow();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("already in progress", "started by the polling timer", " on " + runner);

        // Runs over at least INTERVALS intervals: INTERVALS + 1 timer runs after the observation started.
        List<JsonObject> runs = awaitRuns(apiA, observedFrom, INTERVALS + 1, byName);
        double observedSeconds = (System.nanoTime() - observationStart) / 1e9;
        assertThat(a.isAlive() && b.isAlive()).as("both instances ran throughout" + a.logTail() + b.logTail()).isTrue();
        assertOneRunPerInterval(runs);
        Map<String, Long> perInstance = runs.stream()
                .collect(Collectors.groupingBy(r -> r.getString("instance"), TreeMap::new, Collectors.counting()));
        System.out.printf("Two instances, interval %d s, tick 1 s: %d runs over %d intervals in %.0f s, by instance "
                + "%s; gaps between starts %s s%n", INTERVAL_SECONDS, runs.size(), runs.size() - 1, observedSeconds,
                perInstance, gaps(runs));

        // The race: the instances find the next run due and wait for the lease while a third instance, played by
        // the test in SQL, holds it, records that interval's run and frees it. The run that follows must still be
        // one interval after the third instance's run.
        List<JsonObject> latest = runsAfter(apiA, observedFrom);
        apiA.waitFor(latest.get(latest.size() - 1).getJsonNumber("id").longValue());
        JsonObject third = apiA.run(runTheIntervalAsAThirdInstance(byName));
        JsonObject afterThird = apiA.waitFor(apiA.firstRunAfter(third.getJsonNumber("id").longValue()));
        assertThat(afterThird.getString("outcome")).as(afterThird.toString()).isEqualTo("SUCCEEDED");
        assertOneRunPerInterval(List.of(third, afterThird));
        System.out.printf("An instance that waited for the lease while another ran the interval's run started the "
                + "next run %s s after that run%n", gaps(List.of(third, afterThird)));

        // Fencing: the instance that runs the next run freezes (SIGSTOP) while it waits for Qualys's answer about
        // the DISCOVERED group, and stays frozen past its lease; the other instance takes over and stores a newer
        // snapshot. Once resumed, the frozen run's next write (the group record, right after that answer, with no
        // heartbeat in between) must be refused by the lease token: nothing more stored, the run INTERRUPTED.
        MicroServer frozen = null;
        long staleId;
        JsonObject newer;
        IpRangeSet newerSubscription;
        IpRangeSet extra = IpRangeSet.parseList("10.98.0.1-10.98.0.9");
        long groupListCalls = sim.callCount(Endpoint.GROUP_LIST);
        // 20 s: with 8 s, a loaded machine (load average 16 to 19) once let the run finish before the test saw it.
        sim.inject(Endpoint.GROUP_LIST, 1, 1, Fault.slow(20_000));
        try {
            awaitCondition("a run waiting for Qualys's answer about the DISCOVERED group",
                    () -> sim.callCount(Endpoint.GROUP_LIST) >= groupListCalls + 1, a);
            JsonObject stale = Wait.until("a run in progress at 'Checking the DISCOVERED asset group'",
                    INTERVAL.multipliedBy(3), () -> apiA.status().get("running"), r -> r != null
                            && r != JsonValue.NULL && "Checking the DISCOVERED asset group".equals(
                                    r.asJsonObject().getString("step", null)), () -> logTails(byName)).asJsonObject();
            staleId = stale.getJsonNumber("id").longValue();
            frozen = byName.get(stale.getString("instance"));
            frozen.freeze();
            long frozenAt = System.nanoTime();
            addToSubscription(extra); // so that the newer snapshot differs from the one the frozen run fetched
            SyncApi takingOverApi = frozen == a ? apiB : apiA;
            newer = takingOverApi.waitFor(takingOverApi.firstRunAfter(staleId));
            assertThat(newer.getString("instance")).as(newer.toString()).isNotEqualTo(frozen.name());
            assertThat(newer.getString("outcome")).as(newer + logTails(byName)).isEqualTo("SUCCEEDED");
            newerSubscription = takingOverApi.storedSubscription();
            assertThat(newerSubscription.intersection(extra)).as("the newer snapshot holds what Qualys added").isEqualTo(extra);
            System.out.printf("Instance %s frozen during run %d; run %d of %s started %.1f s later and succeeded%n",
                    frozen.name(), staleId, newer.getJsonNumber("id").longValue(), newer.getString("instance"),
                    (System.nanoTime() - frozenAt) / 1e9);
        } finally {
            if (frozen != null) {
                frozen.resume();
            }
        }
        SyncApi frozenApi = new SyncApi(frozen.url());
        JsonObject ended = Wait.until("the resumed run " + staleId + " to record how it ended", RUN_DEADLINE,
                () -> apiA.run(staleId), r -> r.getString("errorText", "").startsWith("This run lost"),
                frozen::logTail);
        System.out.printf("Resumed run %d: %s, \"%s\"%n", staleId, ended.getString("outcome"),
                ended.getString("errorText"));
        assertThat(ended.getString("outcome")).isEqualTo("INTERRUPTED");
        assertThat(ended.getString("errorText")).as("refused by the token, not by a heartbeat")
                .startsWith("This run lost the sync lease");
        assertThat(frozenApi.storedSubscription()).as("the newer run's snapshot stays").isEqualTo(newerSubscription);
        assertThat(frozen.isAlive()).isTrue();

        // SIGTERM during a run: the instance that runs the next run is stopped while it waits for the second page of
        // the host list. Its lease is given back at once (not left to expire) and the run ends INTERRUPTED (or
        // completes), the tables whole; the other instance runs at once.
        JsonObject beforeStop = apiA.waitFor(apiA.newestRunId());
        IpRangeSet subscribedBefore = apiA.storedSubscription();
        IpRangeSet scannedBefore = apiA.storedScanned();
        long callsBeforeStop = sim.callCount(Endpoint.HOST_LIST);
        sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.slow(15_000));
        awaitCondition("a run waiting on the second page of the host list",
                () -> sim.callCount(Endpoint.HOST_LIST) >= callsBeforeStop + 2, a);
        JsonObject cut = awaitRunning(apiA, byName);
        long cutId = cut.getJsonNumber("id").longValue();
        String stopping = cut.getString("instance");
        String takingOver = stopping.equals("a") ? "b" : "a";
        SyncApi survivor = stopping.equals("a") ? apiB : apiA;
        int status = byName.get(stopping).stop();
        System.out.printf("Instance %s stopped (SIGTERM) during run %d after run %d: exit status %d%n", stopping,
                cutId, beforeStop.getJsonNumber("id").longValue(), status);
        assertThat(leaseHolder()).as("the lease is given back at shutdown, not left to expire").isNull();
        JsonObject afterStop = survivor.run(cutId);
        assertThat(afterStop.getString("outcome")).as(afterStop.toString()).isIn("INTERRUPTED", "SUCCEEDED");
        if (afterStop.getString("outcome").equals("INTERRUPTED")) {
            assertThat(survivor.storedSubscription()).isEqualTo(subscribedBefore);
            assertThat(survivor.storedScanned()).isEqualTo(scannedBefore);
        }
        JsonObject takeover = survivor.runNowAndWait();
        assertThat(takeover.getString("instance")).as(takeover.toString()).isEqualTo(takingOver);
        assertThat(takeover.getString("outcome")).as(takeover + byName.get(takingOver).logTail())
                .isEqualTo("SUCCEEDED");
        assertThat(survivor.storedScanned()).isEqualTo(scannedBefore);
        System.out.printf("Run %d was %s, \"%s\"; instance %s ran at once: run %d succeeded%n", cutId,
                afterStop.getString("outcome"), afterStop.getString("errorText", ""), takingOver,
                takeover.getJsonNumber("id").longValue());
        JsonObject nextTimerRun = survivor.waitFor(survivor.firstRunAfter(takeover.getJsonNumber("id").longValue()));
        assertThat(nextTimerRun.getString("trigger")).isEqualTo("TIMER");
        assertThat(nextTimerRun.getString("outcome")).isEqualTo("SUCCEEDED");
        // Stopped, so that no timer run of theirs calls the simulator the next test counts and slows calls on.
        byName.values().forEach(MicroServer::close);
    }

    /**
     * PostgreSQL restarted during a run, on a server of the test's own (the shared one is never stopped): the
     * instance's run meets the database stopped at its next write and fails with a message naming it; once the
     * database is back, the run's end is recorded, the connection pool serves fresh connections and the next run
     * succeeds.
     */
    @Test
    @Order(3)
    void aPostgresqlRestartDuringARunFailsItCleanlyAndTheNextRunSucceeds() throws Exception {
        assumeTrue(postgresql, "restarts a PostgreSQL server of its own; runs with -Ppostgresql");
        Optional<String> unavailable = PostgresCluster.unavailable();
        if (unavailable.isPresent()) {
            System.out.println("SyncClusterIT: skipped the PostgreSQL restart: " + unavailable.get());
        }
        assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));
        try (PostgresCluster pg = PostgresCluster.create(Path.of("target", "pg-restart"))) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres",
                    "postgres", ""); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE restarted");
            }
            MicroServer server = instance("restarted", "HOURS", Duration.ZERO, Map.of("ASSETMANAGER_DB_HOST",
                    "127.0.0.1", "ASSETMANAGER_DB_PORT", String.valueOf(pg.port()), "ASSETMANAGER_DB_NAME",
                    "restarted", "ASSETMANAGER_DB_USER", "postgres",
                    // Trust auth ignores it, but the post-boot file's pool needs a value.
                    "ASSETMANAGER_DB_PASSWORD", "unused-with-trust-auth"));
            SyncApi api = new SyncApi(server.url());
            configure(server, "24");
            JsonObject first = api.waitFor(api.firstRunAfter(0));
            assertThat(first.getString("outcome")).as(first + server.logTail()).isEqualTo("SUCCEEDED");
            IpRangeSet subscribedBefore = api.storedSubscription();
            IpRangeSet scannedBefore = api.storedScanned();

            long hostListCalls = sim.callCount(Endpoint.HOST_LIST);
            sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.slow(5_000));
            long cut = SyncApi.json(api.runNow()).getJsonNumber("runId").longValue();
            awaitCondition("run " + cut + " waiting on the second page of the host list",
                    () -> sim.callCount(Endpoint.HOST_LIST) >= hostListCalls + 2, server);
            long down = System.nanoTime();
            pg.stop();
            // Searched in the whole log: the failure's stack trace, then the pool's complaints while the run's end is
            // repeated, push the line out of the log's tail within seconds.
            awaitCondition("run " + cut + " to meet the stopped database",
                    () -> server.logContains("Sync run " + cut + " failed"), server);
            pg.start();
            double seconds = (System.nanoTime() - down) / 1e9;
            JsonObject failed = Wait.until("run " + cut + " recorded as ended", RUN_DEADLINE, () -> api.run(cut),
                    r -> !"RUNNING".equals(r.getString("outcome")), server::logTail);
            System.out.printf("PostgreSQL stopped during run %d and started again %.1f s later: %s, \"%s\"%n", cut,
                    seconds, failed.getString("outcome"), failed.getString("errorText"));
            assertThat(failed.getString("outcome")).isEqualTo("FAILED");
            assertThat(failed.getString("errorText")).as("names the database write that failed").containsAnyOf(
                    "Cannot update the sync lease", "Cannot store", "Cannot update the database");
            assertThat(api.status().get("running")).as("the lease is free").isEqualTo(JsonValue.NULL);
            assertThat(api.storedSubscription()).isEqualTo(subscribedBefore);
            assertThat(api.storedScanned()).isEqualTo(scannedBefore);

            JsonObject next = api.runNowAndWait();
            assertThat(next.getString("outcome")).as(next + server.logTail()).isEqualTo("SUCCEEDED");
            assertThat(api.storedScanned()).isEqualTo(scannedBefore);
            server.stop();
        }
    }

    /** Adds IPs to the subscription in Qualys, as another tool would. */
    private void addToSubscription(IpRangeSet ips) throws Exception {
        try (QualysClient qualys = new QualysClient(QualysConfig.builder().server(sim.url().toString())
                .allowPlainHttp(true).username(sim.username()).password(sim.password().toCharArray()).build())) {
            qualys.addIps(ips);
        }
    }

    /** Who holds the lease row, expired or not; null when it is free. */
    private String leaseHolder() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser(), dbPassword());
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT holder FROM sync_lease WHERE id = 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Waits until an instance waits on the lease row the test holds (it judged a run due and tries to take the
     * lease), then records a run of instance "third" that started after that judgement, frees the lease and
     * commits, as an instance that ran the whole run in between would have. Returns that run's id.
     */
    private long runTheIntervalAsAThirdInstance(Map<String, MicroServer> servers) throws Exception {
        try (Connection lease = DriverManager.getConnection(jdbcUrl, dbUser(), dbPassword());
                Connection watch = DriverManager.getConnection(jdbcUrl, dbUser(), dbPassword())) {
            lease.setAutoCommit(false);
            try (Statement st = lease.createStatement()) {
                assertThat(st.executeUpdate("UPDATE sync_lease SET holder = 'third#1', acquired_at = clock_timestamp(), "
                        + "expires_at = clock_timestamp() + INTERVAL '5 minutes' WHERE id = 1 AND holder IS NULL"))
                        .as("the lease is free between two runs").isEqualTo(1);
                awaitCondition("instance waiting for the lease", () -> waitingForLease(watch) > 0,
                        servers.values().iterator().next());
                long id;
                try (var rs = st.executeQuery("INSERT INTO sync_runs (trigger_kind, instance_name, started_at, "
                        + "ended_at, outcome, capped, group_recreated, qualys_calls, qualys_wait_seconds) VALUES "
                        + "('TIMER', 'third', clock_timestamp(), clock_timestamp(), 'SUCCEEDED', FALSE, FALSE, 0, 0) "
                        + "RETURNING id")) {
                    rs.next();
                    id = rs.getLong(1);
                }
                st.executeUpdate("UPDATE sync_lease SET holder = NULL, run_id = NULL, acquired_at = NULL, "
                        + "expires_at = NULL WHERE id = 1");
                lease.commit();
                return id;
            }
        }
    }

    private static int waitingForLease(Connection watch) {
        try (Statement st = watch.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock' AND query LIKE 'UPDATE sync_lease SET holder = %'")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One run per interval: each run starts at least one interval after the previous one started (never two in an
     * interval) and after it ended (never two at once). How long after is printed, not asserted: a busy machine may
     * delay a run past the next interval.
     */
    private static void assertOneRunPerInterval(List<JsonObject> runs) {
        for (int i = 1; i < runs.size(); i++) {
            JsonObject previous = runs.get(i - 1);
            JsonObject run = runs.get(i);
            Duration gap = Duration.between(start(previous), start(run));
            String pair = "run " + previous.getJsonNumber("id") + " (" + previous.getString("instance") + ", "
                    + start(previous) + " to " + previous.getString("endedAt") + ") then run " + run.getJsonNumber("id")
                    + " (" + run.getString("instance") + ", " + start(run) + ")";
            assertThat(gap).as("at most one run per interval: " + pair).isGreaterThanOrEqualTo(INTERVAL);
            assertThat(start(run)).as("runs never overlap: " + pair)
                    .isAfterOrEqualTo(OffsetDateTime.parse(previous.getString("endedAt")));
        }
        System.out.printf("SyncClusterIT: gaps between the starts of runs %s: %s s (interval %d s)%n",
                runs.stream().map(r -> r.getJsonNumber("id").toString()).collect(Collectors.joining(", ")), gaps(runs),
                INTERVAL_SECONDS);
    }

    private static OffsetDateTime start(JsonObject run) {
        return OffsetDateTime.parse(run.getString("startedAt"));
    }

    private static String gaps(List<JsonObject> runs) {
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            gaps.add(String.format("%.1f", Duration.between(start(runs.get(i - 1)), start(runs.get(i))).toMillis()
                    / 1000.0));
        }
        return String.join(", ", gaps);
    }

    /** The first {@code count} runs after {@code after}, once all have finished; each must be a successful timer run. */
    private List<JsonObject> awaitRuns(SyncApi api, long after, int count, Map<String, MicroServer> servers) {
        List<JsonObject> runs = Wait.until(count + " finished runs after run " + after,
                INTERVAL.multipliedBy(count + 5L), () -> {
                    servers.values().forEach(s -> assertThat(s.isAlive()).as(s.name() + " died" + s.logTail())
                            .isTrue());
                    return runsAfter(api, after);
                }, r -> r.size() >= count && r.stream().limit(count)
                        .noneMatch(run -> "RUNNING".equals(run.getString("outcome"))), () -> logTails(servers));
        List<JsonObject> first = runs.subList(0, count);
        for (JsonObject run : first) {
            assertThat(run.getString("trigger")).as(run.toString()).isEqualTo("TIMER");
            assertThat(run.getString("outcome")).as(run + servers.get(run.getString("instance")).logTail())
                    .isEqualTo("SUCCEEDED");
        }
        return first;
    }

    private static String logTails(Map<String, MicroServer> servers) {
        return servers.values().stream().map(MicroServer::logTail).collect(Collectors.joining());
    }

    /** Runs with an id above {@code after}, oldest first. */
    private static List<JsonObject> runsAfter(SyncApi api, long after) {
        return SyncApi.json(api.get("/api/v1/sync/runs?limit=500")).getJsonArray("runs").stream()
                .map(JsonValue::asJsonObject).filter(r -> r.getJsonNumber("id").longValue() > after)
                .sorted(Comparator.comparing(r -> r.getJsonNumber("id").longValue())).toList();
    }

    private JsonObject awaitRunning(SyncApi api, Map<String, MicroServer> servers) {
        return Wait.until("a run in progress", INTERVAL.multipliedBy(3), () -> api.status().get("running"),
                running -> running != null && running != JsonValue.NULL, () -> logTails(servers)).asJsonObject();
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition, MicroServer server) {
        Wait.until(what, RUN_DEADLINE, condition::getAsBoolean, Boolean.TRUE::equals, server::logTail);
    }

    /** Switches the integration Off, through the settings page. */
    private static void switchOff(MicroServer server) {
        try (Browser browser = Browser.start(server.url())) {
            browser.logIn("admin", Deployments.ADMIN_PASSWORD);
            QualysSettingsPage.open(browser).enabled(false).submit();
        }
    }

    /** Switches the integration On against the simulator with this interval, through the settings page. */
    private void configure(MicroServer server, String interval) {
        try (Browser browser = Browser.start(server.url())) {
            browser.logIn("admin", Deployments.ADMIN_PASSWORD);
            String result = QualysSettingsPage.open(browser).interval(interval).autoSubscribe(false)
                    .configure(sim.url().toString(), sim.username(), sim.password());
            assertThat(result).as(server.logTail()).contains(QualysSettingsPage.CONFIGURED_PROPERLY);
        }
    }

    /**
     * Runs instance b with its clock this far ahead of the machine's (and the database's): every run, lease and
     * schedule decision must still agree with instance a's. libfaketime shifts every time the JVM reads.
     */
    private static final Duration CLOCK_AHEAD = Duration.ofMinutes(7);
    /**
     * Only with {@code -Dit.clockAhead=true}: under libfaketime the JVM reads the clock through the library on every
     * call, and on two cores instance b then takes minutes to boot and to answer, more than CI can give this test.
     * By default b runs on the machine's clock; the lease's times come from the database either way
     * ({@code SyncLeaseRepositoryTest}).
     */
    private static final boolean CLOCK_OFFSET_RUN = Boolean.getBoolean("it.clockAhead");
    private static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

    /** Checks that the instance's clock really is {@link #CLOCK_AHEAD} ahead, by the Date header of its answers. */
    private static void assertClockAhead(MicroServer server, SyncApi api) {
        if (!Files.isReadable(LIBFAKETIME)) {
            return;
        }
        String date = api.get("/api/v1/sync/status").headers().firstValue("Date").orElseThrow(
                () -> new AssertionError(server.name() + " sent no Date header"));
        OffsetDateTime serverTime = OffsetDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(Duration.between(OffsetDateTime.now(), serverTime)).as(server.name() + "'s clock, by its Date "
                + "header " + date).isGreaterThan(CLOCK_AHEAD.minusMinutes(1));
        System.out.printf("Instance %s's clock is %s ahead (Date: %s)%n", server.name(), CLOCK_AHEAD, date);
    }

    /** Starts an instance on this class's database; the unit of the polling interval is HOURS, MINUTES or SECONDS. */
    private MicroServer instance(String name, String intervalUnit) {
        return instance(name, intervalUnit, Duration.ZERO);
    }

    /** Starts an instance whose clock is {@code clockAhead} ahead of the machine's (when libfaketime is installed). */
    private MicroServer instance(String name, String intervalUnit, Duration clockAhead) {
        return instance(name, intervalUnit, clockAhead, database, UnaryOperator.identity());
    }

    /** Starts an instance with more options (TLS, say) set on its builder. */
    private MicroServer instance(String name, String intervalUnit, UnaryOperator<MicroServer.Builder> more) {
        return instance(name, intervalUnit, Duration.ZERO, database, more);
    }

    /** Starts an instance on the database these environment variables name. */
    private MicroServer instance(String name, String intervalUnit, Duration clockAhead, Map<String, String> database) {
        return instance(name, intervalUnit, clockAhead, database, UnaryOperator.identity());
    }

    private MicroServer instance(String name, String intervalUnit, Duration clockAhead, Map<String, String> database,
            UnaryOperator<MicroServer.Builder> more) {
        MicroServer.Builder builder = more.apply(MicroServer.named(name))
                .property("assetmanager.instanceName", name)
                .property("assetmanager.sync.tickSeconds", 1)
                .property("assetmanager.sync.intervalUnit", intervalUnit)
                .property("assetmanager.qualys.allowPlainHttp", true)
                // Pages of 5,000 hosts, so that a run can be caught between two pages of the host list.
                .property("assetmanager.qualys.truncationLimit", 5000)
                .property("assetmanager.keyFile", keyFile)
                // A short lease, so that the fencing test waits 20 s for a frozen instance's lease to expire.
                .property("assetmanager.sync.leaseSeconds", LEASE_SECONDS)
                .microOptions(System.getProperty("payara.extraMicroOptions",
                        "--postbootcommandfile payara-config/it-h2.asadmin").trim().split("\\s+"));
        database.forEach(builder::env);
        if (!clockAhead.isZero()) {
            if (Files.isReadable(LIBFAKETIME)) {
                builder.env("LD_PRELOAD", LIBFAKETIME.toString()).env("FAKETIME", "+" + clockAhead.toSeconds() + "s")
                        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
            } else {
                System.out.println("SyncClusterIT: " + LIBFAKETIME + " is missing (Debian package libfaketime): instance "
                        + name + " runs on the machine's clock, not " + clockAhead + " ahead");
            }
        }
        MicroServer server = builder.start();
        servers.add(server);
        return server;
    }

    /** Drops and creates {@code <db.name>_cluster} next to the suite's database; the instances' datasource names it. */
    private static Map<String, String> freshPostgresqlDatabase() throws Exception {
        String name = System.getenv().getOrDefault("ASSETMANAGER_DB_NAME", "test") + "_cluster";
        try (Connection c = DriverManager.getConnection(postgresqlUrl("postgres"), dbUser(), dbPassword());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        return Map.of("ASSETMANAGER_DB_NAME", name);
    }

    private static String postgresqlUrl(String database) {
        return "jdbc:postgresql://" + System.getenv().getOrDefault("ASSETMANAGER_DB_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("ASSETMANAGER_DB_PORT", "5432") + "/" + database;
    }

    private static String dbUser() {
        return System.getenv().getOrDefault("ASSETMANAGER_DB_USER", "postgres");
    }

    private static String dbPassword() {
        return System.getenv().getOrDefault("ASSETMANAGER_DB_PASSWORD", "");
    }

    /** An empty folder for this class's H2 database file (the H2 post-boot file reads it from the environment). */
    private static Map<String, String> freshH2Folder() throws IOException {
        Path dir = Path.of(System.getenv().getOrDefault("ASSETMANAGER_IT_DATA_DIR", "target/it-data"), "cluster")
                .toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return Map.of("ASSETMANAGER_IT_DATA_DIR", dir.toString());
    }
}
