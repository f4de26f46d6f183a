package io.assetmanager.bench;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.HostSource;
import io.assetmanager.qualys.simulator.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * The data of one benchmark scale, generated from a fixed seed: a subscription of 10.0.0.0/8 plus 5,000 random
 * small ranges (4,300 ranges after merging, 16,930,108 addresses), {@code hosts} scanned hosts spread over it (the
 * simulator computes them on demand), and {@code hosts} distinct indexed IPv4 addresses: 70% of them scanned hosts,
 * 20% other subscribed addresses, 10% outside the subscription (100.64.0.0/10). The indexed addresses come in a
 * shuffled order, as an upload from a discovery tool would.
 */
public final class BenchDataset {

    public static final long DEFAULT_SEED = 42;

    private final IpRangeSet subscription;
    private final Scenario scenario;
    private final long[] indexed;

    private BenchDataset(IpRangeSet subscription, Scenario scenario, long[] indexed) {
        this.subscription = subscription;
        this.scenario = scenario;
        this.indexed = indexed;
    }

    public static BenchDataset generate(int hosts, long seed) {
        Random random = new Random(seed);
        IpRangeSet.Builder sub = IpRangeSet.builder().add(IpRange.parse("10.0.0.0/8"));
        for (int i = 0; i < 5_000; i++) {
            long start = (172L << 24 | 16L << 16) + random.nextInt(1 << 20);
            sub.add(new IpRange(IpAddress.ofIpv4(start), IpAddress.ofIpv4(start + random.nextInt(64))));
        }
        IpRangeSet subscription = sub.build();
        // Qualys's Standard tier, the simulator's default: 300 calls an hour per API, 2 at once. Every run of the
        // suite must fit in it, with the half that runs leave to other tools by default.
        Scenario scenario = Scenario.builder().subscription(subscription).generatedHosts(hosts).build();
        return new BenchDataset(subscription, scenario, indexed(scenario.hosts(), hosts, random));
    }

    private static long[] indexed(HostSource scanned, int count, Random random) {
        long[] values = new long[count];
        int n = 0;
        int fromScanned = count * 7 / 10;
        for (int i = 0; i < fromScanned; i++) {
            values[n++] = IpAddress.parse(scanned.at(i).ipv4()).ipv4Value();
        }
        while (true) {
            while (n < count) {
                values[n++] = random.nextInt(10) < 7 ? (10L << 24) + random.nextInt(1 << 24)
                        : (100L << 24 | 64L << 16) + random.nextInt(1 << 22);
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[distinct++] = sorted[i];
                }
            }
            if (distinct == count) {
                break;
            }
            System.arraycopy(sorted, 0, values, 0, distinct);
            n = distinct;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }

    public IpRangeSet subscription() {
        return subscription;
    }

    /** What the simulator serves: the subscription and the scanned hosts. */
    public Scenario scenario() {
        return scenario;
    }

    public int indexedCount() {
        return indexed.length;
    }

    /** The indexed addresses as IPv4 values, in upload order. */
    public long[] indexed() {
        return indexed.clone();
    }

    /** The scanned hosts' IPv4 addresses, in the simulator's (host ID) order. */
    public long[] scanned() {
        HostSource hosts = scenario.hosts();
        long[] values = new long[(int) hosts.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = IpAddress.parse(hosts.at(i).ipv4()).ipv4Value();
        }
        return values;
    }

    /** The indexed addresses as an upload of {@code text/plain}, one per line. */
    public byte[] indexedAsText() {
        StringBuilder text = new StringBuilder(indexed.length * 15);
        for (long v : indexed) {
            text.append(IpAddress.ofIpv4(v)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The indexed hosts as rows for {@code COPY indexed_hosts (ip, first_seen, last_seen, source)}: the columns an
     * upload of plain addresses fills.
     */
    public byte[] indexedAsCopyRows(String source) {
        StringBuilder rows = new StringBuilder(indexed.length * 64);
        for (long v : indexed) {
            rows.append("\\\\x").append(IpAddress.ofIpv4(v).toHex())
                    .append("\t2026-11-01 00:00:00+00\t2026-11-29 00:00:00+00\t").append(source).append('\n');
        }
        return rows.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
