package io.assetmanager.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a JVM's memory from outside while it runs: used heap from {@code jstat -gc <pid> <interval>} (one attach
 * to the JVM's performance counters, cheap enough to run throughout; survivor, eden and old generation in use, so
 * garbage not yet collected counts: an upper bound), the heap left after each young, mixed or full collection from
 * the JVM's GC log when it writes one ({@code -Xlog:gc:file=...}: what the server keeps, the figure to compare with
 * {@code -Xmx}), resident memory (VmRSS) from {@code /proc/<pid>/status}, and the machine's load average (1 minute)
 * from {@code /proc/loadavg}. {@link #phase()} returns the peaks since the previous call, so a benchmark can tell its
 * phases apart.
 */
public final class MemorySampler implements AutoCloseable {

    /**
     * Peak used heap, peak heap after a collection (-1 without a GC log or when none ran), peak resident set, in KiB;
     * lowest and highest load average seen.
     */
    public record Peak(long heapKiB, long afterGcKiB, long rssKiB, double loadMin, double loadMax) {
        public long heapMiB() {
            return heapKiB >> 10;
        }

        public long rssMiB() {
            return rssKiB >> 10;
        }

        /** Peak heap after a collection, "–" when none ran. */
        public String afterGc() {
            return afterGcKiB < 0 ? "–" : String.format(Locale.ROOT, "%,d", afterGcKiB >> 10);
        }

        public String load() {
            return loadMin == loadMax ? String.format(Locale.ROOT, "%.1f", loadMax)
                    : String.format(Locale.ROOT, "%.1f-%.1f", loadMin, loadMax);
        }
    }

    /** "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 372M->272M(512M) 5.754ms": the 272M. */
    private static final Pattern GC_PAUSE = Pattern.compile("Pause (?:Young|Full).*? (\\d+)([KMG])->(\\d+)([KMG])\\(");

    private final long pid;
    private final Path gcLog;
    private final Process jstat;
    private final Thread reader;
    private long heapPeak;
    private long rssPeak;
    private double loadMin = Double.MAX_VALUE;
    private double loadMax;
    private long gcLogOffset;

    public MemorySampler(long pid, int intervalMillis) throws IOException {
        this(pid, intervalMillis, null);
    }

    /** @param gcLog the JVM's {@code -Xlog:gc} file, or null */
    public MemorySampler(long pid, int intervalMillis, Path gcLog) throws IOException {
        this.pid = pid;
        this.gcLog = gcLog;
        this.jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), Integer.toString(intervalMillis))
                .redirectErrorStream(true).start();
        this.reader = new Thread(this::read, "memory-sampler-" + pid);
        reader.setDaemon(true);
        reader.start();
        awaitFirstSample();
    }

    /** jstat takes a moment to attach: without this, a phase that ends at once would report no heap. */
    private void awaitFirstSample() {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline && jstat.isAlive()) {
            synchronized (this) {
                if (heapPeak > 0) {
                    return;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> names = null;
            String line;
            while ((line = lines.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 0 && fields[0].equals("S0C")) {
                    names = Arrays.asList(fields);
                    continue;
                }
                if (names == null || fields.length != names.size()) {
                    continue;
                }
                double used = 0;
                for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                    used += Double.parseDouble(fields[names.indexOf(column)]);
                }
                long rss = status("VmRSS");
                double load = loadAverage();
                synchronized (this) {
                    heapPeak = Math.max(heapPeak, (long) used);
                    rssPeak = Math.max(rssPeak, rss);
                    loadMin = Math.min(loadMin, load);
                    loadMax = Math.max(loadMax, load);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the JVM went away
        }
    }

    /** The peaks since the previous call (or the start). */
    public synchronized Peak phase() {
        double load = loadAverage();
        Peak peak = new Peak(heapPeak, afterGcPeak(), Math.max(rssPeak, status("VmRSS")), Math.min(loadMin, load),
                Math.max(loadMax, load));
        heapPeak = 0;
        rssPeak = 0;
        loadMin = Double.MAX_VALUE;
        loadMax = 0;
        return peak;
    }

    /** The largest heap after a collection in the GC log lines written since the previous call; -1 if none. */
    private long afterGcPeak() {
        if (gcLog == null || !Files.exists(gcLog)) {
            return -1;
        }
        long peak;
        try (RandomAccessFile f = new RandomAccessFile(gcLog.toFile(), "r")) {
            f.seek(gcLogOffset);
            byte[] rest = new byte[(int) (f.length() - gcLogOffset)];
            f.readFully(rest);
            String text = new String(rest, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1; // a line being written is read next time
            gcLogOffset += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
            peak = afterGcPeak(text.substring(0, complete));
        } catch (IOException e) {
            return -1;
        }
        return peak;
    }

    /** The largest heap after a young, mixed or full collection in these GC log lines, in KiB; -1 if none. */
    static long afterGcPeak(String gcLogLines) {
        long peak = -1;
        Matcher m = GC_PAUSE.matcher(gcLogLines);
        while (m.find()) {
            peak = Math.max(peak, kib(Long.parseLong(m.group(3)), m.group(4)));
        }
        return peak;
    }

    private static long kib(long value, String unit) {
        return switch (unit) {
            case "K" -> value;
            case "M" -> value << 10;
            default -> value << 20;
        };
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The process's peak resident set since it started (VmHWM), in KiB. */
    public long highWaterMarkKiB() {
        return status("VmHWM");
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        jstat.destroy();
        jstat.waitFor(5, TimeUnit.SECONDS);
        reader.join(5_000);
    }
}
