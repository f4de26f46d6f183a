package io.assetmanager.qualys.api;

/**
 * Result of {@link QualysClient#testConnection()}: credentials and URL work.
 *
 * @param serverTime the DATETIME Qualys reported (text as sent), null if absent
 * @param limits     the rate and concurrency headers of the answer
 */
public record ConnectionCheck(String serverTime, RateLimitStatus limits) {
}
