package io.assetmanager.net;

import io.assetmanager.bench.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Times the range algebra against two baselines measured in the same run: a naive {@code TreeSet<String>} in Java
 * and the Unix {@code sort} + {@code comm} pipeline on the same addresses as text. Not a test: run it by hand
 * (docs/BENCHMARKS.md), ideally pinned to one core with {@code taskset -c 0}.
 */
public final class RangeAlgebraBenchmark {

    private static final int RUNS = 7;

    public static void main(String[] args) throws Exception {
        int singles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int ranges = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Random random = new Random(20261129L);
        System.out.printf("Range algebra benchmark, Java %s, %d runs each, median [min-max] in ms%n",
                System.getProperty("java.version"), RUNS);

        long[] a = randomIpv4(random, singles);
        long[] b = randomIpv4(random, singles);
        IpRangeSet setA = build(a);
        IpRangeSet setB = build(b);
        System.out.printf("%n%,d random single IPv4 addresses per side (%,d and %,d ranges after merging)%n",
                singles, setA.rangeCount(), setB.rangeCount());
        double build = report("build a set from unsorted addresses", () -> build(a));
        double diff = report("difference A - B", () -> setA.difference(setB));
        double inter = report("intersection A & B", () -> setA.intersection(setB));
        report("union A | B", () -> setA.union(setB));

        List<String> textA = asText(a);
        List<String> textB = asText(b);
        double treeSet = report("baseline: TreeSet<String> difference (build + removeAll)", () -> {
            TreeSet<String> t = new TreeSet<>(textA);
            t.removeAll(new TreeSet<>(textB));
            return t;
        });
        double comm = print("baseline: sort -u + comm -23 (LC_ALL=C)", sortComm(textA, textB, RUNS));
        System.out.printf("ratio: TreeSet baseline / range-set difference = %.1fx; sort+comm / difference = %.1fx%n",
                treeSet / diff, comm / diff);
        System.out.printf("ratio: sort+comm / (build both sets + difference) = %.1fx%n", comm / (2 * build + diff));

        IpRangeSet rangesA = randomRanges(random, ranges);
        IpRangeSet rangesB = randomRanges(random, ranges);
        System.out.printf("%n%,d random IPv4 ranges per side (%,d and %,d after merging, %s and %s addresses)%n",
                ranges, rangesA.rangeCount(), rangesB.rangeCount(), rangesA.size(), rangesB.size());
        report("difference A - B", () -> rangesA.difference(rangesB));
        report("intersection A & B", () -> rangesA.intersection(rangesB));
        report("union A | B", () -> rangesA.union(rangesB));
    }

    private static long[] randomIpv4(Random random, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextLong() & 0xFFFF_FFFFL;
        }
        return values;
    }

    /** A set of the given IPv4 addresses, in any order (duplicates allowed). */
    public static IpRangeSet build(long[] values) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (long v : values) {
            b.add(IpAddress.ofIpv4(v));
        }
        return b.build();
    }

    private static IpRangeSet randomRanges(Random random, int n) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (int i = 0; i < n; i++) {
            long start = random.nextLong() & 0xFFFF_FFFFL;
            long end = Math.min(0xFFFF_FFFFL, start + random.nextInt(4096));
            b.add(new IpRange(IpAddress.ofIpv4(start), IpAddress.ofIpv4(end)));
        }
        return b.build();
    }

    public static List<String> asText(long[] values) {
        List<String> text = new ArrayList<>(values.length);
        for (long v : values) {
            text.add(IpAddress.ofIpv4(v).toString());
        }
        return text;
    }

    /**
     * {@code sort -u} both lists and {@code comm -23} them (A minus B), as a shell user would, {@code runs} times;
     * writing the files is not timed.
     */
    public static Stats sortComm(List<String> a, List<String> b, int runs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("range-bench");
        Path fa = Files.write(dir.resolve("a.txt"), a);
        Path fb = Files.write(dir.resolve("b.txt"), b);
        String script = "export LC_ALL=C; sort -u a.txt > a.s; sort -u b.txt > b.s; comm -23 a.s b.s | wc -l";
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("sort/comm failed");
            }
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        for (Path f : new Path[] {fa, fb, dir.resolve("a.s"), dir.resolve("b.s"), dir}) {
            Files.deleteIfExists(f);
        }
        return Stats.of(times);
    }

    private static double report(String label, Supplier<?> work) {
        for (int i = 0; i < 2; i++) {
            work.get();
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            Object result = work.get();
            times[i] = (System.nanoTime() - t0) / 1e6;
            if (result == null) {
                throw new IllegalStateException();
            }
        }
        return print(label, times);
    }

    private static double print(String label, double[] times) {
        return print(label, Stats.of(times));
    }

    private static double print(String label, Stats stats) {
        System.out.printf("  %-58s %9.1f ms  [%.1f-%.1f]%n", label, stats.median(), stats.min(), stats.max());
        return stats.median();
    }
}
