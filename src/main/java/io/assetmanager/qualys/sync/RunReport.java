package io.assetmanager.qualys.sync;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a run collects as it goes, written to its {@link SyncRun} record at the end. */
public final class RunReport {

    private SyncOutcome outcome = SyncOutcome.FAILED;
    private String errorCode;
    private String errorText;
    private String failureContext;
    private Long indexed;
    private BigInteger subscribed;
    private Long scanned;
    private Long managed;
    private Long stale;
    private Long unmanagedByQualys;
    private BigInteger added;
    private BigInteger discovered;
    private boolean capped;
    private BigInteger pending;
    private BigInteger approvedAdded;
    private boolean groupRecreated;
    private String zoneGroups;
    private int qualysCalls;
    private Integer plannedCalls;
    private OffsetDateTime resumeAt;
    private long qualysWaitSeconds;
    private String pushedAdded;
    private String pushedGroup;
    private HoldRule.Sizes kept;
    private HoldRule.Sizes held;
    private String qualysAccount;
    private final Map<String, Long> stepMillis = new LinkedHashMap<>();

    void succeeded() {
        outcome = SyncOutcome.SUCCEEDED;
    }

    void failed(String code, String text) {
        outcome = SyncOutcome.FAILED;
        errorCode = code;
        errorText = failureContext == null ? text : text + "; " + failureContext;
    }

    /**
     * Cut off: the run lost its lease (taken over, or given back as its instance shut down); nothing it would write
     * after that is stored.
     */
    void interrupted(String text) {
        outcome = SyncOutcome.INTERRUPTED;
        errorCode = null;
        errorText = failureContext == null ? text : text + "; " + failureContext;
    }

    /** What a failure message should add about the state the run leaves (e.g. how far a group edit got). */
    void failureContext(String text) {
        failureContext = text;
    }

    void paused(String text, OffsetDateTime resumeAt) {
        outcome = SyncOutcome.PAUSED;
        errorCode = null;
        errorText = text;
        this.resumeAt = resumeAt;
    }

    /** Nothing applied: Qualys's answer ({@code held}) shrank past the threshold against what is stored ({@code kept}). */
    void held(String text, HoldRule.Sizes kept, HoldRule.Sizes held) {
        outcome = SyncOutcome.HELD;
        errorCode = null;
        errorText = text;
        this.kept = kept;
        this.held = held;
    }

    void qualysAccount(String account) {
        qualysAccount = account;
    }

    void planned(int calls) {
        plannedCalls = calls;
    }

    void step(String name, long millis) {
        stepMillis.merge(name, millis, Long::sum);
    }

    void indexed(long n) {
        indexed = n;
    }

    void subscribed(BigInteger n) {
        subscribed = n;
    }

    void scanned(long n) {
        scanned = n;
    }

    void managed(long n) {
        managed = n;
    }

    void stale(long n) {
        stale = n;
    }

    void unmanagedByQualys(long n) {
        unmanagedByQualys = n;
    }

    void added(BigInteger n, boolean wasCapped, String ranges) {
        added = n;
        capped = wasCapped;
        pushedAdded = ranges;
    }

    /** On after approval: what the run left pending and how many approved IPs it added. */
    void approval(BigInteger pendingLeft, BigInteger added) {
        pending = pendingLeft;
        approvedAdded = added;
    }

    void discovered(BigInteger n, String ranges) {
        discovered = n;
        pushedGroup = ranges;
    }

    /** What the run did per zone, one line a zone (Asset Mapping by Zone On). */
    void zoneGroups(String lines) {
        zoneGroups = lines;
    }

    void groupRecreated() {
        groupRecreated = true;
    }

    void qualysUsage(int calls, long waitSeconds) {
        qualysCalls = calls;
        qualysWaitSeconds = waitSeconds;
    }

    SyncOutcome outcome() {
        return outcome;
    }

    String errorCode() {
        return errorCode;
    }

    String errorText() {
        return errorText;
    }

    void applyTo(SyncRun run) {
        run.setCounts(indexed, subscribed, scanned, added, discovered);
        run.setCountManaged(managed);
        run.setCountStale(stale);
        run.setCountUnmanagedByQualys(unmanagedByQualys);
        run.setCapped(capped);
        run.setApproval(pending, approvedAdded);
        run.setGroupRecreated(groupRecreated);
        run.setZoneGroups(zoneGroups);
        run.setQualysUsage(qualysCalls, qualysWaitSeconds);
        run.setPlannedCalls(plannedCalls);
        run.setResumeAt(resumeAt);
        run.setPushed(pushedAdded, pushedGroup);
        run.setQualysAccount(qualysAccount);
        if (held != null) {
            run.setHeld(kept.scanned(), kept.subscribed(), held.scanned(), held.subscribed());
        }
        StringBuilder timings = new StringBuilder();
        stepMillis.forEach((step, ms) -> timings.append(step).append('=').append(ms).append('\n'));
        run.setStepTimings(timings.toString());
    }
}
