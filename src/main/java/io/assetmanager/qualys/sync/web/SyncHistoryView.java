package io.assetmanager.qualys.sync.web;

import jakarta.inject.Inject;
import io.assetmanager.qualys.sync.RunSummary;
import io.assetmanager.qualys.sync.SyncRefusedException;
import io.assetmanager.qualys.sync.SyncRunRepository;
import io.assetmanager.qualys.sync.SyncRun;
import io.assetmanager.qualys.sync.SyncScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The Sync history page: the runs, newest first, and the state of the run in progress, refreshed by a poll. */
@Named("syncHistoryView")
@ViewScoped
public class SyncHistoryView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN_CHARS = 4_000;

    @Inject
    private SyncRunRepository history;
    @Inject
    private SyncScheduler scheduler;

    private LazyDataModel<RunSummary> runs;
    private transient SyncScheduler.Status status;
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

    public SyncScheduler.Status getStatus() {
        if (status == null) {
            status = scheduler.status();
        }
        return status;
    }

    /** The running run, or null: EL reads Optional poorly. */
    public SyncRun getRunning() {
        return getStatus().running().orElse(null);
    }

    public SyncRun getLastFinished() {
        return getStatus().lastFinished().orElse(null);
    }

    public Object getNextRun() {
        return getStatus().nextRun().orElse(null);
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

    public void runNow() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String user = faces.getExternalContext().getUserPrincipal().getName();
        try {
            long id = scheduler.runNow(user);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Sync run " + id + " started", null));
        } catch (SyncRefusedException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, e.getMessage(), null));
        }
        status = null;
    }

    public void refresh() {
        status = null;
    }
}
