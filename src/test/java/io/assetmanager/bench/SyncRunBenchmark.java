package io.assetmanager.bench;

import io.assetmanager.qualys.settings.SecretCipher;
import io.assetmanager.qualys.simulator.QualysSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One full sync run at a given scale, on PostgreSQL against the simulator over loopback (Auto-Subscribe on): the
 * pieces {@link BenchmarkSuite} uses, and a main that runs only this part. The runs are started with Run now
 * ({@code POST /api/v1/sync/runs}); the timer never finds one due. The first run adds the indexed hosts outside the
 * subscription; the later ones are steady state.
 *
 * <pre>mvn -q -o package -DskipTests && mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.assetmanager.bench.SyncRunBenchmark [hosts] [runs] [heap]</pre>
 */
public final class SyncRunBenchmark {

    private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*(\\d+)");

    /** One finished run as the run history recorded it; step times in milliseconds, in run order. */
    public record RunRecord(long id, String outcome, double seconds, Map<String, Long> stepMillis, long indexed,
            String subscribed, long scanned, String added, String discovered, int qualysCalls, String error) {

        public String describe() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "run %d %s in %.1f s: |I|=%,d |S|=%s |M|=%,d"
                    + " |A|=%s |D|=%s, %,d Qualys calls", id, outcome, seconds, indexed, subscribed, scanned, added,
                    discovered, qualysCalls));
            stepMillis.forEach((step, ms) -> s.append(String.format(Locale.ROOT, "%n  %-45s %,8d ms", step, ms)));
            if (error != null) {
                s.append("\n  error: ").append(error);
            }
            return s.toString();
        }
    }

    private SyncRunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String heap = args.length > 2 ? args[2] : "512m";
        Path work = Files.createDirectories(Path.of("target", "bench"));
        BenchDataset data = BenchDataset.generate(hosts, BenchDataset.DEFAULT_SEED);
        System.out.printf(Locale.ROOT, "Subscription: %,d ranges, %s addresses; scanned and indexed hosts: %,d%n",
                data.subscription().rangeCount(), data.subscription().size(), hosts);
        try (BenchDatabase db = BenchDatabase.recreate("am_bench");
             QualysSimulator sim = QualysSimulator.start(data.scenario(), 0)) {
            long t0 = System.nanoTime();
            BenchDatabase.copy(db.connection(), "COPY indexed_hosts (ip, first_seen, last_seen, source) FROM STDIN",
                    data.indexedAsCopyRows("benchmark"));
            db.execute("VACUUM ANALYZE indexed_hosts");
            System.out.printf(Locale.ROOT, "Seeded %,d indexed hosts with COPY in %.1f s%n", hosts,
                    (System.nanoTime() - t0) / 1e9);
            Path keyFile = work.resolve("secret.key");
            configure(db.connection(), sim, keyFile);
            try (AppServer server = AppServer.start(db.name(), keyFile, work.resolve("server.log"), heap, List.of());
                 MemorySampler memory = new MemorySampler(server.pid(), 250, server.gcLog())) {
                server.awaitReady(Duration.ofMinutes(15));
                memory.phase();
                for (int i = 0; i < runs; i++) {
                    double cpu = server.cpuSeconds();
                    RunRecord run = runNow(server.base(), AppServer.ADMIN_PASSWORD, db.connection(),
                            Duration.ofMinutes(30));
                    System.out.println(run.describe());
                    System.out.printf(Locale.ROOT, "  server CPU time %.1f s%n", server.cpuSeconds() - cpu);
                    MemorySampler.Peak peak = memory.phase();
                    System.out.printf(Locale.ROOT, "  server peak heap used %,d MiB, after GC %s MiB, peak RSS %,d MiB;"
                            + " load average %s%n", peak.heapMiB(), peak.afterGc(), peak.rssMiB(), peak.load());
                    db.execute("VACUUM ANALYZE");
                }
            }
        }
    }

    /**
     * Switches the integration On against the simulator, Auto-Subscribe on with a cap of 1,000,000, with a fresh
     * encryption key in {@code keyFile} for the server to use. "On since" lies far ahead, so the timer never finds
     * a run due and only Run now starts runs.
     */
    public static void configure(Connection db, QualysSimulator sim, Path keyFile) throws IOException, SQLException {
        Files.deleteIfExists(keyFile);
        SecretCipher cipher = SecretCipher.fromEnvironmentOrFile(Map.of(), keyFile);
        try (PreparedStatement ps = db.prepareStatement("UPDATE qualys_settings SET enabled = TRUE,"
                + " polling_interval_hours = 24, server_name = ?, username = ?, password_ciphertext = ?,"
                + " auto_subscribe_mode = 'ON', max_add_per_run = 1000000, enabled_since = TIMESTAMP WITH TIME ZONE"
                + " '2100-01-01 00:00:00+00'")) {
            ps.setString(1, sim.url().toString());
            ps.setString(2, sim.username());
            ps.setString(3, cipher.encrypt(sim.password().toCharArray()));
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no settings row to update");
            }
        }
    }

    /** Starts a run with Run now, waits until the history records its end, and returns what it recorded. */
    public static RunRecord runNow(URI base, String adminPassword, Connection db, Duration timeout)
            throws IOException, InterruptedException, SQLException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("api/v1/sync/runs"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = RUN_ID.matcher(r.body());
        if (r.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("Run now answered " + r.statusCode() + ": " + r.body());
        }
        long runId = Long.parseLong(id.group(1));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            RunRecord run = finished(db, runId);
            if (run != null) {
                return run;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("sync run " + runId + " did not finish within " + timeout);
    }

    private static RunRecord finished(Connection db, long runId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT outcome, EXTRACT(EPOCH FROM ended_at - started_at),"
                + " count_indexed, count_subscribed, count_scanned, count_added, count_discovered, qualys_calls,"
                + " step_timings, error_text FROM sync_runs WHERE id = ? AND outcome <> 'RUNNING'")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Long> steps = new LinkedHashMap<>();
                String timings = rs.getString(9);
                if (timings != null) {
                    for (String line : timings.strip().split("\n")) {
                        int eq = line.lastIndexOf('=');
                        if (eq > 0) {
                            steps.merge(line.substring(0, eq).replaceAll("^Adding \\d+ IPs", "Adding the new IPs"),
                                    Long.parseLong(line.substring(eq + 1).strip()), Long::sum);
                        }
                    }
                }
                return new RunRecord(runId, rs.getString(1), rs.getDouble(2), steps, rs.getLong(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(10));
            }
        }
    }
}
