package io.assetmanager.coverage;

import java.time.OffsetDateTime;

/**
 * How fresh the Qualys data is: when the last successful sync run ended (the Qualys tables are that run's
 * snapshot), and the last finished run if it did not succeed.
 *
 * @param dataAsOf when the last successful run ended; null if Qualys data was never fetched
 * @param failedRun the last finished run when it failed or was interrupted; null when it succeeded
 */
public record QualysStatus(OffsetDateTime dataAsOf, FailedRun failedRun) {

    public record FailedRun(String outcome, OffsetDateTime endedAt, String errorCode, String errorText) {

        /** How the run ended, as the banner says it: "failed", "was interrupted" or "paused". */
        public String ended() {
            return switch (outcome) {
                case "INTERRUPTED" -> "was interrupted";
                case "PAUSED" -> "paused";
                default -> "failed";
            };
        }
    }

    public boolean lastRunFailed() {
        return failedRun != null;
    }
}
