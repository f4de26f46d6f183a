package io.assetmanager.qualys.sync.web;

import io.assetmanager.qualys.sync.RunSummary;
import io.assetmanager.qualys.sync.SyncRefusedException;
import io.assetmanager.qualys.sync.SyncHistory;
import io.assetmanager.qualys.sync.SyncRun;
import io.assetmanager.qualys.sync.SyncScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The Sync history page: the runs, newest first, and the state of the run in progress, refreshed by a poll. */
@Named
@ViewScoped
public class SyncHistoryView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN_CHARS = 4_000;

    @EJB
    private SyncHistory history;
    @EJB
    private SyncScheduler scheduler;

    private LazyDataModel<RunSummary> runs;
    private transient SyncScheduler.Status status;

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

    /** The ranges a run pushed, cut for display; the full list is in the database. */
    public String pushed(Long runId, boolean group) {
        SyncRun run = history.find(runId).orElse(null);
        String ranges = run == null ? null : group ? run.getPushedGroup() : run.getPushedAdded();
        if (ranges == null || ranges.isEmpty()) {
            return "none";
        }
        String spaced = ranges.replace(",", ", ");
        return spaced.length() <= SHOWN_CHARS ? spaced : spaced.substring(0, SHOWN_CHARS) + " … (cut for display)";
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
