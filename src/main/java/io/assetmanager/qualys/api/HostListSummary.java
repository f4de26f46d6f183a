package io.assetmanager.qualys.api;

/**
 * What a complete host list run delivered.
 *
 * @param hosts     hosts handed to the sink (each once, even when a page was fetched again after a failure)
 * @param pages     pages fetched (WARNING 1980 links followed, plus the first)
 * @param limits    the rate and concurrency headers of the last answer
 */
public record HostListSummary(long hosts, int pages, RateLimitStatus limits) {
}
