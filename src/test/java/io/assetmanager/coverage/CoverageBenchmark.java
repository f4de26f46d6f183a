package io.assetmanager.coverage;

import io.assetmanager.bench.BenchDatabase;
import io.assetmanager.bench.Stats;
import io.assetmanager.counts.CountsRepository;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.sets.SetSpec;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Times the dashboard on PostgreSQL at the design scale: 1,000,000 indexed hosts, 1,000,000 scanned hosts and a
 * subscription of 16.7M+ addresses in thousands of ranges, generated from a fixed seed and loaded with COPY. Not a
 * test: run it by hand (docs/BENCHMARKS.md). It resets the {@code public} schema of its database, by default
 * {@code dash_bench} (system properties db.host, db.port, db.name, db.user, db.password). Options: {@code --reuse}
 * (keep the data, apply new migrations), {@code --lists-only} (the list pages only), {@code --export-only},
 * {@code --zones} (the Zone filter's counts and lists only), {@code --zones-h2 N} (the same on an H2 file database
 * with N hosts, loaded as {@code MaintainedCountsBenchmark --h2} loads it), {@code --sparse} (the lists of the few
 * indexed hosts left outside the subscription once Auto-Subscribe has added the others: this option adds them to
 * the stored subscription, so reseed, without {@code --reuse}, before the other measurements).
 */
public final class CoverageBenchmark {

    private static final int RUNS = Integer.getInteger("runs", 5);
    private static final int PAGE = 50;
    private static final int INDEXED = 1_000_000;
    private static final int SCANNED = 1_000_000;
    private static final long SUBSCRIBED_ADDRESSES = 16_800_000L;
    private static final long SPAN_START = 0x0A000000L;
    /** Indexed hosts outside the subscription's span live in 100.64.0.0/10. */
    private static final long OUTSIDE_START = 0x64400000L;
    private static final HexFormat HEX = HexFormat.of();

