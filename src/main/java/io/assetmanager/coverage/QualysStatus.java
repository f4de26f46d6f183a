package io.assetmanager.coverage;

import java.math.BigInteger;
import java.time.OffsetDateTime;

/**
 * How fresh the Qualys data is: when the snapshot the Qualys tables hold was stored, the last finished run if it did
 * not succeed, the run in progress, and what the DISCOVERED group in Qualys holds.
 *
 * @param dataAsOf when the stored snapshot was stored (for runs from before that was recorded: when the last
 *                 successful run ended); null if Qualys data was never fetched
 * @param failedRun the last finished run when it failed or was interrupted; null when it succeeded
 * @param running the run in progress, if one is
 * @param group what the last push set the DISCOVERED group to, as the group record keeps it; null before any push
 */
public record QualysStatus(OffsetDateTime dataAsOf, FailedRun failedRun, RunningRun running, PushedGroup group) {

    public QualysStatus(OffsetDateTime dataAsOf, FailedRun failedRun) {
        this(dataAsOf, failedRun, null, null);
    }

    /**
     * A run in progress.
     *
     * @param storedSnapshot whether it has stored its snapshot already (the counts shown are its data)
     */
    public record RunningRun(long id, String step, OffsetDateTime startedAt, boolean storedSnapshot) {
    }

    /** The DISCOVERED group as last pushed: how many addresses, when. */
    public record PushedGroup(BigInteger addresses, OffsetDateTime pushedAt) {
    }

    public record FailedRun(String outcome, OffsetDateTime endedAt, String errorCode, String errorText) {

        /** How the run ended, as the banner says it: "failed", "was interrupted", "paused" or "was held". */
        public String ended() {
            return switch (outcome) {
                case "INTERRUPTED" -> "was interrupted";
                case "PAUSED" -> "paused";
                case "HELD" -> "was held";
                default -> "failed";
            };
        }

        /** Whether the run held Qualys's answer back (nothing applied until accepted or confirmed). */
        public boolean held() {
            return "HELD".equals(outcome);
        }
    }

    public boolean lastRunFailed() {
        return failedRun != null;
    }
}
