package io.assetmanager.counts;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The freshness part of the dashboard counts: |I ∩ F|, the indexed addresses Qualys scanned on or after
 * {@code since}, judged at {@code asOf}, the time of the sync run that stored the scan dates ({@code since} is that
 * time less the "Stale after N days" setting). Judged at the run's time, not at the time someone looks: the scan
 * dates are as of that run, so the counts stay those of the snapshot until the next run, an inventory change adds
 * its difference, and a change of the setting counts again from the same time.
 */
public record FreshCounts(OffsetDateTime asOf, OffsetDateTime since, long indexedFresh) {

    /** The first scan time that counts as fresh at {@code asOf} with the setting {@code staleAfterDays}. */
    public static OffsetDateTime since(OffsetDateTime asOf, int staleAfterDays) {
        return asOf.minus(Duration.ofDays(staleAfterDays));
    }

    public int staleAfterDays() {
        return (int) Duration.between(since, asOf).toDays();
    }

    /** The same counts after an inventory change. */
    FreshCounts plus(long difference) {
        return new FreshCounts(asOf, since, indexedFresh + difference);
    }
}
