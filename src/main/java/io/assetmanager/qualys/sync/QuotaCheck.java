package io.assetmanager.qualys.sync;

import io.assetmanager.qualys.api.RateLimitStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether one Qualys API's quota left holds the calls a run is about to make, with a share of the limit kept for the
 * other tools on the same subscription. Qualys counts calls per API in a rolling window and says in each answer's
 * headers how many are left; an API that has not answered yet, or answers without the headers, is not judged.
 */
final class QuotaCheck {

    private QuotaCheck() {
    }

    /**
     * @param reservePercent the share of the API's limit kept for other tools
     * @return why the calls do not fit, empty when they do (or when the quota is not known)
     */
    static Optional<String> shortfall(RateLimitStatus status, int calls, int reservePercent) {
        if (calls <= 0 || status.limit() == null || status.remaining() == null) {
            return Optional.empty();
        }
        int reserve = reserve(status.limit(), reservePercent);
        if (calls <= status.remaining() - reserve) {
            return Optional.empty();
        }
        return Optional.of(calls + " calls are needed, but Qualys allows " + status.remaining() + " more of "
                + status.limit() + " in its " + window(status).toSeconds() + " s window, and " + reserve + " ("
                + reservePercent + " %) are kept for other tools");
    }

    /** The calls kept for other tools: {@code reservePercent} of the limit, rounded up. */
    static int reserve(int limit, int reservePercent) {
        return (int) ((long) limit * reservePercent + 99) / 100;
    }

    /** How long until the quota can be expected back: the whole window (other tools may be calling too). */
    static Duration window(RateLimitStatus status) {
        int seconds = status.windowSeconds() == null || status.windowSeconds() <= 0 ? 3600 : status.windowSeconds();
        int toWait = status.toWaitSeconds() == null ? 0 : status.toWaitSeconds();
        return Duration.ofSeconds(Math.max(seconds, toWait));
    }
}
