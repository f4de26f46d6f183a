package io.assetmanager.operations;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the Qualys data is fresh enough to call this instance ready: with the integration On, a run must have
 * succeeded within two polling intervals (one late or failed run is tolerated, two are not). Switching On counts as
 * a fresh start, so the first run has the same two intervals to succeed. Off or not configured is ready: there is
 * nothing to be late with.
 */
public final class SyncFreshness {

    /** What the readiness check reports: up or down, and why, in words and figures an operator can act on. */
    public record Verdict(boolean up, Map<String, String> data) {
    }

    /** The integration as the check sees it. */
    public record State(boolean enabled, boolean configured, boolean credentialsRejected,
            OffsetDateTime enabledSince, Duration interval) {
    }

    private SyncFreshness() {
    }

    /**
     * @param lastSuccessEnd when the newest successful run ended, if any
     * @param lastFinished   the newest finished run's outcome and Qualys error code ("" when none), if any
     */
    public static Verdict evaluate(State state, Optional<OffsetDateTime> lastSuccessEnd,
            Optional<Map.Entry<String, String>> lastFinished, OffsetDateTime now) {
        Map<String, String> data = new LinkedHashMap<>();
        if (!state.configured()) {
            data.put("integration", "not configured");
            return new Verdict(true, data);
        }
        if (!state.enabled()) {
            data.put("integration", "off");
            return new Verdict(true, data);
        }
        data.put("integration", "on");
        Duration maxAge = state.interval().multipliedBy(2);
        data.put("maxAge", maxAge.toString());
        lastSuccessEnd.ifPresent(t -> data.put("lastSuccess", t.toString()));
        lastFinished.ifPresent(run -> {
            data.put("lastRunOutcome", run.getKey());
            if (!run.getValue().isEmpty()) {
                data.put("lastRunErrorCode", run.getValue());
            }
        });
        if (lastFinished.filter(run -> "HELD".equals(run.getKey())).isPresent()) {
            // Still ready: the previous snapshot is served as it was; two intervals without a success make it DOWN.
            data.put("held", "the last run held Qualys's answer (empty or shrunk past the threshold) and applied"
                    + " nothing: an admin accepts it on the Sync history page, or the next run confirms it");
        }
        if (state.credentialsRejected()) {
            data.put("problem", "Qualys rejected the username or password: runs are stopped until they are corrected");
            return new Verdict(false, data);
        }
        OffsetDateTime oldestAcceptable = now.minus(maxAge);
        boolean freshSuccess = lastSuccessEnd.filter(t -> !t.isBefore(oldestAcceptable)).isPresent();
        boolean freshlyEnabled = state.enabledSince() != null && !state.enabledSince().isBefore(oldestAcceptable);
        if (freshSuccess || freshlyEnabled) {
            return new Verdict(true, data);
        }
        data.put("problem", "no sync run succeeded within two polling intervals: see the Sync history");
        return new Verdict(false, data);
    }
}
