package io.assetmanager.notify;

import io.assetmanager.qualys.sync.SyncOutcome;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a finished sync run reports, as the notification rules read it: its outcome and error, its counts, and the
 * dashboard counts taken when it was judged. {@code unmanagedByQualys} and {@code staleHosts} are null when not known
 * (the stale count comes with scan freshness; until then the "stale hosts grew" event is never raised).
 */
public record RunFacts(long runId, SyncOutcome outcome, String errorCode, String errorText, Long indexed,
        Long managed, Long unmanagedByQualys, Long staleHosts) {

    /** The outcomes reported as "held or paused": a run that stopped on purpose, waiting to go on. */
    static final Set<SyncOutcome> HELD_OR_PAUSED = EnumSet.of(SyncOutcome.PAUSED, SyncOutcome.HELD);

    /** Qualys's "Bad Login/Password" code. */
    static final String BAD_LOGIN_CODE = "2000";

    /** Qualys refused the login: code 2000, or HTTP 401 (the run's error text says so, see QualysException). */
    public boolean credentialsRejected() {
        return outcome == SyncOutcome.FAILED && (BAD_LOGIN_CODE.equals(errorCode)
                || (errorText != null && errorText.contains("(HTTP 401)")));
    }

    public boolean failedOtherwise() {
        return outcome == SyncOutcome.FAILED && !credentialsRejected();
    }

    public boolean heldOrPaused() {
        return HELD_OR_PAUSED.contains(outcome);
    }

    /** Indexed IPs that Qualys scanned, in percent of the indexed IPs; null without indexed hosts or counts. */
    public Double coveragePercent() {
        if (indexed == null || managed == null || indexed == 0) {
            return null;
        }
        return 100.0 * managed / indexed;
    }
}
