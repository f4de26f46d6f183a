package io.assetmanager.qualys.simulator;

import io.assetmanager.net.IpRangeSet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The starting state and limits of a simulated Qualys subscription. Build with {@link #builder()}. */
public final class Scenario {

    final String username;
    final String password;
    final IpRangeSet subscription;
    final HostSource hosts;
    final Map<String, IpRangeSet> groups;
    final boolean networksEnabled;
    final Map<Long, String> networks;
    final List<Appliance> appliances;
    final int rateLimitCalls;
    final int rateLimitWindowSeconds;
    final int concurrencyLimit;
    final int maxPostBytes;
    final String platformHost;
    final Clock clock;

    private Scenario(Builder b) {
        this.username = b.username;
        this.password = b.password;
        this.subscription = b.subscription;
        this.hosts = b.hosts != null ? b.hosts : HostSource.of(List.of());
        this.groups = new LinkedHashMap<>(b.groups);
        this.networksEnabled = b.networksEnabled;
        this.networks = new LinkedHashMap<>(b.networks);
        this.appliances = List.copyOf(b.appliances);
        this.rateLimitCalls = b.rateLimitCalls;
        this.rateLimitWindowSeconds = b.rateLimitWindowSeconds;
        this.concurrencyLimit = b.concurrencyLimit;
        this.maxPostBytes = b.maxPostBytes;
        this.platformHost = b.platformHost;
        this.clock = b.clock;
    }

    /** The scanned hosts this scenario serves. */
    public HostSource hosts() {
        return hosts;
    }

    /**
     * A scanner appliance of the subscription.
     *
     * @param networkId its network (0, the Global Default Network, when the Networks feature is off)
     * @param status    Qualys's STATUS: {@code Online} or {@code Offline}
     */
    public record Appliance(long id, String name, long networkId, String status) {
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Several ranges (about 6,000 addresses), {@code hostCount} scanned hosts spread over them (about 1 % with only
     * an IPv6 address, 1 % dual-stack with IPv4 and IPv6), two asset groups: what the demo and a person poking at the
     * simulator get.
     */
    public static Scenario realistic(int hostCount) {
        return realisticBuilder(hostCount).build();
    }

    /** As {@link #realistic(int)}, with the Networks feature and its networks and appliances ({@link Builder#withNetworks}). */
    public static Scenario realisticWithNetworks(int hostCount) {
        return realisticBuilder(hostCount).withNetworks().build();
    }

    private static Builder realisticBuilder(int hostCount) {
        IpRangeSet subscription = IpRangeSet.parseList("10.10.0.0/22, 10.20.0.0-10.20.3.255, 172.16.4.0/23,"
                + " 192.168.10.1-192.168.10.254, 192.168.20.0/24, 203.0.113.7, 198.51.100.20-198.51.100.60");
        // A larger block keeps a few thousand hosts spread thinly, as in a real subscription; it grows with the count.
        long room = Math.max(16_384L, Long.highestOneBit(Math.max(1, hostCount) * 2L) << 1);
        int prefix = 32 - Long.numberOfTrailingZeros(Math.min(room, 1L << 24));
        subscription = subscription.union(IpRangeSet.parseList("10.64.0.0/" + prefix));
        return builder()
                .subscription(subscription)
                .hosts(HostSource.generated(subscription, hostCount, 1_000_000L, 97, 101, 13, 42))
                .group("Windows servers", IpRangeSet.parseList("10.10.0.0/24"))
                .group("DMZ", IpRangeSet.parseList("203.0.113.7, 198.51.100.20-198.51.100.60"));
    }

    public static final class Builder {
        private String username = "sim_user";
        private String password = "sim-Passw0rd!";
        private IpRangeSet subscription = IpRangeSet.empty();
        private HostSource hosts;
        private final Map<String, IpRangeSet> groups = new LinkedHashMap<>();
        private boolean networksEnabled;
        private final Map<Long, String> networks = new LinkedHashMap<>();
        private final List<Appliance> appliances = new ArrayList<>();
        // Qualys's Standard tier, per API: 300 calls an hour, 2 at once.
        private int rateLimitCalls = 300;
        private int rateLimitWindowSeconds = 3600;
        private int concurrencyLimit = 2;
        // nginx's default client_max_body_size (1 MiB), the smallest body limit common in front of web applications.
        private int maxPostBytes = 1 << 20;
        private String platformHost = "qualysapi.qg2.apps.qualys.com";
        private Clock clock = Clock.systemUTC();

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username);
            this.password = Objects.requireNonNull(password);
            return this;
        }

        public Builder subscription(IpRangeSet ips) {
            this.subscription = Objects.requireNonNull(ips);
            return this;
        }

        public Builder hosts(HostSource hosts) {
            this.hosts = hosts;
            return this;
        }

        /** Generated hosts spread over the subscription set so far. */
        public Builder generatedHosts(long count) {
            this.hosts = HostSource.generated(subscription, count, 100_000L, 0, 0, 7);
            return this;
        }

        public Builder group(String title, IpRangeSet ips) {
            groups.put(title, ips);
            return this;
        }

        /**
         * Turns the Networks feature (Network Support) on, with the Global Default Network (ID 0) and these
         * networks and appliances: "Data centre" (1001) with two appliances, one of them offline, "Branch offices"
         * (1002) with one, "Lab" (1003) with none, and one appliance in the Global Default Network. Off by default:
         * the network list is then refused and groups take no {@code network_id}.
         */
        public Builder withNetworks() {
            networksEnabled = true;
            network(1001, "Data centre");
            network(1002, "Branch offices");
            network(1003, "Lab");
            appliance(43570, "global_scanner", 0, "Online");
            appliance(43575, "dc_scanner_1", 1001, "Online");
            appliance(43576, "dc_scanner_2", 1001, "Offline");
            appliance(43580, "branch_scanner", 1002, "Online");
            return this;
        }

        /** A network (with the Networks feature on; the Global Default Network, 0, is always there). */
        public Builder network(long id, String name) {
            networks.put(id, Objects.requireNonNull(name));
            return this;
        }

        /** A scanner appliance; {@code networkId} 0 is the Global Default Network. */
        public Builder appliance(long id, String name, long networkId, String status) {
            appliances.add(new Appliance(id, name, networkId, status));
            return this;
        }

        /** Calls allowed per API in a sliding window (X-RateLimit-Limit / X-RateLimit-Window-Sec). */
        public Builder rateLimit(int calls, int windowSeconds) {
            this.rateLimitCalls = calls;
            this.rateLimitWindowSeconds = windowSeconds;
            return this;
        }

        /** Calls of one API allowed to run at once (X-Concurrency-Limit-Limit). */
        /** The largest form body a POST may have; larger ones are refused with 413, as by a front-end proxy. */
        public Builder maxPostBytes(int bytes) {
            this.maxPostBytes = bytes;
            return this;
        }

        public Builder concurrencyLimit(int limit) {
            this.concurrencyLimit = limit;
            return this;
        }

        /** Host name used in DOCTYPE system IDs. */
        public Builder platformHost(String host) {
            this.platformHost = host;
            return this;
        }

        /** The clock of the rate-limit window; a test shares its own with the client. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Scenario build() {
            return new Scenario(this);
        }
    }
}
