package io.assetmanager.qualys.sync.web;

import io.assetmanager.platform.Numbers;
import io.assetmanager.qualys.sync.RunSummary;
import io.assetmanager.qualys.sync.SyncRunRepository;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The Sync history page's table: the runs, newest first, refreshed by a poll. The status above it is
 * {@link SyncStatusView}.
 */
@Named("syncHistoryView")
@ViewScoped
public class SyncHistoryView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The start of each pushed list shown in a run's details; the whole list is a download. */
    private static final int SHOWN_CHARS = 300;
    /** Older runs read beyond a page to find the coverage each run's change is measured from. */
    private static final int LOOK_BACK = 10;

    @Inject
    private SyncRunRepository history;

    private LazyDataModel<RunSummary> runs;
    private final Map<Long, Pushed> pushedShown = new HashMap<>();
    /** The coverage of the previous run with counts, by run, for the runs of the page shown. */
    private final Map<Long, Double> previousCoverage = new HashMap<>();

    @PostConstruct
    void init() {
        runs = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filters) {
                return (int) history.count();
            }

            @Override
            public List<RunSummary> load(int first, int pageSize, Map<String, SortMeta> sort,
                    Map<String, FilterMeta> filters) {
                List<RunSummary> read = history.newestFirst(first, pageSize + LOOK_BACK);
                previousCoverage.clear();
                for (int i = 0; i < read.size(); i++) {
                    for (int j = i + 1; j < read.size(); j++) {
                        Double older = RunReading.coverage(read.get(j));
                        if (older != null) {
                            previousCoverage.put(read.get(i).id(), older);
                            break;
                        }
                    }
                }
                return read.subList(0, Math.min(pageSize, read.size()));
            }

            @Override
            public String getRowKey(RunSummary run) {
                return String.valueOf(run.id());
            }

            @Override
            public RunSummary getRowData(String key) {
                return getWrappedData().stream().filter(r -> String.valueOf(r.id()).equals(key)).findFirst()
                        .orElse(null);
            }
        };
    }

    public LazyDataModel<RunSummary> getRuns() {
        return runs;
    }

    /**
     * What a run pushed, cut for display (the full lists are in the database): read once per expanded row and view
     * once both are known.
     */
    public Pushed pushed(Long runId) {
        Pushed shown = pushedShown.get(runId);
        if (shown == null) {
            shown = history.pushedPreview(runId, SHOWN_CHARS)
                    .map(p -> new Pushed(shown(p.added(), p.addedCut()), shown(p.group(), p.groupCut())))
                    .orElse(new Pushed("none", "none"));
            if (!shown.added().equals("none") && !shown.group().equals("none")) {
                pushedShown.put(runId, shown); // a run still going may push later
            }
        }
        return shown;
    }

    /** The two lists a run pushed, as the page shows them: their start, "none", or "" while not known. */
    public record Pushed(String added, String group) implements Serializable {
    }

    private static String shown(String ranges, boolean cut) {
        if (ranges == null || ranges.isEmpty()) {
            return "none";
        }
        return ranges.replace(",", ", ") + (cut ? " …" : "");
    }

    /** The run's coverage, e.g. "19.8 %", with its change since the previous run with counts, e.g. "+1.2 points". */
    public String coverage(RunSummary run) {
        return RunReading.coverageText(RunReading.coverage(run), previousCoverage.get(run.id()));
    }

    /** The step timings as lines a person reads, e.g. "Loading the inventory: 10 ms". */
    public List<String> steps(RunSummary run) {
        return RunReading.steps(run.stepTimings());
    }

    /** The first line of the error, cut to fit a table cell; the full text is in the run's details. */
    public String errorLine(RunSummary run) {
        return RunReading.errorLine(run.errorCode(), run.errorText());
    }

    public String count(Number n) {
        return n == null ? "" : Numbers.grouped(n);
    }
}
