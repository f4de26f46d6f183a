package io.assetmanager.inventory;

import io.assetmanager.bench.Stats;
import io.assetmanager.counts.CountsRepository;
import io.assetmanager.coverage.CoverageBenchmark;
import io.assetmanager.coverage.CoverageRepository;
import io.assetmanager.coverage.TestDatabase;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Times the maintained dashboard counts on PostgreSQL at 1,000,000 hosts (the data set of {@link CoverageBenchmark}):
 * the dashboard's numbers on the first view after a change (an upload, a sync run's snapshot) and on later views,
 * what keeping the counts adds to an upload of 10,000 hosts, to a delete by range and to a snapshot replacement, and
 * the full count that the first view used to pay. Not a test: run it by hand (docs/BENCHMARKS.md). It resets the
 * {@code public} schema of its database, by default {@code counts_bench}; {@code --reuse} keeps the data;
 * {@code --h2 N} runs it on an H2 file database with N hosts instead.
 */
public final class MaintainedCountsBenchmark {

    private static final int RUNS = 5;
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 6, 0, 0, 0, 0, ZoneOffset.UTC);
    /** A host outside the data set's addresses: uploading it is the smallest change of the inventory. */
    private static final IpAddress ONE_HOST = IpAddress.parse("198.18.0.1");

    private MaintainedCountsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--h2")) {
            h2(Integer.parseInt(args[1]));
            return;
        }
        System.setProperty("db.name", System.getProperty("db.name", "counts_bench"));
        PGSimpleDataSource pg = TestDatabase.postgresqlDataSource();
        try (Connection c = pg.getConnection()) {
            if (!List.of(args).contains("--reuse")) {
                CoverageBenchmark.seed(pg, c);
            }
            System.out.printf(Locale.ROOT, "PostgreSQL %s, Java %s; %d timed runs after one warm-up: median [min-max]"
                    + " (load average)%n", c.getMetaData().getDatabaseProductVersion(),
                    System.getProperty("java.version"), RUNS);
            run(c, CoverageBenchmark.singleConnection(c));
        }
    }

    /**
     * The same on a fresh H2 file database under target/ (the embedded default) with {@code hosts} indexed and
     * scanned hosts spread like CoverageBenchmark's, inserted in JDBC batches.
     */
    private static void h2(int hosts) throws Exception {
        JdbcDataSource h2 = loadH2(Path.of("target", "counts-bench-h2"), hosts);
        try (Connection c = h2.getConnection()) {
            run(c, CoverageBenchmark.singleConnection(c));
        }
    }

    /**
     * A fresh H2 file database at {@code file} with {@code hosts} indexed and scanned hosts spread like
     * CoverageBenchmark's, inserted in JDBC batches, its counts counted; for this benchmark and the zones' one.
     */
    public static JdbcDataSource loadH2(Path file, int hosts) throws Exception {
        Files.deleteIfExists(Path.of(file + ".mv.db"));
        JdbcDataSource h2 = new JdbcDataSource();
        // Without reusing results: H2 would answer a repeated query from its cache while the tables are unchanged.
        h2.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=LEGACY;OPTIMIZE_REUSE_RESULTS=FALSE");
        h2.setUser("sa");
        h2.setPassword("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        try (Connection c = h2.getConnection()) {
            long started = System.nanoTime();
            Random random = new Random(20261206L);
            List<long[]> ranges = new ArrayList<>();
            long cursor = 0x0A000000L;
            for (long total = 0; total < 16_800_000L; ) {
                long length = 1 + random.nextInt(8000);
                ranges.add(new long[] {cursor, cursor + length - 1});
                total += length;
                cursor += length + 1 + random.nextInt(500);
            }
            long step = (cursor - 0x0A000000L) / hosts;
            c.setAutoCommit(false);
            insert(c, "INSERT INTO qualys_subscribed_ips (range_start, range_end) VALUES (?, ?)", ranges.size(),
                    (ps, i) -> {
                        ps.setBytes(1, IpAddress.ofIpv4(ranges.get(i)[0]).toBytes());
                        ps.setBytes(2, IpAddress.ofIpv4(ranges.get(i)[1]).toBytes());
                    });
            insert(c, "INSERT INTO indexed_hosts (ip, first_seen, last_seen, source) VALUES (?, CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP, 'benchmark')", hosts,
                    (ps, i) -> ps.setBytes(1, IpAddress.ofIpv4(0x0A000000L + i * step).toBytes()));
            // Scanned: every other indexed host's address, and as many addresses between them.
            insert(c, "INSERT INTO qualys_scanned_ips (qualys_host_id, ip) VALUES (?, ?)", hosts, (ps, i) -> {
                ps.setLong(1, i);
                ps.setBytes(2, IpAddress.ofIpv4(0x0A000000L + (i / 2) * 2 * step + (i % 2) * (step / 2)).toBytes());
            });
            CountsRepository.markAllInInventory(c);
            c.commit();
            c.setAutoCommit(true);
            CountsRepository.recount(c);
            System.out.printf(Locale.ROOT, "H2 %s file database: %,d indexed and %,d scanned hosts, %,d ranges,"
                    + " loaded in %.1f s%n", c.getMetaData().getDatabaseProductVersion(), hosts, hosts, ranges.size(),
                    (System.nanoTime() - started) / 1e9);
        }
        return h2;
    }

    private interface Row {
        void bind(PreparedStatement ps, int i) throws SQLException;
    }

    private static void insert(Connection c, String sql, int rows, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < rows; i++) {
                row.bind(ps, i);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }

    private static void run(Connection c, DataSource dataSource) throws Exception {
        // This machine's PostgreSQL runs without autovacuum: start from a vacuumed database.
        vacuum(c, "");
        time("full count (the first view after a change before; now a change of more than 100,000 hosts)",
                () -> CountsRepository.countAll(c));

        List<Double> first = new ArrayList<>();
        List<Double> later = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            inTransaction(c, () -> new InventoryWriter.Merge(c, batch(List.of(ONE_HOST)), IngestMode.MERGE,
                    "benchmark", NOW).run());
            double f = millis(() -> new CoverageRepository(dataSource).numbers(false));
            double l = millis(() -> new CoverageRepository(dataSource).numbers(false));
            inTransaction(c, () -> InventoryWriter.deleteRange(c, IpRange.of(ONE_HOST)));
            if (i > 0) {
                first.add(f);
                later.add(l);
            }
        }
        print("dashboard numbers, first view after an upload of one host", Stats.of(first));
        print("dashboard numbers, the view after that", Stats.of(later));

        // 10,000 addresses inside the subscription's span; about 1 in 20 is indexed already.
        List<IpAddress> upload = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            upload.add(IpAddress.ofIpv4(0x0A800000L + 6L * i));
        }
        UploadBatch batch = batch(upload);
        time("upload of 10,000 hosts, the writer's whole transaction (rolled back)", () -> {
            c.setAutoCommit(false);
            try {
                return new InventoryWriter.Merge(c, batch, IngestMode.MERGE, "benchmark", NOW).run();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
        vacuum(c, " indexed_hosts");
        time("  of which keeping the counts: membership probes of the 10,000 addresses",
                () -> CountsRepository.countAddresses(c, upload));
        IpRange deleted = IpRange.parse("10.128.0.0-10.131.255.255");
        time("  a delete of " + CountsRepository.indexedIn(c, deleted, 100_001).size() + " hosts by range: reading"
                + " and looking them up first", () -> CountsRepository.countAddresses(c,
                        CountsRepository.indexedIn(c, deleted, 100_001)));

        snapshot(c, dataSource);
    }

    /**
     * A sync run's snapshot transaction with the same Qualys hosts again: take the counts, replace M, count again,
     * commit; then the dashboard's first view.
     */
    private static void snapshot(Connection c, DataSource dataSource) throws Exception {
        execute(c, "DROP TABLE IF EXISTS scanned_copy", "CREATE TABLE scanned_copy AS SELECT qualys_host_id, ip, dns,"
                + " netbios, os, tracking_method, last_scan FROM qualys_scanned_ips");
        List<Double> replace = new ArrayList<>();
        List<Double> recount = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            CountsRepository.lock(c);
            // Marked as a run's insert marks them (V27), which is part of the replace's cost.
            execute(c, "DELETE FROM qualys_scanned_ips", "INSERT INTO qualys_scanned_ips (qualys_host_id, ip, dns,"
                    + " netbios, os, tracking_method, last_scan, in_inventory) SELECT s.*, EXISTS (SELECT 1 FROM"
                    + " indexed_hosts h WHERE h.ip = s.ip) FROM scanned_copy s");
            long t1 = System.nanoTime();
            CountsRepository.recount(c);
            long t2 = System.nanoTime();
            c.commit();
            c.setAutoCommit(true);
            double f = millis(() -> new CoverageRepository(dataSource).numbers(false));
            vacuum(c, " qualys_scanned_ips");
            if (i > 0) {
                replace.add((t1 - t0) / 1e6);
                recount.add((t2 - t1) / 1e6);
                first.add(f);
            }
        }
        print("snapshot replacement of every scanned host (delete, insert)", Stats.of(replace));
        print("  added to it: counting everything again in its transaction", Stats.of(recount));
        print("dashboard numbers, first view after the snapshot replacement", Stats.of(first));
        execute(c, "DROP TABLE scanned_copy");
    }

    private static UploadBatch batch(List<IpAddress> addresses) {
        UploadBatch batch = new UploadBatch(addresses.size());
        long line = 1;
        for (IpAddress a : addresses) {
            batch.host(line++, a, null, null, null);
        }
        batch.sortAndDeduplicate();
        return batch;
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static void inTransaction(Connection c, Work work) throws Exception {
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (Exception e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static double millis(Work work) throws Exception {
        long t = System.nanoTime();
        work.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private static void time(String what, Work work) throws Exception {
        work.run();
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            ms[i] = millis(work);
        }
        print(what, Stats.of(ms));
    }

    private static void print(String what, Stats stats) {
        System.out.printf(Locale.ROOT, "%-100s %10.1f ms [%.1f-%.1f] (load %s)%n", what, stats.median(), stats.min(),
                stats.max(), loadAverage());
    }

    private static void vacuum(Connection c, String table) throws SQLException {
        if (isPostgres(c)) {
            execute(c, "VACUUM ANALYZE" + table);
        }
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
