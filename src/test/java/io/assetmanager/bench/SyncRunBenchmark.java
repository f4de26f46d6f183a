package io.assetmanager.bench;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.settings.SecretCipher;
import io.assetmanager.qualys.simulator.HostSource;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * One full sync run at enterprise scale, on PostgreSQL against the simulator over loopback: 1,000,000 indexed
 * hosts, 1,000,000 scanned hosts, a subscription of 16.7M+ addresses in thousands of ranges, Auto-Subscribe on.
 * Starts the packaged WAR on Payara Micro in its own process, lets the timer run the first sync (which adds the
 * unsubscribed hosts) and then steady-state runs, and prints the time per step and the server's peak heap.
 *
 * <pre>mvn -q -o package -DskipTests && mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.assetmanager.bench.SyncRunBenchmark [hosts] [runs]</pre>
 */
public final class SyncRunBenchmark {

    private static final String DB = "am_bench";
    private static final int PORT = 8383;

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createDirectories(Path.of("target", "bench"));

        IpRangeSet.Builder sub = IpRangeSet.builder().add(IpRange.parse("10.0.0.0/8"));
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            long start = (172L << 24 | 16L << 16) + random.nextInt(1 << 20);
            sub.add(new IpRange(IpAddress.ofIpv4(start), IpAddress.ofIpv4(start + random.nextInt(64))));
        }
        IpRangeSet subscription = sub.build();
        Scenario scenario = Scenario.builder().subscription(subscription).generatedHosts(hosts)
                .concurrencyLimit(4).build();
        System.out.printf("Subscription: %,d ranges, %s addresses; scanned hosts: %,d%n", subscription.rangeCount(),
                subscription.size(), hosts);

        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DB);
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/" + DB;
        Flyway.configure().dataSource(url, "postgres", "").locations("filesystem:src/main/resources/db/migration")
                .load().migrate();

        Path keyFile = work.resolve("secret.key");
        Files.deleteIfExists(keyFile);
        SecretCipher cipher = SecretCipher.fromEnvironmentOrFile(Map.of(), keyFile);
        try (QualysSimulator sim = QualysSimulator.start(scenario, 0);
                Connection db = DriverManager.getConnection(url, "postgres", "")) {
            long t0 = System.nanoTime();
            int indexed = seedInventory(db, scenario.hosts(), hosts, random);
            System.out.printf("Seeded %,d indexed hosts with COPY in %.1f s%n", indexed, (System.nanoTime() - t0) / 1e9);
            try (Statement st = db.createStatement()) {
                st.executeUpdate("UPDATE qualys_settings SET enabled = TRUE, polling_interval_hours = 1, "
                        + "server_name = '" + sim.url() + "', username = '" + sim.username() + "', password_ciphertext = '"
                        + cipher.encrypt(sim.password().toCharArray()) + "', auto_subscribe = TRUE, "
                        + "max_add_per_run = 1000000, enabled_since = now()");
            }
            Process server = startServer(keyFile, work);
            try {
                long pid = server.pid();
                long peak = 0;
                int seen = 0;
                List<String> reports = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
                while (seen < runs && System.nanoTime() < deadline && server.isAlive()) {
                    peak = Math.max(peak, heapUsedKb(pid));
                    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT id, outcome, EXTRACT(EPOCH FROM ended_at - started_at), count_indexed, "
                                    + "count_subscribed, count_scanned, count_added, count_discovered, qualys_calls, "
                                    + "step_timings, error_text FROM sync_runs WHERE outcome <> 'RUNNING' ORDER BY id")) {
                        int n = 0;
                        while (rs.next()) {
                            if (++n > seen) {
                                reports.add(String.format("run %d %s in %.1f s: |I|=%d |S|=%s |M|=%d |A|=%s |D|=%s, "
                                                + "%d Qualys calls, peak heap so far %,d MB%n  %s%s", rs.getLong(1),
                                        rs.getString(2), rs.getDouble(3), rs.getLong(4), rs.getString(5), rs.getLong(6),
                                        rs.getString(7), rs.getString(8), rs.getInt(9), peak / 1024,
                                        rs.getString(10) == null ? "" : rs.getString(10).strip().replace("\n", "\n  "),
                                        rs.getString(11) == null ? "" : "\n  error: " + rs.getString(11)));
                                System.out.println(reports.get(reports.size() - 1));
                                peak = 0;
                            }
                        }
                        seen = n;
                    }
                    Thread.sleep(500);
                }
            } finally {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code count} distinct addresses: 70% scanned hosts, 20% other subscribed addresses, 10% unsubscribed. */
    private static int seedInventory(Connection db, HostSource scanned, int count, Random random) throws Exception {
        java.util.Set<Long> unique = new java.util.HashSet<>(count * 2);
        int fromScanned = count * 7 / 10;
        for (int i = 0; i < fromScanned; i++) {
            unique.add(IpAddress.parse(scanned.at(i).ipv4()).ipv4Value());
        }
        while (unique.size() < count) {
            unique.add(random.nextInt(3) < 2 ? (10L << 24) + random.nextInt(1 << 24)
                    : (100L << 24 | 64L << 16) + random.nextInt(1 << 22));
        }
        long[] values = unique.stream().mapToLong(Long::longValue).sorted().toArray();
        StringBuilder copy = new StringBuilder(count * 60);
        long previous = -1;
        int rows = 0;
        for (long v : values) {
            if (v == previous) {
                continue;
            }
            previous = v;
            rows++;
            copy.append("\\\\x").append(IpAddress.ofIpv4(v).toHex())
                    .append("\t2026-11-01 00:00:00+00\t2026-11-29 00:00:00+00\tbenchmark\n");
        }
        db.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY indexed_hosts (ip, first_seen, last_seen, source) FROM STDIN", new StringReader(copy.toString()));
        return rows;
    }

    private static Process startServer(Path keyFile, Path work) throws Exception {
        String micro = System.getProperty("user.home")
                + "/.m2/repository/fish/payara/extras/payara-micro/6.2025.10/payara-micro-6.2025.10.jar";
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1g", "-Dassetmanager.qualys.allowPlainHttp=true",
                "-Dassetmanager.sync.tickSeconds=1", "-Dassetmanager.sync.intervalUnit=SECONDS",
                "-Dassetmanager.keyFile=" + keyFile.toAbsolutePath(), "-jar", micro, "--nocluster", "--port",
                String.valueOf(PORT), "--deploy", "target/assetmanager.war", "--contextroot", "/", "--addlibs",
                "target/server-libs/postgresql.jar", "--postbootcommandfile", "payara-config/post-boot-postgresql.asadmin");
        pb.environment().putAll(Map.of("ASSETMANAGER_DB_HOST", "127.0.0.1", "ASSETMANAGER_DB_PORT", "5432",
                "ASSETMANAGER_DB_NAME", DB, "ASSETMANAGER_DB_USER", "postgres", "ASSETMANAGER_DB_PASSWORD", "unused",
                "ASSETMANAGER_ADMIN_PASSWORD", "benchmark"));
        pb.redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
        return pb.start();
    }

    /** Heap in use (KB) as the JVM reports it; includes garbage not yet collected, so it is an upper bound. */
    private static long heapUsedKb(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(2)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

}
