package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The hosts of one upload, held between parsing and writing: addresses in primitive arrays, details only when
 * the format gives them (a list of IPs costs 16 bytes a host). {@link #sortAndDeduplicate()} orders the hosts by
 * address, the order the writer walks the table in. A host is an address in a zone: when the same address appears
 * twice in the same zone the later line wins; in two zones, both are hosts (an address's hosts ordered by zone name).
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
    /** Every position, sorted by address (equal addresses in insertion order). */
    private int[] byAddress;
    /** Positions sorted by address, after deduplication: one per distinct (address, zone). */
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
        byAddress = null;
        order = null;
    }

    private String[] store(String[] column, String value) {
        String[] target = column == null ? new String[hi.length] : column;
        target[size] = value;
        return target;
    }

    public void sortAndDeduplicate() {
        byAddress = allIpv4 ? sortIpv4() : sortMixed();
        order = deduplicate();
    }

    /** One position per (address, zone) of {@link #byAddress}: the last line of each. */
    private int[] deduplicate() {
        int[] distinct = new int[byAddress.length];
        int count = 0;
        for (int from = 0; from < byAddress.length; ) {
            int to = from + 1;
            while (to < byAddress.length && sameAddress(byAddress[from], byAddress[to])) {
                to++;
            }
            if (to - from == 1) {
                distinct[count++] = byAddress[from];
            } else {
                // The same address on several lines: the last line of each zone, the zones in name order.
                Map<String, Integer> lastOfZone = new TreeMap<>();
                for (int k = from; k < to; k++) {
                    lastOfZone.put(HostFields.zoneName(zoneAt(byAddress[k])), byAddress[k]);
                }
                for (int position : lastOfZone.values()) {
                    distinct[count++] = position;
                }
            }
            from = to;
        }
        return Arrays.copyOf(distinct, count);
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

    /** Distinct hosts (address and zone), after {@link #sortAndDeduplicate()}. */
    public int distinctHosts() {
        return sortedOrder().length;
    }

    /** The k-th distinct host's address, in address order (an address in several zones: once for each). */
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
        return zoneAt(sortedOrder()[k]);
    }

    private String zoneAt(int position) {
        String own = zones == null ? null : zones[position];
        return own == null ? uploadZone : own;
    }

    /**
     * The zone given with the upload as a whole, for every host the file gives no zone (nmap XML and text lists
     * never do): a validated zone ({@link HostFields#zone}) or null for none. The page may change it between a
     * preview and the Apply, so it is set again before each.
     */
    public void setUploadZone(String zone) {
        this.uploadZone = zone;
        if (byAddress != null) {
            // Which lines are one host depends on the zone of those the file gives none.
            order = deduplicate();
        }
    }

    private int[] sortedOrder() {
        if (order == null) {
            throw new IllegalStateException("sortAndDeduplicate() first");
        }
        return order;
    }
}
