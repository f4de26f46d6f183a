package io.assetmanager.qualys.sync;

import io.assetmanager.platform.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.OffsetDateTime;

/** One sync run: who started it, how it went, the set sizes, and exactly what it pushed to Qualys. */
@Entity
@Table(name = "sync_runs")
public class SyncRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind", nullable = false)
    private SyncTrigger trigger;

    @Column(name = "triggered_by")
    private String triggeredBy;

    @Column(name = "instance_name")
    private String instanceName;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SyncOutcome outcome;

    @Column(name = "current_step")
    private String currentStep;

    @Column(name = "count_indexed")
    private Long countIndexed;

    @Column(name = "count_subscribed")
    private BigInteger countSubscribed;

    @Column(name = "count_scanned")
    private Long countScanned;

    @Column(name = "count_managed")
    private Long countManaged;

    @Column(name = "count_stale")
    private Long countStale;

    @Column(name = "count_added")
    private BigInteger countAdded;

    /** With Auto-Subscribe On after approval: the IPs the run left pending; null otherwise. */
    @Column(name = "count_pending")
    private BigInteger countPending;

    /** With Auto-Subscribe On after approval: the approved IPs the run added; null otherwise. */
    @Column(name = "count_approved_added")
    private BigInteger countApprovedAdded;

    /** |I − S| after the run (the subscription as the run left it); null for runs before V17. */
    @Column(name = "count_unmanaged_by_qualys")
    private Long countUnmanagedByQualys;

    @Column(name = "count_discovered")
    private BigInteger countDiscovered;

    private boolean capped;

    @Column(name = "group_recreated")
    private boolean groupRecreated;

    /** What the run did per zone with Asset Mapping by Zone On, one line a zone; null with it Off. */
    @Column(name = "zone_groups")
    private String zoneGroups;

    @Column(name = "qualys_calls")
    private int qualysCalls;

    @Column(name = "qualys_wait_seconds")
    private long qualysWaitSeconds;

    /** The Qualys calls the run planned when it started (null before quota planning, or when it never got there). */
    @Column(name = "planned_calls")
    private Integer plannedCalls;

    /** For a PAUSED run: when the quota is expected to hold the run again, and the next attempt is due. */
    @Column(name = "resume_at")
    private OffsetDateTime resumeAt;

    @Column(name = "error_code")
    private String errorCode;

    @Column(name = "error_text")
    private String errorText;

    /** Step name and milliseconds, one "step=ms" per line. */
    @Column(name = "step_timings")
    private String stepTimings;

    /** The ranges added to the subscription, in Qualys's "a,a-b" form. */
    @Column(name = "pushed_added")
    private String pushedAdded;

    /** The ranges the DISCOVERED group was set to, in Qualys's "a,a-b" form. */
    @Column(name = "pushed_group")
    private String pushedGroup;

    /** For a HELD run: the sizes (addresses) of M and S the stored snapshot kept, and those Qualys answered. */
    @Column(name = "kept_scanned")
    private BigInteger keptScanned;

    @Column(name = "kept_subscribed")
    private BigInteger keptSubscribed;

    @Column(name = "held_scanned")
    private BigInteger heldScanned;

    @Column(name = "held_subscribed")
    private BigInteger heldSubscribed;

    /** For a HELD run an admin accepted: who, and when. */
    @Column(name = "accepted_by")
    private String acceptedBy;

    @Column(name = "accepted_at")
    private OffsetDateTime acceptedAt;

    /** The Qualys server and username the run used (never shown: a held answer is judged within one account). */
    @Column(name = "qualys_account")
    private String qualysAccount;

    protected SyncRun() {
    }

    public SyncRun(SyncTrigger trigger, String triggeredBy, String instanceName, OffsetDateTime startedAt) {
        this.trigger = trigger;
        this.triggeredBy = triggeredBy;
        this.instanceName = instanceName;
        this.startedAt = startedAt;
        this.outcome = SyncOutcome.RUNNING;
    }

    public Long getId() {
        return id;
    }

    public SyncTrigger getTrigger() {
        return trigger;
    }

    /** Who started the run, when and where, as the pages and the refusal of a second run say it. */
    public String startedDescription() {
        return "started by " + (trigger == SyncTrigger.TIMER ? "the polling timer" : triggeredBy) + " at "
                + Times.format(startedAt) + " on " + instanceName;
    }

    public String getTriggeredBy() {
        return triggeredBy;
    }

    public String getInstanceName() {
        return instanceName;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getEndedAt() {
        return endedAt;
    }

    public SyncOutcome getOutcome() {
        return outcome;
    }

    public String getCurrentStep() {
        return currentStep;
    }

    public void setCurrentStep(String currentStep) {
        this.currentStep = currentStep;
    }

    public Long getCountIndexed() {
        return countIndexed;
    }

    public BigInteger getCountSubscribed() {
        return countSubscribed;
    }

    public Long getCountScanned() {
        return countScanned;
    }

    public Long getCountManaged() {
        return countManaged;
    }

    public void setCountManaged(Long countManaged) {
        this.countManaged = countManaged;
    }

    /**
     * |I ∩ (M − F)|: indexed addresses Qualys scanned, but not in the N days ("Stale after N days") before the run
     * started; null for runs that did not get that far or came before it was recorded.
     */
    public Long getCountStale() {
        return countStale;
    }

    public void setCountStale(Long countStale) {
        this.countStale = countStale;
    }

    public Long getCountUnmanagedByQualys() {
        return countUnmanagedByQualys;
    }

    public void setCountUnmanagedByQualys(Long countUnmanagedByQualys) {
        this.countUnmanagedByQualys = countUnmanagedByQualys;
    }

    public BigInteger getCountAdded() {
        return countAdded;
    }

    public BigInteger getCountDiscovered() {
        return countDiscovered;
    }

    public void setCounts(Long indexed, BigInteger subscribed, Long scanned, BigInteger added, BigInteger discovered) {
        this.countIndexed = indexed;
        this.countSubscribed = subscribed;
        this.countScanned = scanned;
        this.countAdded = added;
        this.countDiscovered = discovered;
    }

    public BigInteger getCountPending() {
        return countPending;
    }

    public BigInteger getCountApprovedAdded() {
        return countApprovedAdded;
    }

    public void setApproval(BigInteger pending, BigInteger approvedAdded) {
        countPending = pending;
        countApprovedAdded = approvedAdded;
    }

    public boolean isCapped() {
        return capped;
    }

    public void setCapped(boolean capped) {
        this.capped = capped;
    }

    public String getZoneGroups() {
        return zoneGroups;
    }

    public void setZoneGroups(String zoneGroups) {
        this.zoneGroups = zoneGroups;
    }

    public boolean isGroupRecreated() {
        return groupRecreated;
    }

    public void setGroupRecreated(boolean groupRecreated) {
        this.groupRecreated = groupRecreated;
    }

    public int getQualysCalls() {
        return qualysCalls;
    }

    public long getQualysWaitSeconds() {
        return qualysWaitSeconds;
    }

    public void setQualysUsage(int calls, long waitSeconds) {
        this.qualysCalls = calls;
        this.qualysWaitSeconds = waitSeconds;
    }

    public Integer getPlannedCalls() {
        return plannedCalls;
    }

    public void setPlannedCalls(Integer plannedCalls) {
        this.plannedCalls = plannedCalls;
    }

    public OffsetDateTime getResumeAt() {
        return resumeAt;
    }

    public void setResumeAt(OffsetDateTime resumeAt) {
        this.resumeAt = resumeAt;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public String getErrorText() {
        return errorText;
    }

    public String getStepTimings() {
        return stepTimings;
    }

    public void setStepTimings(String stepTimings) {
        this.stepTimings = stepTimings;
    }

    public String getPushedAdded() {
        return pushedAdded;
    }

    public String getPushedGroup() {
        return pushedGroup;
    }

    public void setPushed(String added, String group) {
        this.pushedAdded = added;
        this.pushedGroup = group;
    }

    public BigInteger getKeptScanned() {
        return keptScanned;
    }

    public BigInteger getKeptSubscribed() {
        return keptSubscribed;
    }

    public BigInteger getHeldScanned() {
        return heldScanned;
    }

    public BigInteger getHeldSubscribed() {
        return heldSubscribed;
    }

    public void setHeld(BigInteger keptScanned, BigInteger keptSubscribed, BigInteger heldScanned,
            BigInteger heldSubscribed) {
        this.keptScanned = keptScanned;
        this.keptSubscribed = keptSubscribed;
        this.heldScanned = heldScanned;
        this.heldSubscribed = heldSubscribed;
    }

    public String getQualysAccount() {
        return qualysAccount;
    }

    public void setQualysAccount(String qualysAccount) {
        this.qualysAccount = qualysAccount;
    }

    public String getAcceptedBy() {
        return acceptedBy;
    }

    public OffsetDateTime getAcceptedAt() {
        return acceptedAt;
    }

    public void accepted(String user, OffsetDateTime at) {
        this.acceptedBy = user;
        this.acceptedAt = at;
    }

    public void finish(SyncOutcome outcome, OffsetDateTime at, String errorCode, String errorText) {
        this.outcome = outcome;
        this.endedAt = at;
        this.errorCode = errorCode;
        this.errorText = errorText == null || errorText.length() <= 4000 ? errorText : errorText.substring(0, 4000);
        this.currentStep = null;
    }
}
