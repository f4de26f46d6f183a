package io.assetmanager.coverage;

import io.assetmanager.platform.Numbers;
import io.assetmanager.platform.Times;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
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
        Double share = numbers.coverage();
        return share == null ? "–" : String.format(Locale.ENGLISH, "%.1f %%", share * 100);
    }

    public String getSubscribedRanges() {
        return Numbers.grouped(numbers.subscribedRanges());
    }

    public boolean isAutoSubscribe() {
        return numbers.autoSubscribe();
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

    public boolean isHistoryEmpty() {
        return history.isEmpty();
    }

    public String getHistoryChart() {
        return HistoryChart.svg(history);
    }
}
