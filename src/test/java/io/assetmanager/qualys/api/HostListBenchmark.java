package io.assetmanager.qualys.api;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.HostSource;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;

import javax.xml.stream.XMLInputFactory;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Not a test: prints figures. The simulator runs in this JVM; each host-list run is a separate client JVM limited
 * to -Xmx256m, whose peak heap (sum of the heap pools' peaks, an upper bound) is reported. Median of 3 runs.
 * <pre>mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.assetmanager.qualys.api.HostListBenchmark</pre>
 */
public final class HostListBenchmark {

    private static final long HOSTS = 1_000_000;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("client")) {
            clientRun(args);
            return;
        }
        IpRangeSet subscription = IpRangeSet.parseList("10.0.0.0/8");
        Scenario scenario = Scenario.builder().subscription(subscription)
                .hosts(HostSource.generated(subscription, HOSTS, 1_000_000L, 0, 0, 1))
                .rateLimit(1_000_000, 3600).concurrencyLimit(4).build();
        String classpath = classpath();
        System.out.println("Host list of " + HOSTS + " hosts, details=Basic, simulator over loopback,"
                + " client in its own JVM with -Xmx256m (median of 3)");
        try (QualysSimulator sim = QualysSimulator.start(scenario)) {
            parserBenchmark(sim);
            for (int limit : new int[] {1000, 0}) {
                List<long[]> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    runs.add(child(classpath, sim, limit, "-Xmx256m"));
                }
                long[] wall = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
                long[] heap = runs.stream().mapToLong(r -> r[1]).sorted().toArray();
                System.out.printf("  %s: wall %.1f s (runs %s), peak heap %d MB (runs %s), hosts %d, pages %d%n",
                        limit == 0 ? "one unlimited page  " : "pages of " + limit + "       ",
                        wall[1] / 1000.0, Arrays.toString(wall), heap[1] >> 20,
                        Arrays.toString(Arrays.stream(heap).map(h -> h >> 20).toArray()), runs.get(0)[2], runs.get(0)[3]);
                // The peak above is mostly garbage the collector had no reason to clear; a small heap shows the need.
                for (String small : new String[] {"-Xmx32m", "-Xmx16m"}) {
                    String outcome;
                    try {
                        long[] r = child(classpath, sim, limit, small);
                        outcome = "completes in " + r[0] + " ms, peak " + (r[1] >> 20) + " MB";
                    } catch (IllegalStateException e) {
                        outcome = "fails (" + e.getMessage() + ")";
                    }
                    System.out.println("      with " + small + ": " + outcome);
                }
            }
        }
        subscriptionBenchmark();
    }

    private static long[] child(String classpath, QualysSimulator sim, int limit, String xmx) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, xmx, "-cp", classpath, HostListBenchmark.class.getName(), "client",
                sim.url().toString(), sim.username(), sim.password(), Integer.toString(limit))
                .redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (!line.isBlank() && !xmx.equals("-Xmx16m")) {
                    System.out.println("    client: " + line);
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("client run failed, exit " + p.exitValue());
        }
        String[] f = result.split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])};
    }

    private static void clientRun(String[] args) throws Exception {
        QualysConfig config = QualysConfig.builder().server(args[1]).allowPlainHttp(true).username(args[2])
                .password(args[3].toCharArray()).truncationLimit(Integer.parseInt(args[4]))
                .readTimeout(Duration.ofMinutes(5)).build();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long[] count = new long[1];
        long start = System.nanoTime();
        HostListSummary summary;
        try (QualysClient client = new QualysClient(config)) {
            summary = client.listHosts(HostDetails.BASIC, h -> count[0]++);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        if (count[0] != summary.hosts()) {
            throw new IllegalStateException("sink saw " + count[0] + " hosts, summary says " + summary.hosts());
        }
        System.out.println("RESULT " + wall + " " + peak + " " + summary.hosts() + " " + summary.pages());
    }

    /**
     * The parser alone: one page of every host read into memory once, then parsed by Woodstox (what QualysXml uses)
     * and by the JDK's own StAX (the baseline), in turns, 5 times each after one warm-up of each.
     */
    private static void parserBenchmark(QualysSimulator sim) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(sim.url()
                + "/api/2.0/fo/asset/host/?action=list&details=Basic&truncation_limit=0").openConnection();
        c.setRequestProperty("X-Requested-With", "HostListBenchmark");
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (sim.username() + ":" + sim.password()).getBytes(StandardCharsets.UTF_8)));
        byte[] page;
        try (InputStream in = c.getInputStream()) {
            page = in.readAllBytes();
        }
        XMLInputFactory jdk = QualysXml.configured(XMLInputFactory.newDefaultFactory());
        long[][] ms = new long[2][5];
        for (int round = -1; round < 5; round++) {
            for (int parser = 0; parser < 2; parser++) {
                long[] hosts = new long[1];
                long start = System.nanoTime();
                if (parser == 0) {
                    QualysXml.readHostPage(new ByteArrayInputStream(page), h -> hosts[0]++);
                } else {
                    QualysXml.readHostPage(new ByteArrayInputStream(page), h -> hosts[0]++, jdk);
                }
                if (hosts[0] != HOSTS) {
                    throw new IllegalStateException("parsed " + hosts[0] + " hosts");
                }
                if (round >= 0) {
                    ms[parser][round] = (System.nanoTime() - start) / 1_000_000;
                }
            }
        }
        Arrays.sort(ms[0]);
        Arrays.sort(ms[1]);
        System.out.printf("  parsing alone, one page of %d MB in memory (load average %.1f): Woodstox %d ms, JDK StAX"
                        + " %d ms (median of 5; runs %s and %s), Woodstox/JDK %.2f%n", page.length >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), ms[0][2], ms[1][2],
                Arrays.toString(ms[0]), Arrays.toString(ms[1]), (double) ms[0][2] / ms[1][2]);
    }

    private static void subscriptionBenchmark() throws Exception {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (long i = 0; i < 100_000; i++) {
            long first = 0x0A00_0000L + i * 64;
            b.add(new IpRange(IpAddress.ofIpv4(first), IpAddress.ofIpv4(first + (i % 3 == 0 ? 0 : i % 40))));
        }
        IpRangeSet big = b.build();
        try (QualysSimulator sim = QualysSimulator.start(Scenario.builder().subscription(big).rateLimit(1_000_000, 3600).build());
             QualysClient client = new QualysClient(QualysConfig.builder().server(sim.url().toString()).allowPlainHttp(true)
                     .username(sim.username()).password(sim.password().toCharArray()).build())) {
            long[] ms = new long[3];
            for (int i = 0; i < 4; i++) { // first run warms up
                long start = System.nanoTime();
                IpRangeSet got = client.listSubscribedIps();
                long t = (System.nanoTime() - start) / 1_000_000;
                if (!got.equals(big)) {
                    throw new IllegalStateException("subscription came back different");
                }
                if (i > 0) {
                    ms[i - 1] = t;
                }
            }
            Arrays.sort(ms);
            System.out.printf("Subscription list of %d ranges to an IpRangeSet: %d ms median (runs %s, after one warm-up)%n",
                    big.rangeCount(), ms[1], Arrays.toString(ms));
        }
    }

    /** The class path of the classes this runs with (exec:java runs them in a class loader of its own). */
    private static String classpath() {
        List<String> entries = new ArrayList<>();
        for (ClassLoader cl = Thread.currentThread().getContextClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(new File(url.toURI()).getPath());
                    } catch (Exception e) {
                        entries.add(url.getPath());
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            return System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, entries);
    }

    private HostListBenchmark() {
    }
}
