package io.assetmanager.qualys.sync;

import java.math.BigInteger;
import java.time.Duration;
import java.time.OffsetDateTime;

/** A run as the history table lists it: everything but the pushed range lists, which can be large. */
public record RunSummary(Long id, SyncTrigger trigger, String triggeredBy, String instanceName,
        OffsetDateTime startedAt, OffsetDateTime endedAt, SyncOutcome outcome, String currentStep, Long countIndexed,
        BigInteger countSubscribed, Long countScanned, Long countManaged, BigInteger countAdded, BigInteger countDiscovered,
        boolean capped, boolean groupRecreated, int qualysCalls, Integer plannedCalls, long qualysWaitSeconds,
        OffsetDateTime resumeAt, String errorCode,
        String errorText, String stepTimings, Long countStale, BigInteger countPending,
        BigInteger countApprovedAdded, String zoneGroups) {

    static final String SELECT = "SELECT NEW io.assetmanager.qualys.sync.RunSummary(r.id, r.trigger, r.triggeredBy, "
            + "r.instanceName, r.startedAt, r.endedAt, r.outcome, r.currentStep, r.countIndexed, r.countSubscribed, "
            + "r.countScanned, r.countManaged, r.countAdded, r.countDiscovered, r.capped, r.groupRecreated, r.qualysCalls, "
            + "r.plannedCalls, r.qualysWaitSeconds, r.resumeAt, r.errorCode, r.errorText, r.stepTimings, "
            + "r.countStale, r.countPending, r.countApprovedAdded, r.zoneGroups) FROM SyncRun r";

    /** Who started it, as a person reads it. */
    public String startedBy() {
        return trigger == SyncTrigger.TIMER ? "Polling timer" : "Run now by " + triggeredBy;
    }

    /** Wall time in seconds with one decimal, or null while running. */
    public String durationSeconds() {
        if (endedAt == null) {
            return null;
        }
        return String.format("%.1f", Duration.between(startedAt, endedAt).toMillis() / 1000.0);
    }
}
