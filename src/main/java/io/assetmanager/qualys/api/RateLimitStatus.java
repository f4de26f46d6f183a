package io.assetmanager.qualys.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The six limit headers of one Qualys answer (any may be missing: error answers and the session API omit some).
 * Header names are matched case-insensitively, and both {@code X-Concurrency-Limit-*} and {@code X-ConcurrencyLimit-*}
 * spellings are accepted.
 */
public record RateLimitStatus(Integer limit, Integer windowSeconds, Integer remaining, Integer toWaitSeconds,
                              Integer concurrencyLimit, Integer concurrencyRunning, Instant observedAt) {

    public static final RateLimitStatus NONE = new RateLimitStatus(null, null, null, null, null, null, Instant.EPOCH);

    /** Reads the headers from a map whose keys may be in any case. */
    public static RateLimitStatus fromHeaders(Map<String, List<String>> headers, Instant now) {
        Integer limit = null, window = null, remaining = null, toWait = null, cLimit = null, cRunning = null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            String name = e.getKey().toLowerCase(Locale.ROOT);
            Integer v = number(e.getValue().get(0));
            switch (name) {
                case "x-ratelimit-limit" -> limit = v;
                case "x-ratelimit-window-sec" -> window = v;
                case "x-ratelimit-remaining" -> remaining = v;
                case "x-ratelimit-towait-sec" -> toWait = v;
                case "x-concurrency-limit-limit", "x-concurrencylimit-limit" -> cLimit = v;
                case "x-concurrency-limit-running", "x-concurrencylimit-running" -> cRunning = v;
                default -> { }
            }
        }
        return new RateLimitStatus(limit, window, remaining, toWait, cLimit, cRunning, now);
    }

    private static Integer number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when any of the headers was present. */
    public boolean isKnown() {
        return limit != null || windowSeconds != null || remaining != null || toWaitSeconds != null
                || concurrencyLimit != null || concurrencyRunning != null;
    }

    @Override
    public String toString() {
        return "calls " + remaining + "/" + limit + " per " + windowSeconds + " s, wait " + toWaitSeconds
                + " s, running " + concurrencyRunning + "/" + concurrencyLimit;
    }
}
