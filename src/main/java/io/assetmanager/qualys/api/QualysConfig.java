package io.assetmanager.qualys.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach one Qualys subscription. Immutable; the password is held as a char array, copied in and out, and never
 * appears in {@link #toString()}.
 */
public final class QualysConfig {


    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+");

    private final URI baseUri;
    private final String username;
    private final char[] password;
    private final String hostListApiVersion;
    /** The host-list page size and the largest write request; checked there. */
    private final RequestSizes sizes;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration maxRateLimitWait;
    private final Duration concurrencyBackoff;
    private final Duration retryBackoff;
    private final int maxAttempts;
    private final int maxConcurrentCalls;

    private QualysConfig(Builder b) {
        this.baseUri = parseServer(b.server, b.allowPlainHttp);
        if (b.username == null || b.username.isBlank()) {
            throw new IllegalArgumentException("Qualys user name is required");
        }
        if (b.password == null || b.password.length == 0) {
            throw new IllegalArgumentException("Qualys password is required");
        }
        if (!VERSION.matcher(b.hostListApiVersion).matches()) {
            throw new IllegalArgumentException("host list API version must look like 2.0, not \"" + b.hostListApiVersion + "\"");
        }
        this.sizes = new RequestSizes(b.truncationLimit, b.maxPostBytes);
        if (b.maxAttempts < 1 || b.maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("attempts and concurrent calls must be at least 1");
        }
        this.username = b.username.strip();
        this.password = b.password.clone();
        this.hostListApiVersion = b.hostListApiVersion;
        this.connectTimeout = positive(b.connectTimeout, "connect timeout");
        this.readTimeout = positive(b.readTimeout, "read timeout");
        this.maxRateLimitWait = notNegative(b.maxRateLimitWait, "maximum rate-limit wait");
        this.concurrencyBackoff = notNegative(b.concurrencyBackoff, "concurrency back-off");
        this.retryBackoff = notNegative(b.retryBackoff, "retry back-off");
        this.maxAttempts = b.maxAttempts;
        this.maxConcurrentCalls = b.maxConcurrentCalls;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }

    private static Duration notNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
        return d;
    }

    /**
     * The API base URL from what a person types: a host name such as {@code qualysapi.qg2.apps.qualys.com} (optionally
     * with {@code :port}), or an {@code https://host[:port]} URL. {@code http://} only when {@code allowPlainHttp}.
     */
    public static URI parseServer(String server, boolean allowPlainHttp) {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("Qualys API server is required, e.g. qualysapi.qg2.apps.qualys.com");
        }
        String s = server.strip();
        if (!s.contains("://")) {
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            if (!HOST.matcher(s).matches()) {
                throw new IllegalArgumentException("Qualys API server \"" + s + "\" is not a host name or an https:// URL");
            }
            s = "https://" + s;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Qualys API server \"" + s + "\" is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("http")) {
            if (!allowPlainHttp) {
                throw new IllegalArgumentException("Qualys API server \"" + s + "\" uses plain http; only https is allowed"
                        + " (plain http needs the deployment property that allows it)");
            }
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("Qualys API server \"" + s + "\" must be an https:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Qualys API server \"" + s + "\" has no host name");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("Qualys API server \"" + s + "\" must be just scheme, host and port"
                    + " (no user, path or query)");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code https://host[:port]} (or {@code http://} when allowed), no trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    public String username() {
        return username;
    }

    /** A copy of the password; the caller should clear it after use. */
    char[] password() {
        return password.clone();
    }

    public String hostListApiVersion() {
        return hostListApiVersion;
    }

    /** Host records per page; 0 means one unlimited page. */
    public int truncationLimit() {
        return sizes.hostPageSize();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** The longest rate-limit wait the client sits out by itself; longer waits fail with {@link QualysException.RateLimited}. */
    public Duration maxRateLimitWait() {
        return maxRateLimitWait;
    }

    public Duration concurrencyBackoff() {
        return concurrencyBackoff;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** Attempts per idempotent call (first try included) on server errors and transport failures. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Upper bound on calls in flight at once; lowered further by Qualys's X-Concurrency-Limit-Limit. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** Largest form body of one write request (an {@code ips} list and its few other parameters), in bytes. */
    public int maxPostBytes() {
        return sizes.maxPostBytes();
    }

    /** The page and request sizes, for planning requests. */
    public RequestSizes sizes() {
        return sizes;
    }

    @Override
    public String toString() {
        return "QualysConfig[" + baseUri + ", user=" + username + ", password=(hidden), hostListApiVersion="
                + hostListApiVersion + ", truncationLimit=" + sizes.hostPageSize() + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxRateLimitWait=" + maxRateLimitWait + "]";
    }

    public static final class Builder {
        private String server;
        private boolean allowPlainHttp;
        private String username;
        private char[] password;
        private String hostListApiVersion = "2.0";
        private int truncationLimit = 1000;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofMinutes(10);
        private Duration maxRateLimitWait = Duration.ofMinutes(5);
        private Duration concurrencyBackoff = Duration.ofSeconds(10);
        private Duration retryBackoff = Duration.ofSeconds(5);
        private int maxAttempts = 3;
        private int maxConcurrentCalls = 2;
        private int maxPostBytes = RequestSizes.DEFAULT_MAX_POST_BYTES;

        private Builder() {
        }

        /** Host name or https URL of the Qualys API server. */
        public Builder server(String server) {
            this.server = server;
            return this;
        }

        /** Deployment property: allow an {@code http://} server (simulator, demo). Never a form field. */
        public Builder allowPlainHttp(boolean allow) {
            this.allowPlainHttp = allow;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** Copied; the caller may clear its array afterwards. */
        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        public Builder hostListApiVersion(String version) {
            this.hostListApiVersion = Objects.requireNonNull(version);
            return this;
        }

        public Builder truncationLimit(int limit) {
            this.truncationLimit = limit;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        public Builder maxRateLimitWait(Duration d) {
            this.maxRateLimitWait = d;
            return this;
        }

        public Builder concurrencyBackoff(Duration d) {
            this.concurrencyBackoff = d;
            return this;
        }

        public Builder retryBackoff(Duration d) {
            this.retryBackoff = d;
            return this;
        }

        public Builder maxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        public Builder maxConcurrentCalls(int n) {
            this.maxConcurrentCalls = n;
            return this;
        }

        public Builder maxPostBytes(int n) {
            this.maxPostBytes = n;
            return this;
        }

        public QualysConfig build() {
            return new QualysConfig(this);
        }

        @Override
        public String toString() {
            return "QualysConfig.Builder[" + server + ", user=" + username + ", password=(hidden)]";
        }
    }
}
