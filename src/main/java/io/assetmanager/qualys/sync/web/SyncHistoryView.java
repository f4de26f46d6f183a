package io.assetmanager.qualys.sync.web;

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
    private static final int SHOWN_CHARS = 4_000;

    @Inject
    private SyncRunRepository history;

    private LazyDataModel<RunSummary> runs;
    private final Map<Long, Pushed> pushedShown = new HashMap<>();

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
                return history.newestFirst(first, pageSize);
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

    /** The two lists a run pushed, as the page shows them. */
    public record Pushed(String added, String group) implements Serializable {
    }

    private static String shown(String ranges, boolean cut) {
        if (ranges == null || ranges.isEmpty()) {
            return "none";
        }
        return ranges.replace(",", ", ") + (cut ? " … (cut for display)" : "");
    }
}
