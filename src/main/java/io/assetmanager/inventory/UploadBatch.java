package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The hosts of one upload, held between parsing and writing: addresses in primitive arrays, details only when
 * the format gives them (a list of IPs costs 16 bytes a host). {@link #sortAndDeduplicate()} orders the hosts by
 * address, the order the writer walks the table in; when an address appears twice the later line wins.
 */
public final class UploadBatch implements HostSink {

    private final int maxHosts;
    private long[] hi = new long[1024];
    private long[] lo = new long[1024];
    private String[] hostnames;
    private String[] macs;
    private String[] zones;
    /** The zone of the hosts the upload gives none (the upload's {@code zone} parameter), or null. */
    private String uploadZone;
    private int size;
    private boolean allIpv4 = true;
    /** Positions in insertion order, sorted by address; after deduplication, one per distinct address. */
    private int[] order;

    public UploadBatch(int maxHosts) {
        this.maxHosts = maxHosts;
    }

    @Override
    public void host(long line, IpAddress ip, String hostname, String mac, String zone) {
        if (size == maxHosts) {
            throw new UploadTooLargeException("The upload has more than the limit of " + maxHosts + " hosts");
        }
        if (size == hi.length) {
            int capacity = (int) Math.min((long) size * 3 / 2 + 1, maxHosts);
            hi = Arrays.copyOf(hi, capacity);
            lo = Arrays.copyOf(lo, capacity);
            hostnames = hostnames == null ? null : Arrays.copyOf(hostnames, capacity);
            macs = macs == null ? null : Arrays.copyOf(macs, capacity);
            zones = zones == null ? null : Arrays.copyOf(zones, capacity);
        }
        hi[size] = ip.hi();
        lo[size] = ip.lo();
        allIpv4 &= ip.isIpv4();
        if (hostname != null) {
            hostnames = store(hostnames, hostname);
        }
        if (mac != null) {
            macs = store(macs, mac);
        }
        if (zone != null) {
            zones = store(zones, zone);
        }
        size++;
        order = null;
    }

    private String[] store(String[] column, String value) {
        String[] target = column == null ? new String[hi.length] : column;
        target[size] = value;
        return target;
    }

    public void sortAndDeduplicate() {
        int[] sorted = allIpv4 ? sortIpv4() : sortMixed();
        int distinct = 0;
        for (int k = 0; k < sorted.length; k++) {
            int position = sorted[k];
            if (distinct > 0 && sameAddress(sorted[distinct - 1], position)) {
                sorted[distinct - 1] = position;
            } else {
                sorted[distinct++] = position;
            }
        }
        order = Arrays.copyOf(sorted, distinct);
    }

    /**
     * IPv4 only: the 32-bit value and the position packed in one long, so one primitive sort does it all. The sign
     * bit is flipped so that the signed sort orders the addresses unsigned; the position in the low half survives.
     */
    private int[] sortIpv4() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = ((lo[i] & 0xFFFF_FFFFL) << 32 | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(keys);
        int[] sorted = new int[size];
        for (int i = 0; i < size; i++) {
            sorted[i] = (int) keys[i];
        }
        return sorted;
    }

    private int[] sortMixed() {
        return IntStream.range(0, size).boxed().sorted((a, b) -> {
            int c = Long.compareUnsigned(hi[a], hi[b]);
            if (c == 0) {
                c = Long.compareUnsigned(lo[a], lo[b]);
            }
            return c != 0 ? c : Integer.compare(a, b);
        }).mapToInt(Integer::intValue).toArray();
    }

    private boolean sameAddress(int a, int b) {
        return hi[a] == hi[b] && lo[a] == lo[b];
    }

    /** Distinct hosts, after {@link #sortAndDeduplicate()}. */
    public int distinctHosts() {
        return sortedOrder().length;
    }

    /** The k-th distinct address in address order. */
    public IpAddress ip(int k) {
        int i = sortedOrder()[k];
        return IpAddress.of(hi[i], lo[i]);
    }

    public String hostname(int k) {
        return hostnames == null ? null : hostnames[sortedOrder()[k]];
    }

    public String mac(int k) {
        return macs == null ? null : macs[sortedOrder()[k]];
    }

    /** The host's own zone from the file, else the upload's zone ({@link #setUploadZone}), else null. */
    public String zone(int k) {
        String own = zones == null ? null : zones[sortedOrder()[k]];
        return own == null ? uploadZone : own;
    }

    /**
     * The zone given with the upload as a whole, for every host the file gives no zone (nmap XML and text lists
     * never do): a validated zone ({@link HostFields#zone}) or null for none. The page may change it between a
     * preview and the Apply, so it is set again before each.
     */
    public void setUploadZone(String zone) {
        this.uploadZone = zone;
    }

    private int[] sortedOrder() {
        if (order == null) {
            throw new IllegalStateException("sortAndDeduplicate() first");
        }
        return order;
    }
}
