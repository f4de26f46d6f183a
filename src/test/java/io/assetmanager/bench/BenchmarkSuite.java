package io.assetmanager.bench;

import io.assetmanager.counts.CountsRepository;
import io.assetmanager.inventory.InventoryBenchmark;
import io.assetmanager.it.WebSession;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.net.RangeAlgebraBenchmark;
import io.assetmanager.qualys.simulator.QualysSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The whole benchmark in one command ({@code .ci/bench}; docs/BENCHMARKS.md): for each scale it generates the data
 * from a fixed seed, recreates the PostgreSQL database {@code am_bench}, starts the Qualys simulator and the packaged
 * WAR on Payara Micro, and measures the set algebra (against sort/comm on the same addresses), the inventory ingest
 * (against PostgreSQL's own COPY of the same rows), full sync runs per step, the dashboard, list and inventory pages,
 * the CSV export, the server's peak heap (used, and after GC) and resident memory per phase with the machine's load
 * average, the simulator's own cost of the host list beside the run's step, and at one scale a load test of
 * dashboard users during a sync run. Every figure is the median of several runs with min and max. Prints a markdown
 * table and writes it under target/bench/.
 *
 * <p>Options: {@code --scale 100k,1m} (hosts: indexed and scanned), {@code --runs 3}, {@code --load-scale 1m}
 * ({@code none}: no load test), {@code --users 50}, {@code --load-seconds 60}, {@code --think-ms 0},
 * {@code --heap 512m} (the server's -Xmx), {@code --seed 42}.
 */
public final class BenchmarkSuite {

    private static final String DATABASE = "am_bench";
    private static final List<String> WIDGETS = List.of("unmanaged-by-qualys", "unmanaged-by-asset-manager",
            "managed-by-both");
    /** The lists exported: the product's widget, and every indexed host (the export of the most rows). */
    private static final List<String> EXPORTED = List.of("managed-by-both", "indexed");

    private final int runs;
    private final String loadScale;
    private final int users;
    private final int loadSeconds;
    private final long thinkMillis;
    private final String heap;
    private final long seed;
    private final Path work;
    private final Path resultsFile;
    private final Results results = new Results();
    private final List<String> notes = new ArrayList<>();

    private BenchmarkSuite(Map<String, String> options) throws IOException {
        runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        loadScale = options.getOrDefault("load-scale", "1m");
        users = Integer.parseInt(options.getOrDefault("users", "50"));
        loadSeconds = Integer.parseInt(options.getOrDefault("load-seconds", "60"));
        thinkMillis = Long.parseLong(options.getOrDefault("think-ms", "0"));
        heap = options.getOrDefault("heap", "512m");
        seed = Long.parseLong(options.getOrDefault("seed", String.valueOf(BenchDataset.DEFAULT_SEED)));
        work = Files.createDirectories(Path.of("target", "bench"));
        resultsFile = work.resolve("results-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"))
                + ".md");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                System.err.println("usage: BenchmarkSuite [--scale 100k,1m] [--runs 3] [--load-scale 1m|none]"
                        + " [--users 50] [--load-seconds 60] [--think-ms 0] [--heap 512m] [--seed 42]");
                System.exit(2);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        BenchmarkSuite suite = new BenchmarkSuite(options);
        long started = System.nanoTime();
        suite.environment();
        for (String scale : options.getOrDefault("scale", "100k,1m").split(",")) {
            suite.scale(scale.strip().toLowerCase(Locale.ROOT));
            // Written after every scale, so a long run that is stopped still leaves the figures it has.
            suite.report(false);
        }
        suite.notes.add(String.format(Locale.ROOT, "Whole suite: %.1f min; load average at the end: %s",
                (System.nanoTime() - started) / 60e9, loadAverage()));
        suite.report(true);
    }

    static int hosts(String scale) {
        if (scale.endsWith("m")) {
            return (int) (Double.parseDouble(scale.substring(0, scale.length() - 1)) * 1_000_000);
        }
        if (scale.endsWith("k")) {
            return (int) (Double.parseDouble(scale.substring(0, scale.length() - 1)) * 1_000);
        }
        return Integer.parseInt(scale);
    }

    private void environment() throws IOException, InterruptedException {
        notes.add("Date: " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16)
                + "; Java " + System.getProperty("java.version") + "; " + Runtime.getRuntime().availableProcessors()
                + " cores; " + firstLine("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
                + "; " + firstLine("sh", "-c", "free -g | awk '/Mem:/ {print $2 \" GB RAM\"}'")
                + "; PostgreSQL " + firstLine("psql", "-h", BenchDatabase.host(), "-p", BenchDatabase.port(), "-U",
                BenchDatabase.user(), "-d", "postgres", "-Atc", "SHOW server_version")
                + " (autovacuum " + firstLine("psql", "-h", BenchDatabase.host(), "-p", BenchDatabase.port(), "-U",
                BenchDatabase.user(), "-d", "postgres", "-Atc", "SHOW autovacuum") + ")");
        notes.add("Load average at the start: " + loadAverage());
        notes.add("Runs per figure: " + runs + "; server: Payara Micro 6.2025.10, -Xmx" + heap + "; seed " + seed);
    }

    // ------------------------------------------------------------------------------------------------ one scale

    private void scale(String scale) throws Exception {
        int hosts = hosts(scale);
        System.out.printf(Locale.ROOT, "%n=== %s: %,d indexed and %,d scanned hosts (load average %s)%n", scale, hosts,
                hosts, loadAverage());
        BenchDataset data = BenchDataset.generate(hosts, seed);
        results.scale(scale, hosts);
        results.put("Data", "subscription (ranges / addresses)", scale, String.format(Locale.ROOT, "%,d / %s",
                data.subscription().rangeCount(), String.format(Locale.ROOT, "%,d", data.subscription().size())));
        setAlgebra(scale, data);

        try (BenchDatabase db = BenchDatabase.recreate(DATABASE);
             QualysSimulator sim = QualysSimulator.start(data.scenario(), 0)) {
            db.execute("CREATE TABLE copy_baseline (LIKE indexed_hosts INCLUDING ALL)");
            Path keyFile = work.resolve("secret.key");
            SyncRunBenchmark.configure(db.connection(), sim, keyFile);
            long boot = System.nanoTime();
            try (AppServer server = AppServer.start(db.name(), keyFile, work.resolve("server-" + scale + ".log"),
                    heap, List.of())) {
                server.awaitReady(Duration.ofMinutes(15));
                results.put("Server", "start-up until the login page answers", scale,
                        String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - boot) / 1e9));
                try (MemorySampler memory = new MemorySampler(server.pid(), 200, server.gcLog())) {
                    memory(scale, "after start-up", memory.phase());
                    ingest(scale, data, db, server);
                    memory(scale, "ingest", memory.phase());
                    sync(scale, db, server, sim);
                    memory(scale, "sync runs", memory.phase());
                    pages(scale, db, server);
                    memory(scale, "pages", memory.phase());
                    export(scale, server);
                    memory(scale, "CSV export", memory.phase());
                    if (scale.equals(loadScale)) {
                        load(scale, server);
                        memory(scale, "load test", memory.phase());
                    }
                    results.put("Memory", "server peak RSS over the whole run (VmHWM)", scale,
                            String.format(Locale.ROOT, "%,d MiB", memory.highWaterMarkKiB() >> 10),
                            memory.highWaterMarkKiB() / 1024.0);
                }
            }
        }
    }

    private void memory(String scale, String phase, MemorySampler.Peak peak) {
        results.put("Memory", "server peak heap used / after GC / peak RSS (load average): " + phase, scale,
                String.format(Locale.ROOT, "%,d / %s / %,d MiB (%s)", peak.heapMiB(), peak.afterGc(), peak.rssMiB(),
                        peak.load()), (double) peak.heapMiB());
        System.out.printf(Locale.ROOT, "  memory during %s: peak heap used %,d MiB, after GC %s MiB, peak RSS %,d MiB;"
                + " load average %s%n", phase, peak.heapMiB(), peak.afterGc(), peak.rssMiB(), peak.load());
    }

    /** I − M in memory against {@code sort -u} + {@code comm -23} of the same addresses as text. */
    private void setAlgebra(String scale, BenchDataset data) throws Exception {
        long[] indexed = data.indexed();
        long[] scanned = data.scanned();
        Stats ranges = time(() -> {
            IpRangeSet i = RangeAlgebraBenchmark.build(indexed);
            IpRangeSet m = RangeAlgebraBenchmark.build(scanned);
            return i.difference(m);
        }, true);
        Stats comm = RangeAlgebraBenchmark.sortComm(RangeAlgebraBenchmark.asText(indexed),
                RangeAlgebraBenchmark.asText(scanned), runs).scaled(1e-3);
        results.put("Set algebra", "I − M: both range sets built from unsorted addresses, then the difference",
                scale, ranges);
        results.put("Set algebra", "baseline: sort -u both + comm -23, same addresses as text (LC_ALL=C)", scale,
                comm);
        results.ratio("Set algebra", "ratio baseline / range sets", scale, comm, ranges);
    }

    /** POST of the indexed hosts into an empty inventory, against COPY of the same rows into a plain table. */
    private void ingest(String scale, BenchDataset data, BenchDatabase db, AppServer server) throws Exception {
        byte[] upload = data.indexedAsText();
        byte[] rows = data.indexedAsCopyRows("copy-baseline");
        InventoryBenchmark inventory = new InventoryBenchmark(server.base(), AppServer.ADMIN_PASSWORD, server.pid(),
                null);
        List<Double> posts = new ArrayList<>();
        List<Double> copies = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            db.execute("TRUNCATE indexed_hosts");
            // The truncation bypasses the application: count again, so the upload starts from true counts.
            CountsRepository.recount(db.connection());
            db.execute("CHECKPOINT");
            posts.add(inventory.upload(upload));
            db.execute("TRUNCATE copy_baseline");
            db.execute("CHECKPOINT");
            long t = System.nanoTime();
            BenchDatabase.copy(db.connection(), "COPY copy_baseline (ip, first_seen, last_seen, source) FROM STDIN",
                    rows);
            copies.add((System.nanoTime() - t) / 1e9);
            System.out.printf(Locale.ROOT, "  ingest run %d: POST %.2f s, COPY %.2f s%n", i + 1, posts.get(i),
                    copies.get(i));
        }
        db.execute("DROP TABLE copy_baseline");
        db.execute("VACUUM ANALYZE indexed_hosts");
        Stats post = Stats.of(posts);
        Stats copy = Stats.of(copies);
        results.put("Ingest", "upload size (text/plain, one address per line)", scale,
                String.format(Locale.ROOT, "%.1f MB", upload.length / 1e6));
        results.put("Ingest", "POST of the indexed hosts into an empty inventory, until committed", scale, post);
        results.put("Ingest", "baseline: COPY of the same rows into a table like indexed_hosts (same indexes)",
                scale, copy);
        results.ratio("Ingest", "ratio POST / COPY", scale, post, copy);
    }

    private void sync(String scale, BenchDatabase db, AppServer server, QualysSimulator sim) throws Exception {
        List<SyncRunBenchmark.RunRecord> records = new ArrayList<>();
        List<Double> simulatorCpu = new ArrayList<>();
        List<Double> simulatorWall = new ArrayList<>();
        List<Double> serverCpu = new ArrayList<>();
        QualysSimulator.Serving served = null;
        for (int i = 0; i < runs; i++) {
            QualysSimulator.Serving before = sim.hostListServing();
            String load = loadAverage();
            double cpu = server.cpuSeconds();
            SyncRunBenchmark.RunRecord run = SyncRunBenchmark.runNow(server.base(), AppServer.ADMIN_PASSWORD,
                    db.connection(), Duration.ofMinutes(30));
            serverCpu.add(server.cpuSeconds() - cpu);
            served = sim.hostListServing().minus(before);
            simulatorCpu.add(served.cpuSeconds());
            simulatorWall.add(served.wallSeconds());
            System.out.println("  " + run.describe().replace("\n", "\n  "));
            System.out.printf(Locale.ROOT, "  load average at the start %s, at the end %s; server CPU time %.1f s;"
                    + " the simulator served the host list in %,d answers, %,.0f MB, %.2f s of CPU (%.2f s writing,"
                    + " reader's pace included)%n", load, loadAverage(), serverCpu.get(i), served.answers(),
                    served.bytes() / 1e6, served.cpuSeconds(), served.wallSeconds());
            if (!run.outcome().equals("SUCCEEDED")) {
                throw new IllegalStateException("sync run failed: " + run.error());
            }
            records.add(run);
            // This machine's PostgreSQL runs without autovacuum; each run leaves dead rows behind.
            db.execute("VACUUM ANALYZE");
        }
        results.put("Sync run", "addresses the first run adds to the subscription (|A|)", scale,
                String.format(Locale.ROOT, "%,d", Long.parseLong(records.get(0).added())));
        Stats all = Stats.of(records.stream().mapToDouble(SyncRunBenchmark.RunRecord::seconds).toArray());
        results.put("Sync run", "whole run; Qualys calls per run", scale, all.seconds() + "; "
                + calls(records), all.median());
        SyncRunBenchmark.RunRecord first = records.get(0);
        results.put("Sync run", "first run (empty snapshot, adds |A|); Qualys calls", scale, String.format(Locale.ROOT,
                "%s; %,d calls", Stats.of(first.seconds()).seconds().replaceAll(" \\(.*", ""), first.qualysCalls()));
        if (records.size() > 1) {
            List<SyncRunBenchmark.RunRecord> later = records.subList(1, records.size());
            results.put("Sync run", "later runs (Qualys data unchanged); Qualys calls", scale,
                    Stats.of(later.stream().mapToDouble(SyncRunBenchmark.RunRecord::seconds).toArray()).seconds()
                            + "; " + calls(later));
        }
        // Wall time on a shared machine depends on its load; the CPU time the server spent hardly does.
        results.put("Sync run", "server CPU time per run, all threads (GC included)", scale, Stats.of(serverCpu));
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        for (SyncRunBenchmark.RunRecord r : records) {
            r.stepMillis().forEach((step, ms) -> steps.computeIfAbsent(step, s -> new ArrayList<>()).add(ms / 1e3));
        }
        steps.forEach((step, seconds) -> results.put("Sync run", "step: " + step
                + (seconds.size() < records.size() ? " (first run only)" : ""), scale, Stats.of(seconds)));
        SyncRunBenchmark.RunRecord last = records.get(records.size() - 1);
        results.put("Sync run", "Qualys calls per run (last run) / |D| pushed", scale,
                String.format(Locale.ROOT, "%,d / %s", last.qualysCalls(), last.discovered()));

        // The simulator's share of "Fetching the scanned hosts": its CPU time during the runs, and the whole host list
        // served alone (same page size) to a client that discards it.
        int pageSize = HostListServing.lastPageSize(sim, 1000);
        List<Double> alone = new ArrayList<>();
        HostListServing.Served s = null;
        for (int i = 0; i < runs; i++) {
            s = HostListServing.serveAlone(sim, pageSize);
            alone.add(s.seconds());
        }
        System.out.printf(Locale.ROOT, "  the host list served alone: %s, %,d pages of %,d, %,.0f MB%n",
                Stats.of(alone).seconds(), s.pages(), pageSize, s.bytes() / 1e6);
        String section = "Simulator (host list)";
        results.put(section, "answers per run (page size) / MB", scale, String.format(Locale.ROOT,
                "%,d (%,d) / %,.0f MB", served.answers(), pageSize, served.bytes() / 1e6));
        results.put(section, "simulator CPU time serving it during a run", scale, Stats.of(simulatorCpu));
        results.put(section, "served alone to a client that discards it (wall time)", scale, Stats.of(alone));
        Stats fetch = Stats.of(steps.get("Fetching the scanned hosts from Qualys"));
        results.ratio(section, "ratio step \"Fetching the scanned hosts\" / served alone", scale, fetch,
                Stats.of(alone));
    }

    private static String calls(List<SyncRunBenchmark.RunRecord> records) {
        Stats calls = Stats.of(records.stream().mapToDouble(SyncRunBenchmark.RunRecord::qualysCalls).toArray());
        return calls.min() == calls.max() ? String.format(Locale.ROOT, "%,.0f calls", calls.median())
                : calls.plain(0, " calls");
    }

    private void pages(String scale, BenchDatabase db, AppServer server) throws Exception {
        WebSession session = new WebSession(server.base().toURL());
        session.logIn("admin", AppServer.ADMIN_PASSWORD);
        int samples = Math.max(5, runs);
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        InventoryBenchmark inventory = new InventoryBenchmark(server.base(), AppServer.ADMIN_PASSWORD, server.pid(),
                null);
        for (int i = 0; i < samples + 1; i++) {
            // An upload of a new host changes the inventory (and the counts it keeps) before the next view.
            inventory.upload((IpAddress.ofIpv4((198L << 24 | 18L << 16) + i) + "\n").getBytes(StandardCharsets.US_ASCII));
            double c = page(session, "/", "IPs Unmanaged by Qualys");
            double w = page(session, "/", "IPs Unmanaged by Qualys");
            if (i > 0) {
                cold.add(c);
                warm.add(w);
            }
        }
        results.put("Pages", "dashboard, first view after the data changed", scale, Stats.of(cold));
        results.put("Pages", "dashboard, data unchanged", scale, Stats.of(warm));
        for (String widget : WIDGETS) {
            results.put("Pages", "list page coverage.xhtml?set=" + widget + " (50 rows and the total)", scale,
                    time(() -> page(session, "/coverage.xhtml?set=" + widget, "listForm"), false, samples));
        }
        results.put("Pages", "inventory page, first render (50 rows and the count)", scale,
                time(() -> page(session, "/inventory.xhtml", "hostsForm"), false, samples));
    }

    /** Seconds until the whole page arrived, checking that it is the logged-in page. */
    private static double page(WebSession session, String path, String marker) {
        long t = System.nanoTime();
        HttpResponse<String> r = session.send(HttpRequest.newBuilder(session.resolve(path))
                .timeout(Duration.ofMinutes(2)).GET().build());
        double seconds = (System.nanoTime() - t) / 1e9;
        if (r.statusCode() != 200 || !r.body().contains(marker) || !r.body().contains("id=\"logout\"")) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
        return seconds;
    }

    private void export(String scale, AppServer server) throws Exception {
        for (String set : EXPORTED) {
            export(scale, server, set);
        }
    }

    private void export(String scale, AppServer server, String set) throws Exception {
        WebSession session = new WebSession(server.base().toURL());
        session.logIn("admin", AppServer.ADMIN_PASSWORD);
        long[] size = new long[2];
        Stats stats = time(() -> {
            HttpResponse<InputStream> r = session.send(HttpRequest.newBuilder(
                    session.resolve("/coverage/export?set=" + set)).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("export answered " + r.statusCode());
            }
            size[0] = bytes;
            size[1] = lines;
            return null;
        }, false, runs);
        results.put("Export", "rows and size of the export of " + set, scale,
                String.format(Locale.ROOT, "%,d rows, %.0f MB", size[1] - 1, size[0] / 1e6));
        results.put("Export", "CSV export of " + set + ", whole file", scale, stats);
    }

    private void load(String scale, AppServer server) throws Exception {
        System.out.printf(Locale.ROOT, "  load test: %d users for %d s (load average %s)%n", users, loadSeconds,
                loadAverage());
        DashboardLoad.Result r = DashboardLoad.run(server.base(), "viewer", AppServer.VIEWER_PASSWORD, AppServer.ADMIN_PASSWORD,
                users, Duration.ofSeconds(loadSeconds), thinkMillis);
        System.out.print(r.describe().indent(2));
        String section = "Load test (" + users + " users, " + loadSeconds + " s, think time " + thinkMillis
                + " ms, sync runs going)";
        for (DashboardLoad.PageLatency p : r.pages()) {
            results.put(section, p.page() + ": p50 / p95 / p99 (requests)", scale, String.format(Locale.ROOT,
                    "%,.0f / %,.0f / %,.0f ms (%,d)", p.p50(), p.p95(), p.p99(), p.requests()));
        }
        results.put(section, "requests/s; errors; sync runs started", scale, String.format(Locale.ROOT,
                "%.1f; %d; %d", r.requestsPerSecond(), r.errors(), r.syncRunsStarted()));
        results.put(section, "errors by kind", scale, r.errorKinds().isEmpty() ? "none" : String.join("; ",
                r.errorKinds().entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).toList()));
        r.firstErrors().forEach(e -> notes.add("Load test error (" + scale + "): " + e));
    }

    /** Runs the work once untimed (unless {@code warmUp} is false), then {@link #runs} times; seconds. */
    private Stats time(Callable<?> work, boolean warmUp) throws Exception {
        return time(work, warmUp, runs);
    }

    private static Stats time(Callable<?> work, boolean warmUp, int times) throws Exception {
        if (warmUp) {
            work.call();
        }
        double[] seconds = new double[times];
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            work.call();
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        return Stats.of(seconds);
    }

    // --------------------------------------------------------------------------------------------------- output

    private void report(boolean print) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("## Benchmark suite\n\n");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n').append(results.table()).append('\n').append(results.growth());
        String text = md.toString();
        Files.writeString(resultsFile, text);
        if (print) {
            System.out.println();
            System.out.println(text);
            System.out.println("Written to " + resultsFile);
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

    private static String firstLine(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        int nl = out.indexOf('\n');
        return nl < 0 ? out : out.substring(0, nl);
    }

    /** The figures by section and row, one column per scale; medians kept for the growth table. */
    private static final class Results {
        private final Map<String, Integer> scales = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        private final Map<String, Map<String, Double>> medians = new LinkedHashMap<>();

        void scale(String scale, int hosts) {
            scales.put(scale, hosts);
        }

        void put(String section, String row, String scale, Stats seconds) {
            put(section, row, scale, seconds.seconds(), seconds.median());
        }

        void put(String section, String row, String scale, String cell) {
            put(section, row, scale, cell, null);
        }

        void put(String section, String row, String scale, String cell, Double median) {
            String key = section + "\u0000" + row;
            cells.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(scale, cell);
            if (median != null) {
                medians.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(scale, median);
            }
        }

        void ratio(String section, String row, String scale, Stats numerator, Stats denominator) {
            put(section, row, scale, String.format(Locale.ROOT, "%.1fx", numerator.median() / denominator.median()));
        }

        String table() {
            StringBuilder t = new StringBuilder("| | figure |");
            scales.keySet().forEach(s -> t.append(' ').append(s).append(" median (min-max) |"));
            t.append("\n|---|---|").append("---|".repeat(scales.size())).append('\n');
            String lastSection = null;
            for (Map.Entry<String, Map<String, String>> e : cells.entrySet()) {
                String[] key = e.getKey().split("\u0000");
                t.append("| ").append(key[0].equals(lastSection) ? "" : "**" + key[0] + "**").append(" | ")
                        .append(cell(key[1])).append(" |");
                for (String s : scales.keySet()) {
                    t.append(' ').append(cell(e.getValue().getOrDefault(s, ""))).append(" |");
                }
                t.append('\n');
                lastSection = key[0];
            }
            return t.toString();
        }

        /** A table cell: a | inside (as in |A|) would end it. */
        private static String cell(String text) {
            return text.replace("|", "\\|");
        }

        /** Between the smallest and the largest scale: how each median grew, and per host at the largest. */
        String growth() {
            if (scales.size() < 2) {
                return "";
            }
            List<String> names = new ArrayList<>(scales.keySet());
            String small = names.get(0);
            String large = names.get(names.size() - 1);
            double factor = (double) scales.get(large) / scales.get(small);
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%nGrowth from %s to %s hosts (x%.0f):%n%n"
                    + "| figure | %s | %s | growth | per host at %s |%n|---|---|---|---|---|%n", small, large, factor,
                    small, large, large));
            for (Map.Entry<String, Map<String, Double>> e : medians.entrySet()) {
                Double a = e.getValue().get(small);
                Double b = e.getValue().get(large);
                if (a == null || b == null || a == 0) {
                    continue;
                }
                String row = e.getKey().split("\u0000")[1];
                boolean memory = e.getKey().startsWith("Memory");
                String perHost = memory
                        ? String.format(Locale.ROOT, "%,.0f bytes more per host", (b - a) * 1048576 / (scales.get(large)
                        - scales.get(small)))
                        : String.format(Locale.ROOT, "%,.2f µs", b * 1e6 / scales.get(large));
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | x%.1f | %s |%n", cell(row),
                        memory ? String.format(Locale.ROOT, "%,.0f MiB", a) : Stats.of(a).seconds().replaceAll(" \\(.*", ""),
                        memory ? String.format(Locale.ROOT, "%,.0f MiB", b) : Stats.of(b).seconds().replaceAll(" \\(.*", ""),
                        b / a, perHost));
            }
            return t.toString();
        }
    }
}
