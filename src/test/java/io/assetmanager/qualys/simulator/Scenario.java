package io.assetmanager.qualys.simulator;

import io.assetmanager.net.IpRangeSet;

import java.time.Clock;
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

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Several ranges (about 6,000 addresses), {@code hostCount} scanned hosts spread over them (about 1 % with only
     * an IPv6 address, 1 % dual-stack with IPv4 and IPv6), two asset groups: what the demo and a person poking at the
     * simulator get.
     */
    public static Scenario realistic(int hostCount) {
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
                .group("DMZ", IpRangeSet.parseList("203.0.113.7, 198.51.100.20-198.51.100.60"))
                .build();
    }

    public static final class Builder {
        private String username = "sim_user";
        private String password = "sim-Passw0rd!";
        private IpRangeSet subscription = IpRangeSet.empty();
        private HostSource hosts;
        private final Map<String, IpRangeSet> groups = new LinkedHashMap<>();
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
