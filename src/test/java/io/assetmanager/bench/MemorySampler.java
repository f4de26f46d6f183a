package io.assetmanager.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Samples a JVM's memory from outside while it runs: used heap from {@code jstat -gc <pid> <interval>} (one attach
 * to the JVM's performance counters, cheap enough to run throughout; survivor, eden and old generation in use, so
 * garbage not yet collected counts: an upper bound) and resident memory (VmRSS) from {@code /proc/<pid>/status}.
 * {@link #phase()} returns the peaks since the previous call, so a benchmark can tell its phases apart.
 */
public final class MemorySampler implements AutoCloseable {

    /** Peak used heap and peak resident set, in KiB. */
    public record Peak(long heapKiB, long rssKiB) {
        public long heapMiB() {
            return heapKiB >> 10;
        }

        public long rssMiB() {
            return rssKiB >> 10;
        }
    }

    private final long pid;
    private final Process jstat;
    private final Thread reader;
    private long heapPeak;
    private long rssPeak;

    public MemorySampler(long pid, int intervalMillis) throws IOException {
        this.pid = pid;
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
                synchronized (this) {
                    heapPeak = Math.max(heapPeak, (long) used);
                    rssPeak = Math.max(rssPeak, rss);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the JVM went away
        }
    }

    /** The peaks since the previous call (or the start). */
    public synchronized Peak phase() {
        Peak peak = new Peak(heapPeak, Math.max(rssPeak, status("VmRSS")));
        heapPeak = 0;
        rssPeak = 0;
        return peak;
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
