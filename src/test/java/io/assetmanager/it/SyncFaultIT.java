package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.Endpoint;
import io.assetmanager.qualys.simulator.Fault;
import io.assetmanager.qualys.simulator.HostSource;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault matrix of docs/RELIABILITY.md at the level of whole sync runs: the packaged WAR against the Qualys
 * simulator over loopback HTTP, each fault injected into a run started with Run now. For every fault the test checks
 * what an operator would: the two Qualys tables hold the previous snapshot or the complete new one, the run record
 * says what happened (with Qualys's code and text when Qualys sent them), nothing was added twice, no second asset
 * group appeared, the lease is free, and the next run succeeds once the fault is gone.
 *
 * <p>The host list has three pages (11,000 hosts at 5,000 a page, which the tests' deployment sets; the default is 100,000), so a fault can hit a later page after
 * earlier ones were staged. Before each fault someone "adds an IP in Qualys", so the new snapshot always differs
 * from the previous one. The deployment's read timeout is 8 s and its retry pauses 0.2 s (arquillian.xml).
 */
@ExtendWith(ServerOutput.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncFaultIT {

    /**
     * The Qualys rows do not depend on the database, so they run once, in the PostgreSQL pass (the production path,
     * with COPY into the staging table), to keep CI short; the H2 pass runs the first and the database row.
     */
    static final String QUALYS_ROWS_ON_POSTGRESQL = "the Qualys fault rows run in the PostgreSQL pass (-Ppostgresql)";

    private static final String TITLE = "Asset Manager_DISCOVERED";
    private static final IpRangeSet SUBSCRIBED = IpRangeSet.parseList("10.20.0.0-10.20.255.255, 172.16.0.1");
    private static final int HOSTS = 11_000;
    private static final HostSource HOST_LIST = HostSource.generated(IpRangeSet.parseList("10.20.0.0/16"), HOSTS,
            1_001, 0, 0, 7);
    private static final IpRangeSet SCANNED = scannedAddresses();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.packagedWar();
    }

    @RegisterExtension
    static final AssetManagerExtension app = AssetManagerExtension.withSimulator(() -> QualysSimulator.start(
            Scenario.builder().subscription(SUBSCRIBED).hosts(HOST_LIST)
                    .group("Windows servers", IpRangeSet.parseList("10.20.0.0/28")).build(), 0));

    @ArquillianResource
    private URL base;

    private QualysSimulator sim;
    private Browser browser;
    private SyncApi api;
    private int changesInQualys;

    /** What the server stored: the subscription (S) and the scanned hosts (M) with their row count. */
    private record Tables(IpRangeSet subscribed, IpRangeSet scanned, long scannedRows) {
    }

    /** What a fault's run is compared with. */
    private record Before(long runId, Tables tables, int addRequests, IpRangeSet added, int groups, long groupAdds) {
    }

    private static IpRangeSet scannedAddresses() {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (long i = 0; i < HOSTS; i++) {
            b.add(io.assetmanager.net.IpAddress.parse(HOST_LIST.at(i).ipv4()));
        }
        return b.build();
    }

    @BeforeEach
    void setUp() {
        sim = app.simulator();
        api = app.api();
        browser = app.browser();
    }

    // ------------------------------------------------------------------------------------------------ the rows

    @Test
    @Order(1)
    void theFirstRunCreatesTheGroupAndStoresTheSnapshot() throws Exception {
        QualysSettingsPage.open(browser).enabled(false).submit();
        api.replaceInventory("10.20.0.1\n10.20.0.2\n10.0.1.5\n192.168.1.10\n");
        long lastRunBefore = api.newestRunId();
        String result = QualysSettingsPage.open(browser).interval("24").autoSubscribe(true).maxAdd("10000")
                .exclusions("").groupTitle(TITLE)
                .configure("http://127.0.0.1:" + sim.url().getPort(), sim.username(), sim.password());
        assertThat(result).contains(QualysSettingsPage.CONFIGURED_PROPERLY);

        JsonObject run = api.waitFor(api.firstRunAfter(lastRunBefore));
        assertThat(run.getString("outcome")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(sim.groupCount()).isEqualTo(2);
        assertThat(sim.addedIps()).isEqualTo(IpRangeSet.parseList("10.0.1.5, 192.168.1.10"));
        assertCompleteNewSnapshotAndGroup();
    }

    @Test
    @Order(2)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void badCredentialsFailTheRunAtOnceAndStopRunsUntilQualysAcceptsTheCredentialsAgain() throws Exception {
        Before before = before();
        sim.injectNext(Endpoint.IP_LIST, Fault.badCredentials());
        long calls = sim.callCount(Endpoint.ANY);

        JsonObject failed = failedRun(before, "2000", "Bad Login/Password", "HTTP 401");
        assertThat(sim.callCount(Endpoint.ANY) - calls).as("calls after Qualys refused the login").isEqualTo(1);
        assertThat(status().getBoolean("credentialsRejected")).as("the timer stops using refused credentials")
                .isTrue();
        assertThat(status().isNull("nextRun")).as("no timer run while the credentials are refused").isTrue();
        HttpResponse<String> refused = api.runNow();
        assertThat(refused.statusCode()).as("Run now while the credentials are refused").isEqualTo(409);
        assertThat(refused.body()).contains("Sync stopped: Qualys rejected the credentials");
        assertThat(sim.callCount(Endpoint.ANY) - calls).as("no login sent for the refused Run now").isEqualTo(1);

        // Qualys takes the credentials again: the settings page's connection test says so and lifts the refusal.
        sim.clearFaults();
        assertThat(QualysSettingsPage.open(browser).password(sim.password()).submit().result())
                .isEqualTo(QualysSettingsPage.CONFIGURED_PROPERLY);
        assertThat(status().getBoolean("credentialsRejected")).as("a connection test that logged in lifts it")
                .isFalse();
        nextRunSucceeds(before);
        assertThat(failed.getJsonNumber("qualysCalls").longValue()).isEqualTo(1);
    }

    @Test
    @Order(3)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void anExpiredAccountAnsweredWithHttp200FailsTheRunWithoutRetrying() throws Exception {
        Before before = before();
        sim.injectNext(Endpoint.IP_LIST, Fault.accountExpired());
        long calls = sim.callCount(Endpoint.ANY);

        failedRun(before, "2001", "This account has expired.");
        assertThat(sim.callCount(Endpoint.ANY) - calls).as("an account problem is not retried").isEqualTo(1);
        nextRunSucceeds(before);
    }

    @Test
    @Order(4)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void aRateLimitWithTheWaitHeaderIsWaitedOutAndTooLongAWaitFailsTheRun() throws Exception {
        Before before = before();
        sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.rateLimited(2));
        JsonObject waited = succeededRun(before);
        assertThat(waited.getJsonNumber("qualysWaitSeconds").longValue()).as(waited.toString())
                .isGreaterThanOrEqualTo(2);

        before = before();
        sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.rateLimited(7_200));
        JsonObject failed = failedRun(before, "1965", "This API cannot be run again for another 2 hours.",
                "Qualys asks to wait 7200 s", "more than the configured maximum wait");
        assertThat(failed.getJsonNumber("qualysWaitSeconds").longValue()).as("a wait that long is not sat out")
                .isZero();
        nextRunSucceeds(before);
    }

    @Test
    @Order(5)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void aRateLimitWithoutTheWaitHeaderTakesTheWaitFromTheBody() throws Exception {
        Before before = before();
        sim.inject(Endpoint.IP_LIST, 1, 1, Fault.rateLimitedWithoutWaitHeader(2));
        JsonObject waited = succeededRun(before);
        assertThat(waited.getJsonNumber("qualysWaitSeconds").longValue()).as(waited.toString())
                .isGreaterThanOrEqualTo(2);

        before = before();
        sim.inject(Endpoint.IP_LIST, 1, 1, Fault.rateLimitedWithoutWaitHeader(7_200));
        failedRun(before, "1965", "This API cannot be run again for another 2 hours.", "Qualys asks to wait 7200 s");
        nextRunSucceeds(before);
    }

    @Test
    @Order(6)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void aConcurrencyLimitIsRetriedAndFailsTheRunWhenItPersists() throws Exception {
        Before before = before();
        sim.inject(Endpoint.HOST_LIST, 2, 2, Fault.concurrencyLimited());
        succeededRun(before);

        before = before();
        // Ten retries with a growing pause, then the run gives up with Qualys's words.
        sim.inject(Endpoint.HOST_LIST, 1, 11, Fault.concurrencyLimited());
        failedRun(before, "1960", "This API cannot be run again until 1 currently running API instance has finished.");
        nextRunSucceeds(before);
    }

    @Test
    @Order(7)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void aServerErrorOnPageTwoOfTheHostListIsRetriedAndFailsTheRunWhenItPersists() throws Exception {
        Before before = before();
        sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.httpError(500));
        // Counted from the calls left after the first rule's: the first attempt at page 3.
        sim.inject(Endpoint.HOST_LIST, 3, 1, Fault.httpError(503));
        succeededRun(before);

        before = before();
        sim.inject(Endpoint.HOST_LIST, 2, 100, Fault.httpError(500));
        long pageCalls = sim.callCount(Endpoint.HOST_LIST);
        failedRun(before, "999", "Internal error. Please contact customer support.", "HTTP 500");
        assertThat(sim.callCount(Endpoint.HOST_LIST) - pageCalls).as("page 1, then page 2 three times").isEqualTo(4);
        nextRunSucceeds(before);
    }

    @Test
    @Order(8)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void aConnectionCutMidBodyResumesThePageAndFailsTheRunWhenItKeepsHappening() throws Exception {
        Before before = before();
        sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.cutAfter(200_000));
        JsonObject resumed = succeededRun(before);
        assertThat(resumed.getJsonNumber("scanned").longValue()).as("each host once").isEqualTo(HOSTS);

        before = before();
        sim.inject(Endpoint.HOST_LIST, 2, 100, Fault.cutAfter(200_000));
        JsonObject failed = failedRun(before, null, "list scanned hosts", "bytes of the answer");
        assertThat(failed.getString("errorText")).doesNotContain(sim.password());
        nextRunSucceeds(before);
    }

    @Test
    @Order(9)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void anAnswerSlowerThanTheReadTimeoutIsRetriedAndALateAddIsCheckedNotRepeated() throws Exception {
        // A list answered after the read timeout is asked again.
        Before before = before();
        sim.injectNext(Endpoint.IP_LIST, Fault.slow(9_000));
        succeededRun(before);

        // An add Qualys carried out but answered after the read timeout: listing shows it happened; not sent again.
        api.post("/api/v1/indexed-hosts", "text/plain", "10.30.0.1\n10.30.0.2\n");
        before = before();
        sim.injectNext(Endpoint.IP_ADD, Fault.applyThenHang(9_000));
        succeededRun(before);
        assertThat(sim.addRequests().subList(before.addRequests(), sim.addRequests().size()))
                .as("one add request for the new hosts").containsExactly("10.30.0.1-10.30.0.2");

        // A list that never answers in time fails the run after three attempts.
        before = before();
        sim.inject(Endpoint.IP_LIST, 1, 3, Fault.slow(9_000));
        failedRun(before, null, "list subscribed IPs", "(read timeout)");
        nextRunSucceeds(before);
    }

    @Test
    @Order(10)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void malformedXmlFailsTheRunWithoutRetrying() throws Exception {
        Before before = before();
        sim.inject(Endpoint.HOST_LIST, 3, 1, Fault.malformedXml());
        long pageCalls = sim.callCount(Endpoint.HOST_LIST);
        failedRun(before, null, "list scanned hosts", "not the XML Qualys documents");
        assertThat(sim.callCount(Endpoint.HOST_LIST) - pageCalls).isEqualTo(3);
        nextRunSucceeds(before);
    }

    @Test
    @Order(11)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void anXxePayloadIsRefusedAndNothingOfTheFileGetsAnywhere() throws Exception {
        String secret = "xxe-" + UUID.randomUUID();
        Path file = Files.createTempFile("assetmanager-xxe", ".txt");
        try {
            Files.writeString(file, secret);
            Before before = before();
            sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.xxe(file.toString()));
            JsonObject failed = failedRun(before, null, "list scanned hosts", "xxe");
            assertThat(failed.toString()).doesNotContain(secret);
            assertThat(api.get("/api/v1/coverage").body()).doesNotContain(secret);
            nextRunSucceeds(before);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @Order(12)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void anAssetGroupDeletedInQualysIsRecreatedOnceEvenWhenTheCreateIsAnsweredLate() throws Exception {
        long deleted = sim.groupId(TITLE).orElseThrow();
        sim.deleteGroup(deleted);
        Before before = before();
        sim.injectNext(Endpoint.GROUP_ADD, Fault.applyThenHang(9_000));

        JsonObject run = api.runNowAndWait();
        assertThat(run.getString("outcome")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.getBoolean("groupRecreated")).isTrue();
        assertThat(sim.callCount(Endpoint.GROUP_ADD) - before.groupAdds()).as("the create is not repeated")
                .isEqualTo(1);
        assertThat(sim.groupCount()).as("the deleted group is replaced by one group").isEqualTo(before.groups() + 1);
        assertThat(sim.groupId(TITLE)).get().isNotEqualTo(deleted);
        assertNothingAddedTwice(before);
        assertCompleteNewSnapshotAndGroup();

        JsonObject next = api.runNowAndWait();
        assertThat(next.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(next.getBoolean("groupRecreated")).isFalse();
        assertThat(sim.groupCount()).isEqualTo(before.groups() + 1);
    }

    @Test
    @Order(13)
    @DisabledIfSystemProperty(named = "it.db", matches = "h2", disabledReason = QUALYS_ROWS_ON_POSTGRESQL)
    void anIpAddRefusedByTheLicenceFailsTheRunAndAddsNothing() throws Exception {
        api.post("/api/v1/indexed-hosts", "text/plain", "10.30.0.9\n");
        Before before = before();
        sim.injectNext(Endpoint.IP_ADD, Fault.licenceRefusal());
        IpRangeSet groupBefore = sim.groupIps(sim.groupId(TITLE).orElseThrow()).orElseThrow();

        JsonObject failed = api.runNowAndWait();
        assertFailure(failed, "2012", "User license is not authorized to run this API");
        // The snapshot was complete before the add was tried, so it is stored; the group is left as it was.
        assertThat(storedTables()).isEqualTo(qualysNow());
        assertThat(sim.addedIps()).isEqualTo(before.added());
        assertThat(sim.groupIps(sim.groupId(TITLE).orElseThrow())).contains(groupBefore);
        assertThat(sim.groupCount()).isEqualTo(before.groups());
        assertLeaseFree();

        nextRunSucceeds(before);
        assertThat(sim.addedIps().difference(before.added())).isEqualTo(IpRangeSet.parseList("10.30.0.9"));
    }

    @Test
    @Order(14)
    void theDatabaseUnreachableForAMomentFailsTheRunCleanly() throws Exception {
        assumeTrue(DatabaseOutage.possible(), DatabaseOutage.WHY_NOT);
        Before before = before();
        // The host list answers after 5 s; the outage starts while it is awaited and lasts until the run has failed
        // on it (the server logs that before it records the run, which it tries again for up to a minute).
        sim.injectNext(Endpoint.HOST_LIST, Fault.slow(5_000));
        HttpResponse<String> started = api.runNow();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long runId = SyncApi.json(started).getJsonNumber("runId").longValue();
        waitForStep(runId, "Fetching the scanned hosts");
        try (DatabaseOutage outage = DatabaseOutage.begin()) {
            Wait.until("the server to log that run " + runId + " failed", Duration.ofSeconds(60),
                    () -> ServerOutput.text().contains("Sync run " + runId + " failed"));
        }

        JsonObject failed = api.waitFor(runId);
        assertFailure(failed, null, "Cannot");
        assertThat(failed.getString("errorText")).as("names the database step that failed")
                .containsAnyOf("Cannot store the Qualys host list", "Cannot update the sync lease",
                        "Cannot update the database", "Cannot read the database");
        assertThat(storedTables()).as("tables after run %d", runId).isEqualTo(before.tables());
        assertNothingAddedTwice(before);
        assertThat(sim.groupCount()).isEqualTo(before.groups());
        assertLeaseFree();
        nextRunSucceeds(before);
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** Someone adds an IP in Qualys, so a new snapshot differs from the stored one; then what to compare with. */
    private Before before() {
        sim.clearFaults();
        changesInQualys++;
        sim.subscribe(IpRangeSet.parseList("172.17.0." + changesInQualys));
        return new Before(api.newestRunId(), storedTables(), sim.addRequests().size(), sim.addedIps(),
                sim.groupCount(), sim.callCount(Endpoint.GROUP_ADD));
    }

    private JsonObject failedRun(Before before, String code, String... text) throws InterruptedException {
        JsonObject run = api.runNowAndWait();
        assertFailure(run, code, text);
        assertThat(storedTables()).as("the Qualys tables after failed run %s hold the previous snapshot",
                run.get("id")).isEqualTo(before.tables());
        assertNothingAddedTwice(before);
        assertThat(sim.groupCount()).as("asset groups in Qualys").isEqualTo(before.groups());
        assertLeaseFree();
        return run;
    }

    private static void assertFailure(JsonObject run, String code, String... text) {
        assertThat(run.getString("outcome")).as("%s%s", run, syncLog()).isEqualTo("FAILED");
        if (code == null) {
            assertThat(run.isNull("errorCode")).as("no Qualys code in %s", run).isTrue();
        } else {
            assertThat(run.getString("errorCode")).as(run.toString()).isEqualTo(code);
        }
        assertThat(run.getString("errorText")).contains(text);
        assertThat(run.isNull("endedAt")).as("the failed run has ended").isFalse();
    }

    /** The server's log lines about sync runs and the lease, the last 40: what a failed assertion needs to be read. */
    private static String syncLog() {
        List<String> lines = ServerOutput.text().lines()
                .filter(l -> l.contains("Sync run") || l.contains("sync lease") || l.contains("interrupted")).toList();
        return "\nServer log about runs:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40),
                lines.size()));
    }

    private JsonObject succeededRun(Before before) throws InterruptedException {
        JsonObject run = api.runNowAndWait();
        assertThat(run.getString("outcome")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.isNull("errorCode")).isTrue();
        assertThat(run.getJsonNumber("scanned").longValue()).isEqualTo(HOSTS);
        assertNothingAddedTwice(before);
        assertThat(sim.groupCount()).as("asset groups in Qualys").isEqualTo(before.groups());
        assertCompleteNewSnapshotAndGroup();
        return run;
    }

    private void nextRunSucceeds(Before before) throws InterruptedException {
        sim.clearFaults();
        succeededRun(before);
    }

    /** Both tables hold what Qualys holds now, and the group holds D = S − M (Auto-Subscribe on). */
    private void assertCompleteNewSnapshotAndGroup() {
        assertThat(storedTables()).as("the Qualys tables hold the complete new snapshot").isEqualTo(qualysNow());
        long group = sim.groupId(TITLE).orElseThrow();
        assertThat(sim.groupIps(group)).contains(sim.subscription().difference(SCANNED));
    }

    /** No address was sent in two add requests, counting every add since the class started. */
    private void assertNothingAddedTwice(Before before) {
        List<String> requests = sim.addRequests();
        IpRangeSet.Builder seen = IpRangeSet.builder();
        long total = 0;
        for (String r : requests) {
            IpRangeSet ips = IpRangeSet.parseList(r);
            seen.addAll(ips);
            total += ips.size().longValueExact();
        }
        assertThat(seen.build().size().longValueExact()).as("addresses in add requests %s", requests)
                .isEqualTo(total);
        assertThat(requests.size()).isGreaterThanOrEqualTo(before.addRequests());
    }

    private void assertLeaseFree() {
        JsonObject status = status();
        assertThat(status.isNull("running")).as("no run holds the lease: %s", status).isTrue();
    }

    private JsonObject status() {
        return api.status();
    }

    private Tables qualysNow() {
        return new Tables(sim.subscription(), SCANNED, HOSTS);
    }

    private Tables storedTables() {
        List<String> rows = api.storedScannedRows();
        IpRangeSet.Builder scanned = IpRangeSet.builder();
        rows.forEach(ip -> scanned.add(io.assetmanager.net.IpAddress.parse(ip)));
        return new Tables(api.storedSubscription(), scanned.build(), rows.size());
    }

    private void waitForStep(long runId, String step) {
        Wait.until("run " + runId + " to reach the step '" + step + "'", Duration.ofSeconds(30), () -> {
            JsonObject run = api.run(runId);
            if (!reached(run, step)) {
                assertThat(run.getString("outcome")).as("run %d before the step '%s'", runId, step)
                        .isEqualTo("RUNNING");
            }
            return run;
        }, run -> reached(run, step));
    }

    private static boolean reached(JsonObject run, String step) {
        return !run.isNull("step") && run.getString("step").startsWith(step);
    }

    /**
     * The server's database refusing connections for a moment, and every connection the server holds cut. On
     * PostgreSQL: connections to the database are disallowed and its server processes terminated. On H2 (embedded
     * in the server, reachable through AUTO_SERVER): exclusive mode closes every other session and refuses new ones
     * until this connection ends it.
     */
    private static final class DatabaseOutage implements AutoCloseable {

        static final String WHY_NOT = "The database outage needs the integration-test database: PostgreSQL (it.db="
                + "postgresql) or the H2 file database (ASSETMANAGER_IT_DATA_DIR)";

        private final Connection connection;
        private final String database;

        private DatabaseOutage(Connection connection, String database) {
            this.connection = connection;
            this.database = database;
        }

        static boolean postgres() {
            return "postgresql".equals(System.getProperty("it.db"));
        }

        static boolean possible() {
            return postgres() || System.getenv("ASSETMANAGER_IT_DATA_DIR") != null;
        }

        static DatabaseOutage begin() throws SQLException {
            if (postgres()) {
                String database = System.getenv("ASSETMANAGER_DB_NAME");
                // Connected to another database: this one is about to refuse connections.
                Connection c = DriverManager.getConnection("jdbc:postgresql://" + System.getenv("ASSETMANAGER_DB_HOST")
                        + ":" + System.getenv("ASSETMANAGER_DB_PORT") + "/postgres", System.getenv("ASSETMANAGER_DB_USER"),
                        System.getenv("ASSETMANAGER_DB_PASSWORD"));
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                            + "' AND pid <> pg_backend_pid()");
                }
                return new DatabaseOutage(c, database);
            }
            Connection c = ServerDatabase.dataSource().getConnection();
            try (Statement st = c.createStatement()) {
                st.execute("SET EXCLUSIVE 2");
            }
            return new DatabaseOutage(c, null);
        }

        @Override
        public void close() throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute(database != null ? "ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true"
                        : "SET EXCLUSIVE 0");
            } finally {
                connection.close();
            }
        }
    }
}
