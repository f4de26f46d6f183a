package io.assetmanager.inventory;

import io.assetmanager.bench.Stats;
import io.assetmanager.coverage.TestDatabase;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Times the inventory's CSV export in this JVM on a PostgreSQL database that holds the hosts already (by default
 * {@code lists_bench}, which CoverageBenchmark fills with 1,000,000; system properties db.*), with the peak used heap
 * sampled every 20 ms. Not a test: {@code java -Xmx64m ... InventoryExportBenchmark [runs]} shows the heap stays flat.
 */
public final class InventoryExportBenchmark {

    private InventoryExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("db.name", System.getProperty("db.name", "lists_bench"));
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        PGSimpleDataSource pg = TestDatabase.postgresqlDataSource();
        InventoryExport export = new InventoryExport(pg);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Runtime r = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(r.totalMemory() - r.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        double[] seconds = new double[runs];
        long[] chars = new long[1];
        for (int i = -1; i < runs; i++) {
            chars[0] = 0;
            Writer sink = new Writer() {
                @Override
                public void write(char[] buf, int off, int len) {
                    chars[0] += len;
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            long t = System.nanoTime();
            export.write(HostFilter.ALL, sink);
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - t) / 1e9;
            }
        }
        sampler.interrupt();
        Stats stats = Stats.of(seconds);
        System.out.printf("inventory CSV export: %,d characters, %.2f s median [%.2f-%.2f] of %d runs, peak used heap"
                + " %d MB of max %d MB, load %s%n", chars[0], stats.median(), stats.min(), stats.max(), runs,
                peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                Files.readString(Path.of("/proc/loadavg")).trim());
    }
}