    private CoverageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.size() == 2 && options.get(0).equals("--zones-h2")) {
            javax.sql.DataSource h2 = io.assetmanager.inventory.MaintainedCountsBenchmark.loadH2(
                    java.nio.file.Path.of("target", "zones-bench-h2"), Integer.parseInt(options.get(1)));
            try (Connection c = h2.getConnection()) {
                timeZones(singleConnection(c), c);
            }
            return;
        }
        System.setProperty("db.name", System.getProperty("db.name", "dash_bench"));
        PGSimpleDataSource pg = TestDatabase.postgresqlDataSource();
        boolean reuse = options.contains("--reuse");
        boolean exportOnly = options.contains("--export-only");
        boolean listsOnly = options.contains("--lists-only");
        try (Connection c = pg.getConnection()) {
            if (!reuse) {
                seed(pg, c);
            } else {
                Flyway.configure().dataSource(pg).locations("classpath:db/migration").load().migrate();
            }
            if (options.contains("--sparse")) {
                timeSparse(c);
                return;
            }
            if (options.contains("--zones")) {
                timeZones(singleConnection(c), c);
                return;
            }
            if (listsOnly) {
                CoverageRepository queries = new CoverageRepository(singleConnection(c));
                for (CoverageSet set : List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.UNMANAGED_BY_ASSET_MANAGER,
                        CoverageSet.MANAGED_BY_BOTH, CoverageSet.STALE)) {
                    timeLists(queries, set);
                }
                return;
            }
            report(singleConnection(c), c, exportOnly);
        }
    }

    /** Resets the database's public schema and loads the data set; the stored base counts are counted last. */
    public static void seed(PGSimpleDataSource pg, Connection c) throws Exception {
        long started = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
        Flyway.configure().dataSource(pg).locations("classpath:db/migration").load().migrate();
        Random random = new Random(20261130L);

        // The subscription: ranges of 1 to 8,000 addresses with gaps of 1 to 500 from 10.0.0.0 on.
        List<long[]> ranges = new ArrayList<>();
        long cursor = SPAN_START;
        long total = 0;
        while (total < SUBSCRIBED_ADDRESSES) {
            long length = 1 + random.nextInt(8000);
            ranges.add(new long[] {cursor, cursor + length - 1});
            total += length;
            cursor += length + 1 + random.nextInt(500);
        }
        long spanEnd = cursor;
        long[] starts = ranges.stream().mapToLong(r -> r[0]).toArray();
        long[] ends = ranges.stream().mapToLong(r -> r[1]).toArray();
        copy(c, "COPY qualys_subscribed_ips (range_start, range_end) FROM STDIN", out -> {
            for (long[] r : ranges) {
                out.append(bytea(r[0])).append('\t').append(bytea(r[1])).append('\n');
            }
        });

        // Indexed hosts: 85% spread over the subscription's span (some fall into its gaps), 15% outside it.
        int inSpan = INDEXED * 85 / 100;
        long[] indexed = new long[INDEXED];
        long step = (spanEnd - SPAN_START) / inSpan;
        long a = SPAN_START;
        for (int i = 0; i < inSpan; i++) {
            a += 1 + random.nextInt((int) (2 * step - 1));
            indexed[i] = a;
        }
        for (int i = inSpan; i < INDEXED; i++) {
            indexed[i] = OUTSIDE_START + 3L * (i - inSpan) + random.nextInt(3);
        }
        copy(c, "COPY indexed_hosts (ip, hostname, mac, first_seen, last_seen, source) FROM STDIN", out -> {
            for (int i = 0; i < INDEXED; i++) {
                out.append(bytea(indexed[i])).append("\thost-").append(i).append(".corp.example.com\t")
                        .append(String.format("02:00:%02x:%02x:%02x:%02x", (i >>> 24) & 0xFF, (i >>> 16) & 0xFF,
                                (i >>> 8) & 0xFF, i & 0xFF))
                        .append("\t2026-06-01 00:00:00+00\t2026-11-29 12:00:00+00\t")
                        .append(i % 3 == 0 ? "nmap" : "dhcp").append('\n');
            }
        });

        // Scanned hosts, all inside the subscription as in Qualys: 70% of the subscribed indexed hosts, the rest
        // subscribed addresses Asset Manager never indexed; 1% of the addresses carry a second Qualys host.
        long[] scanned = new long[SCANNED];
        int m = 0;
        for (int i = 0; i < inSpan && m < SCANNED; i++) {
            if (inRanges(starts, ends, indexed[i]) && random.nextInt(10) < 7) {
                scanned[m++] = indexed[i];
            }
        }
        while (m < SCANNED) {
            int r = random.nextInt(starts.length);
            long candidate = starts[r] + random.nextInt((int) (ends[r] - starts[r] + 1));
            if (Arrays.binarySearch(indexed, 0, inSpan, candidate) < 0) {
                scanned[m++] = candidate;
            }
        }
        for (int i = 0; i < SCANNED / 100; i++) {
            scanned[SCANNED - 1 - i] = scanned[random.nextInt(SCANNED - SCANNED / 100)];
        }
        // Scanned up to 44 days before the seed: with "Stale after 30 days" about a third of them are stale.
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        copy(c, "COPY qualys_scanned_ips (qualys_host_id, ip, dns, netbios, os, tracking_method, last_scan)"
                + " FROM STDIN", out -> {
                    for (int i = 0; i < SCANNED; i++) {
                        out.append(100_000_000L + i).append('\t').append(bytea(scanned[i])).append("\tq-").append(i)
                                .append(".corp.example.com\tQ").append(i).append('\t')
                                .append(i % 2 == 0 ? "Windows Server 2022" : "Ubuntu 24.04").append('\t')
                                .append(i % 5 == 0 ? "AGENT" : "IP").append('\t')
                                .append(today.minusDays(i * 7L % 45)).append(" 03:00:00+00\n");
                    }
                });
        try (Statement st = c.createStatement()) {
            for (int day = 30; day >= 1; day--) {
                st.execute("INSERT INTO sync_runs (trigger_kind, started_at, ended_at, outcome, count_indexed,"
                        + " count_subscribed, count_scanned, count_discovered, capped, group_recreated, qualys_calls,"
                        + " qualys_wait_seconds) VALUES ('TIMER', now() - interval '" + day + " days',"
                        + " now() - interval '" + day + " days' + interval '5 minutes', 'SUCCEEDED', "
                        + (INDEXED - day * 1000) + ", " + total + ", " + (SCANNED - day * 2000) + ", 90000, FALSE,"
                        + " FALSE, 40, 0)");
            }
        }
        // Loaded by COPY: the scanned hosts' marks (V27) as an inventory change would leave them.
        CountsRepository.markAllInInventory(c);
        try (Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE");
        }
        CountsRepository.recount(c);
        System.out.printf("Seeded %,d indexed hosts, %,d scanned hosts, %,d subscribed addresses in %,d ranges"
                + " in %.1f s%n", INDEXED, SCANNED, total, ranges.size(), (System.nanoTime() - started) / 1e9);
    }

    private static boolean inRanges(long[] starts, long[] ends, long ip) {
        int i = Arrays.binarySearch(starts, ip);
        int r = i >= 0 ? i : -i - 2;
        return r >= 0 && ip <= ends[r];
    }

    private static String bytea(long ipv4) {
        return "\\\\x" + HEX.formatHex(IpAddress.ofIpv4(ipv4).toBytes());
    }

    private interface Rows {
        void write(StringBuilder out) throws Exception;
    }

    private static void copy(Connection c, String sql, Rows rows) throws Exception {
        StringBuilder text = new StringBuilder(1 << 20);
        rows.write(text);
        BenchDatabase.copy(c, sql, text);
    }

    /** @param exportOnly only the export, to show it runs in a small heap (-Xmx64m) */
    private static void report(DataSource dataSource, Connection c, boolean exportOnly) throws Exception {
        CoverageRepository queries = new CoverageRepository(dataSource);
        System.out.printf("PostgreSQL %s, Java %s, max heap %d MB; %d timed runs after one warm-up: median [min-max]%n",
                c.getMetaData().getDatabaseProductVersion(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, RUNS);
        CoverageNumbers numbers = queries.numbers(false);
        if (!exportOnly) {
            for (CoverageSet set : CoverageSet.values()) {
                System.out.printf("  %-28s %,15d%n", set.key(), numbers.count(set));
            }
            timeQueries(dataSource, queries, c);
        }
        exportLargestWidget(queries, numbers);
    }

    private static void timeQueries(DataSource dataSource, CoverageRepository queries, Connection c) throws Exception {
        double dashboard = time("dashboard numbers: the stored counts (after a change: MaintainedCountsBenchmark)",
                () -> new CoverageRepository(dataSource).numbers(false));
        time("full count of the base counts (what the first view after a change cost before they were stored)",
                () -> CountsRepository.countAll(c));
        double baseline = time("baseline: |I ∩ S| probing each indexed host (what the range-driven count avoids)",
                () -> scalar(c, "SELECT COUNT(*) FROM indexed_hosts h WHERE COALESCE((SELECT s.range_end FROM"
                        + " qualys_subscribed_ips s WHERE s.range_start <= h.ip ORDER BY s.range_start DESC"
                        + " LIMIT 1) >= h.ip, FALSE)"));
        double rangeDriven = time("range-driven |I ∩ S| (as in the dashboard)",
                () -> scalar(c, "SELECT COALESCE(SUM((SELECT COUNT(*) FROM indexed_hosts h"
                        + " WHERE h.ip BETWEEN s.range_start AND s.range_end)), 0) FROM qualys_subscribed_ips s"));
        System.out.printf("ratio: per-host probe / range-driven count = %.1fx; dashboard / probe count = %.2f%n",
                baseline / rangeDriven, dashboard / baseline);
        for (CoverageSet set : List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.UNMANAGED_BY_ASSET_MANAGER,
                CoverageSet.MANAGED_BY_BOTH, CoverageSet.NOT_SCANNED, CoverageSet.DISCOVERED, CoverageSet.STALE)) {
            timeLists(queries, set);
        }
        time("50-row page of subscribed-only (ranges computed in Java)",
                () -> queries.ranges(CoverageSet.SUBSCRIBED_ONLY.spec(false), ListRequest.firstPage(50)));

    }

    /**
     * What a user of the list page waits for, 50 rows a page: the first page with its total; page 1,000 reached by
     * a jump (its offset) and by "next" from page 999 (keyset); the first page and page 1,000 in each sortable order,
     * both directions; a CIDR filter and a text filter (a rare and a common text), each with its capped total.
     */
    private static void timeLists(CoverageRepository queries, CoverageSet set) throws Exception {
        SetSpec spec = set.spec(false);
        String name = set.key();
        time(name + ": first page with its total", () -> queries.hosts(spec, ListRequest.firstPage(PAGE)));
        boolean indexed = spec.rowKind() == SetSpec.RowKind.INDEXED_HOSTS;
        HostTotal total = queries.hostTotal(spec, ListRequest.firstPage(1));
        for (SortField sort : SortField.values()) {
            if (!sort.sortsList(indexed)) {
                continue;
            }
            for (boolean descending : new boolean[] {false, true}) {
                String order = sort.key() + (descending ? " desc" : " asc");
                ListRequest first = new ListRequest(null, null, sort, descending, 0, PAGE);
                ListRequest page1000 = new ListRequest(null, null, sort, descending, 999 * PAGE, PAGE);
                time(name + " by " + order + ": first page", () -> queries.hostRows(spec, first, null, total));
                time(name + " by " + order + ": page 1,000 by its offset",
                        () -> queries.hostRows(spec, page1000, null, total));
                List<HostRow> page999 = queries.hostRows(spec, new ListRequest(null, null, sort, descending,
                        998 * PAGE, PAGE), null, total);
                time(name + " by " + order + ": page 1,000 as next of page 999", () -> queries.hostRows(spec,
                        page1000, PageSeek.after(page999.get(page999.size() - 1)), total));
            }
        }
        String cidr = set == CoverageSet.UNMANAGED_BY_QUALYS ? "100.64.0.0/16" : "10.16.0.0/16";
        for (String filter : List.of(cidr, "host-12345", "q-4242", "example")) {
            ListRequest request = ListRequest.ofFilter(filter, SortField.IP, false, 0, PAGE);
            HostTotal filtered = queries.hostTotal(spec, request);
            time(name + " filtered by '" + filter + "' (" + filtered.text() + "): first page with its total",
                    () -> queries.hosts(spec, request));
        }
    }

    /**
     * The lists inside I − S once Auto-Subscribe has added all but a few of the indexed hosts outside the subscription
     * (every 30,000th is left out, as if excluded): each read by walking the inventory (the baseline, as before) and
     * from the maintained set I − S, in the same run.
     */
    private static void timeSparse(Connection c) throws Exception {
        DataSource dataSource = singleConnection(c);
        CoverageRepository walk = new CoverageRepository(dataSource, 0);
        CoverageRepository outside = new CoverageRepository(dataSource);
        SetSpec unmanaged = CoverageSet.UNMANAGED_BY_QUALYS.spec(false);
        if (walk.hostTotal(unmanaged, ListRequest.firstPage(1)).value() > 100) {
            IpRangeSet.Builder added = IpRangeSet.builder();
            long[] seen = {0};
            walk.streamHosts(unmanaged, ListRequest.firstPage(1), row -> {
                if (seen[0]++ % 30_000 != 7) {
                    added.add(IpAddress.parse(row.ip()));
                }
            });
            IpRangeSet subscription = added.build().union(walk.addressRanges(CoverageSet.SUBSCRIBED.spec(false),
                    null));
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM qualys_subscribed_ips");
            }
            copy(c, "COPY qualys_subscribed_ips (range_start, range_end) FROM STDIN", out -> {
                for (IpRange r : subscription.ranges()) {
                    out.append("\\\\x").append(HEX.formatHex(r.first().toBytes())).append("\t\\\\x")
                            .append(HEX.formatHex(r.last().toBytes())).append('\n');
                }
            });
            CountsRepository.recount(c);
            c.commit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE qualys_subscribed_ips");
            }
            System.out.printf("Auto-Subscribe's work: %,d of %,d indexed hosts outside the subscription added%n",
                    seen[0] - walk.hostTotal(unmanaged, ListRequest.firstPage(1)).value(), seen[0]);
        }
        System.out.printf("PostgreSQL %s; subscription of %,d ranges; %d timed runs after one warm-up: median"
                + " [min-max]%n", c.getMetaData().getDatabaseProductVersion(),
                walk.numbers(true).subscribedRanges(), RUNS);
        for (CoverageSet set : List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.INDEXED_ONLY,
                CoverageSet.INDEXED_SCANNED)) {
            SetSpec spec = set.spec(false);
            HostTotal total = walk.hostTotal(spec, ListRequest.firstPage(1));
            ListRequest byName = new ListRequest(null, null, SortField.HOSTNAME, true, 0, PAGE);
            ListRequest cidr = ListRequest.ofFilter("100.64.0.0/16", SortField.IP, false, 0, PAGE);
            double[] baseline = {
                time(set.key() + " (" + total.text() + " hosts), walk: first page with its total",
                        () -> walk.hosts(spec, ListRequest.firstPage(PAGE))),
                time(set.key() + ", walk: by hostname desc, first page", () -> walk.hostRows(spec, byName, null, total)),
                time(set.key() + ", walk: filtered by 100.64.0.0/16 with its total", () -> walk.hosts(spec, cidr))};
            double[] fromSet = {
                time(set.key() + ", set I − S: first page with its total",
                        () -> outside.hosts(spec, ListRequest.firstPage(PAGE))),
                time(set.key() + ", set I − S: by hostname desc, first page",
                        () -> outside.hostRows(spec, byName, null, total)),
                time(set.key() + ", set I − S: filtered by 100.64.0.0/16 with its total",
                        () -> outside.hosts(spec, cidr))};
            System.out.printf("ratio walk / set I − S: first page %.1fx, by hostname %.1fx, CIDR %.1fx%n",
                    baseline[0] / fromSet[0], baseline[1] / fromSet[1], baseline[2] / fromSet[2]);
        }
    }

    /**
     * The Zone filter: the numbers of one zone counted live, first with every host in the default zone (no zones
     * given, the worst case), then with the hosts dealt into the default zone and four named zones by their row id
     * (each about a fifth, spread over the whole address space), and a zone's lists.
     */
    private static void timeZones(DataSource dataSource, Connection c) throws Exception {
        CoverageRepository queries = new CoverageRepository(dataSource);
        System.out.printf("%s %s, Java %s; %d timed runs after one warm-up: median [min-max]%n",
                c.getMetaData().getDatabaseProductName(), c.getMetaData().getDatabaseProductVersion(),
                System.getProperty("java.version"), RUNS);
        boolean postgresql = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE indexed_hosts SET zone = 'default' WHERE zone <> 'default'");
            if (postgresql) {
                st.execute("VACUUM ANALYZE indexed_hosts");
            }
        }
        time("numbers, all zones (the maintained counts)", () -> queries.numbers(false, null));
        time("numbers, zone default holding every host (" + queries.numbers(false, "default")
                .count(CoverageSet.INDEXED) + ")", () -> queries.numbers(false, "default"));
        time("numbers, a zone no host is in", () -> queries.numbers(false, "absent"));
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE indexed_hosts SET zone = CASE MOD(id, 5) WHEN 0 THEN 'default' ELSE 'zone-' || MOD(id, 5)"
                    + " END");
            if (postgresql) {
                st.execute("VACUUM ANALYZE indexed_hosts");
            }
        }
        for (String zone : List.of("zone-1", "default")) {
            CoverageNumbers numbers = queries.numbers(false, zone);
            time("numbers, zone " + zone + " (" + numbers.count(CoverageSet.INDEXED) + " hosts)",
                    () -> queries.numbers(false, zone));
        }
        for (CoverageSet set : List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.NOT_SCANNED,
                CoverageSet.MANAGED_BY_BOTH)) {
            if (set == CoverageSet.UNMANAGED_BY_QUALYS && !postgresql) {
                // Its rows are tested by a probe of the subscription each, which walks the ranges' index from its
                // start on H2 (docs/BENCHMARKS.md): minutes a page in any zone at this scale, as in all zones.
                continue;
            }
            SetSpec spec = set.spec(false);
            for (String zone : List.of("zone-1", "default")) {
                ListRequest first = ListRequest.firstPage(PAGE).inZone(zone);
                HostTotal total = queries.hostTotal(spec, first);
                String name = set.key() + " in zone " + zone + " (" + total.text() + ")";
                time(name + ": first page with its total", () -> queries.hosts(spec, first));
                time(name + ": first page", () -> queries.hostRows(spec, first, null, total));
                ListRequest page100 = new ListRequest(null, null, SortField.IP, false, 99 * PAGE, PAGE, zone);
                List<HostRow> page99 = queries.hostRows(spec, new ListRequest(null, null, SortField.IP, false,
                        98 * PAGE, PAGE, zone), null, total);
                time(name + ": page 100 as next of page 99", () -> queries.hostRows(spec, page100,
                        PageSeek.after(page99.get(page99.size() - 1)), total));
                time(name + ": page 100 by its offset", () -> queries.hostRows(spec, page100, null, total));
            }
        }
    }

    /** Exports every indexed host (1,000,000 rows), sampling the used heap as it goes. */
    private static void exportLargestWidget(CoverageRepository queries, CoverageNumbers numbers) throws Exception {
        CoverageSet exported = CoverageSet.INDEXED;
        CountingWriter sink = new CountingWriter();
        double ms = time("full CSV export of " + exported.key() + " (" + numbers.count(exported) + " rows)", () -> {
            sink.reset();
            CoverageCsv.writeHosts(queries, exported.spec(false), ListRequest.firstPage(1), sink);
            return sink;
        });
        System.out.printf("export: %,d lines, %,d characters, %,.0f rows/s, peak used heap %d MB of max %d MB%n",
                sink.lines, sink.chars, sink.lines / (ms / 1000), sink.peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static Object scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1);
        }
    }

    private static double time(String what, Callable<?> work) throws Exception {
        work.call();
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            work.call();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Stats stats = Stats.of(ms);
        System.out.printf("%-95s %10.1f ms [%.1f-%.1f]  load %s%n", what, stats.median(), stats.min(), stats.max(),
                loadAverage());
        return stats.median();
    }

    private static String loadAverage() throws IOException {
        String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** One open connection handed out again and again, as a container pool would, so timings exclude connects. */
    public static DataSource singleConnection(Connection c) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                        : invoke(c, method, args));
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class CountingWriter extends Writer {
        long chars;
        long lines;
        long peakHeap;

        void reset() {
            chars = 0;
            lines = 0;
        }

        private void line() {
            lines++;
            if (lines % 10_000 == 0) {
                Runtime r = Runtime.getRuntime();
                peakHeap = Math.max(peakHeap, r.totalMemory() - r.freeMemory());
            }
        }

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    line();
                }
            }
        }

        @Override
        public void write(String s) {
            chars += s.length();
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line();
                }
            }
        }

        @Override
        public void write(int ch) {
            chars++;
            if (ch == '\n') {
                line();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
        }
    }
}
