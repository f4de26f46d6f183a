package io.assetmanager.qualys.simulator;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The simulator's scanned hosts, in ascending ID order (as Qualys sorts them). Generated hosts are computed from
 * their index on demand, so a million of them cost no memory.
 */
public interface HostSource {

    long count();

    SimHost at(long index);

    /** Index of the first host whose ID is at least {@code id}; {@link #count()} when there is none. */
    long indexOfIdAtLeast(long id);

    /** An explicit, small list of hosts (sorted by ID here). */
    static HostSource of(List<SimHost> hosts) {
        List<SimHost> sorted = new ArrayList<>(hosts);
        sorted.sort(Comparator.comparingLong(SimHost::id));
        return new HostSource() {
            @Override
            public long count() {
                return sorted.size();
            }

            @Override
            public SimHost at(long index) {
                return sorted.get((int) index);
            }

            @Override
            public long indexOfIdAtLeast(long id) {
                for (int i = 0; i < sorted.size(); i++) {
                    if (sorted.get(i).id() >= id) {
                        return i;
                    }
                }
                return sorted.size();
            }
        };
    }

    /**
     * {@code count} hosts spread evenly over the IPv4 addresses of {@code within} (so scanned hosts are always
     * subscribed), IDs {@code firstId, firstId + 3, ...}. Every {@code ipv6Every}-th host (0: none) has only an IPv6
     * address; every {@code neverScannedEvery}-th (0: none) has no scan date.
     */
    static HostSource generated(IpRangeSet within, long count, long firstId, int ipv6Every, int neverScannedEvery,
                                long seed) {
        return generated(within, count, firstId, ipv6Every, 0, neverScannedEvery, seed);
    }

    /**
     * As {@link #generated(IpRangeSet, long, long, int, int, long)}, and every {@code dualStackEvery}-th host (0: none;
     * counted from the middle of each stretch, never an IPv6-only one) has an IPv6 address ({@code 2001:db8:d::/64})
     * beside its IPv4 one, as a Qualys host with both {@code IP} and {@code IPV6}.
     */
    static HostSource generated(IpRangeSet within, long count, long firstId, int ipv6Every, int dualStackEvery,
                                int neverScannedEvery, long seed) {
        IpRangeSet v4 = within.ipv4();
        int n = v4.rangeCount();
        long[] starts = new long[n];
        long[] cumulative = new long[n + 1];
        for (int i = 0; i < n; i++) {
            IpRange r = v4.range(i);
            starts[i] = r.first().ipv4Value();
            cumulative[i + 1] = cumulative[i] + (r.last().ipv4Value() - r.first().ipv4Value() + 1);
        }
        long total = cumulative[n];
        if (count > total) {
            throw new IllegalArgumentException(count + " hosts do not fit in " + total + " subscribed IPv4 addresses");
        }
        long stride = count == 0 ? 1 : Math.max(1, total / count);
        String[] oses = {"Windows Server 2019 Standard", "Linux 5.10", "Ubuntu / Linux 5.15", "Cisco IOS 15.2",
                "Windows 10 Enterprise 22H2", "Red Hat Enterprise Linux 8.6", "FreeBSD 13.1", "HP Printer"};
        String[] tracking = {"IP", "IP", "IP", "DNS", "NETBIOS", "IP", "IP", "AGENT"};
        // Scan dates as a real subscription has them, counted back from the start of the day the hosts were made
        // (fixed for their lifetime, so a host's date never changes between two listings): most hosts scanned in
        // the last two weeks, a fifth in the two months before, a tenth up to a year and more before.
        Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS);
        long step = 3;
        return new HostSource() {
            @Override
            public long count() {
                return count;
            }

            @Override
            public SimHost at(long index) {
                long offset = index * stride;
                int lo = 0, hi = n - 1;
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (cumulative[mid] <= offset) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                long value = starts[lo] + (offset - cumulative[lo]);
                long mix = (index * 0x9E3779B97F4A7C15L) ^ seed;
                int k = (int) ((mix >>> 33) & 7);
                boolean v6only = ipv6Every > 0 && index % ipv6Every == ipv6Every - 1;
                String v4text = v6only ? null : IpAddress.ofIpv4(value).toString();
                boolean dualStack = !v6only && dualStackEvery > 0 && index % dualStackEvery == dualStackEvery / 2;
                String v6text = v6only ? "2001:db8::" + Long.toHexString(index + 1)
                        : dualStack ? "2001:db8:d::" + Long.toHexString(index + 1) : null;
                Instant scan = neverScannedEvery > 0 && index % neverScannedEvery == neverScannedEvery - 1 ? null
                        : base.minusSeconds(scanAge(mix));
                return new SimHost(firstId + index * step, v4text, v6text, "host-" + index + ".corp.example",
                        "HOST" + index, oses[k], tracking[k], scan);
            }

            /** Seconds before the base: 70 % up to 14 days, 20 % 14 to 60 days, 10 % 60 to 400 days. */
            private long scanAge(long mix) {
                long day = 86_400L;
                long spread = (mix >>> 8) & 0xFFFFFFFL;
                int bucket = (int) ((mix >>> 40) % 10);
                if (bucket < 7) {
                    return spread % (14 * day);
                }
                return bucket < 9 ? 14 * day + spread % (46 * day) : 60 * day + spread % (340 * day);
            }

            @Override
            public long indexOfIdAtLeast(long id) {
                if (id <= firstId) {
                    return 0;
                }
                long idx = (id - firstId + step - 1) / step;
                return Math.min(idx, count);
            }
        };
    }
}
