package io.assetmanager.coverage;

import io.assetmanager.platform.Numbers;
import io.assetmanager.platform.Times;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import io.assetmanager.qualys.sync.ApprovalService;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;

/** The dashboard (home page): the numbers of one consistent read, and the run history for the chart. */
@Named("dashboard")
@RequestScoped
public class DashboardView {

    private static final int HISTORY_RUNS = 30;

    @Inject
    private CoverageService coverage;
    @Inject
    private ApprovalService approvals;

    private CoverageNumbers numbers;
    private List<RunPoint> history;

    @PostConstruct
    void load() {
        numbers = coverage.numbers();
        history = coverage.history(HISTORY_RUNS);
    }

    public List<CoverageSet> getWidgets() {
        return List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.UNMANAGED_BY_ASSET_MANAGER,
                CoverageSet.MANAGED_BY_BOTH);
    }

    /** The set's size with thousands separators. */
    public String count(String key) {
        return Numbers.grouped(numbers.count(ListParameters.set(key)));
    }

    public String label(String key) {
        return ListParameters.set(key).label();
    }

    /** A plain sentence saying what the set counts, shown under its count. */
    public String sentence(String key) {
        return SetDescriptions.sentence(ListParameters.set(key), numbers.autoSubscribe());
    }

    /** The set in set notation, for a tooltip. */
    public String notation(String key) {
        return SetDescriptions.notation(ListParameters.set(key).spec(numbers.autoSubscribe()));
    }

    public String getCoverage() {
        return percent(numbers.coverage());
    }

    private static String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ENGLISH, "%.1f %%", share * 100);
    }

    /** Indexed IPs with a scan in the last N days: the coverage's numerator. */
    public String getFreshCount() {
        return Numbers.grouped(numbers.count(CoverageSet.MANAGED_BY_BOTH).subtract(numbers.count(CoverageSet.STALE)));
    }

    public int getStaleAfterDays() {
        return numbers.staleAfterDays();
    }

    public String getStaleLabel() {
        return CoverageSet.STALE.label(numbers.staleAfterDays());
    }

    public String getStaleShare() {
        return percent(numbers.staleShare());
    }

    public String getSubscribedRanges() {
        return Numbers.grouped(numbers.subscribedRanges());
    }

    /** Whether IPs wait for an admin's approval before they are added to the subscription (a link to the list). */
    public boolean isApprovalsPending() {
        return approvals.anyPending();
    }

    public boolean isAutoSubscribe() {
        return numbers.autoSubscribe();
    }

    /**
     * Whether stale hosts join the DISCOVERED group. The DISCOVERED count is the Auto-Subscribe rule's: the dashboard's
     * counts split I ∩ M by the scans' age, not I ∩ S ∩ M, so the stale hosts that join (the subscribed ones) are
     * counted by the settings page's preview.
     */
    public boolean isStaleJoinDiscovered() {
        return coverage.staleJoinDiscovered();
    }

    public QualysStatus getQualys() {
        return numbers.qualys();
    }

    public String getQualysDataAsOf() {
        return Times.format(numbers.qualys().dataAsOf());
    }

    public String getFailedRunEndedAt() {
        return numbers.qualys().lastRunFailed() ? Times.format(numbers.qualys().failedRun().endedAt()) : "";
    }

    public String getRunningStartedAt() {
        QualysStatus.RunningRun running = numbers.qualys().running();
        return running == null ? "" : Times.format(running.startedAt());
    }

    /** What the DISCOVERED group in Qualys holds: what the last push set it to; a dash before any push. */
    public String getDiscoveredGroup() {
        QualysStatus.PushedGroup group = numbers.qualys().group();
        return group == null ? "–" : Numbers.grouped(group.addresses());
    }

    public String getDiscoveredGroupNote() {
        QualysStatus.PushedGroup group = numbers.qualys().group();
        return group == null ? "No run has set the group in Qualys yet."
                : "IPs the group in Qualys holds, as a run set it at " + Times.format(group.pushedAt()) + ".";
    }

    public boolean isHistoryEmpty() {
        return history.isEmpty();
    }

    public String getHistoryChart() {
        return HistoryChart.svg(history);
    }

    /** The banner "Sync stopped: Qualys rejected the credentials", with a link to the settings. */
    public boolean isSyncStoppedByCredentials() {
        return coverage.syncStoppedByCredentials();
    }
}
