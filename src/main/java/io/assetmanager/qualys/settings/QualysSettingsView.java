package io.assetmanager.qualys.settings;

import jakarta.inject.Inject;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.settings.QualysSettingsService.ConnectionTest;
import io.assetmanager.qualys.settings.QualysSettingsService.StaleSettingsException;
import io.assetmanager.qualys.settings.QualysSettingsValidator.FieldError;
import io.assetmanager.qualys.settings.QualysSettingsValidator.InvalidSettingsException;
import io.assetmanager.qualys.sync.SyncRefusedException;
import io.assetmanager.qualys.sync.SyncRun;
import io.assetmanager.qualys.sync.SyncRunner;
import io.assetmanager.qualys.sync.SyncScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Settings &gt; Integrations &gt; Qualys: the form, the sync status, the preview of the next run, the audit trail. */
@Named("qualysSettings")
@ViewScoped
public class QualysSettingsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM_ID = "settingsForm";
    private static final int PREVIEW_RANGES = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @Inject
    private QualysSettingsService service;
    @Inject
    private QualysSettingsRepository repository;
    @Inject
    private SyncScheduler scheduler;
    @Inject
    private SyncRunner runner;

    private QualysSettingsForm form;
    private boolean passwordStored;
    private String updatedLine;
    private ConnectionTest result;
    private String savedLine;
    private SyncScheduler.Status status;
    private PreviewText preview;
    private AuditModel audit;

    /** The preview, worded for the page. */
    public record PreviewText(boolean autoSubscribe, String add, String addRanges, String discovered,
            String discoveredRanges) implements Serializable {
    }

    @PostConstruct
    void init() {
        reload();
        audit = new AuditModel(repository);
    }

    private void reload() {
        QualysSettings stored = repository.current();
        form = QualysSettingsForm.of(stored);
        passwordStored = stored.getPasswordCiphertext() != null;
        updatedLine = stored.getUpdatedAt() == null ? "Never saved."
                : "Last saved by " + stored.getUpdatedBy() + " at " + format(stored.getUpdatedAt()) + ".";
        refreshStatus();
    }

    public void submit() {
        FacesContext faces = FacesContext.getCurrentInstance();
        savedLine = null;
        try {
            List<SettingsChange> changes = service.save(form, user());
            savedLine = changes.isEmpty() ? "No setting changed."
                    : "Saved: " + changes.stream().map(SettingsChange::describe).collect(Collectors.joining("; ")) + ".";
            result = service.testConnection();
            reload();
        } catch (InvalidSettingsException e) {
            for (FieldError error : e.errors()) {
                faces.addMessage(FORM_ID + ":" + error.field().inputId(),
                        new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), error.message()));
            }
            int n = e.errors().size();
            result = new ConnectionTest(false, "Nothing was saved: " + n + (n == 1 ? " field needs" : " fields need")
                    + " correcting.");
            faces.validationFailed();
        } catch (StaleSettingsException e) {
            result = new ConnectionTest(false, e.getMessage());
        } finally {
            form.clearPassword();
        }
    }

    public void runNow() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            long id = scheduler.runNow(user());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Sync run " + id + " started",
                    "Its progress shows here and on the Sync history page."));
        } catch (SyncRefusedException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Not started", e.getMessage()));
        }
        refreshStatus();
    }

    public void refreshStatus() {
        status = scheduler.status();
    }

    public void computePreview() {
        SyncRunner.Preview p = runner.preview();
        String add = null;
        String addRanges = null;
        if (p.add() != null) {
            IpRangeSet toAdd = p.add().toAdd();
            add = count(toAdd.size()) + " IPs in " + toAdd.rangeCount() + " ranges would be added to the subscription"
                    + " (" + count(p.add().excluded()) + " excluded by the list, " + count(p.add().ipv6Skipped())
                    + " IPv6 not sent to Qualys" + (p.add().capped() ? "; more are held back by the per-run maximum"
                    : "") + ").";
            addRanges = ranges(toAdd);
        }
        preview = new PreviewText(p.autoSubscribe(), add, addRanges,
                "The DISCOVERED group would be set to " + count(p.discovered().size()) + " IPs in "
                        + p.discovered().rangeCount() + " ranges.", ranges(p.discovered()));
    }

    private static String ranges(IpRangeSet set) {
        String shown = set.ranges().stream().limit(PREVIEW_RANGES).map(IpRange::toString)
                .collect(Collectors.joining(", "));
        int more = set.rangeCount() - PREVIEW_RANGES;
        return more > 0 ? shown + " … and " + more + " more ranges" : shown;
    }

    private static String count(BigInteger n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
    }

    private static String user() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    }

    private static String format(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(ZoneId.systemDefault()).format(TIME);
    }

    // ------------------------------------------------------------------------------------------- page values

    public QualysSettingsForm getForm() {
        return form;
    }

    public boolean isPasswordStored() {
        return passwordStored;
    }

    public String getUpdatedLine() {
        return updatedLine;
    }

    public ConnectionTest getResult() {
        return result;
    }

    public String getSavedLine() {
        return savedLine;
    }

    public List<QualysPlatforms.Platform> getPlatforms() {
        return QualysPlatforms.ALL;
    }

    public SettingsField[] getFields() {
        return SettingsField.values();
    }

    public int getMinInterval() {
        return QualysSettingsValidator.MIN_INTERVAL_HOURS;
    }

    public int getMaxInterval() {
        return QualysSettingsValidator.MAX_INTERVAL_HOURS;
    }

    public int getMaxAddPerRun() {
        return QualysSettingsValidator.MAX_ADD_PER_RUN;
    }

    /** One line on what the integration is doing now. */
    public String getState() {
        if (!status.enabled()) {
            return "Off: no runs are scheduled.";
        }
        if (status.credentialsRejected()) {
            return "Stopped: Qualys refused the stored credentials. The scheduler will not use them until the server"
                    + " name, username or password change.";
        }
        return status.running().map(r -> "Running: " + (r.getCurrentStep() == null ? "starting" : r.getCurrentStep())
                + " (run " + r.getId() + ", started " + format(r.getStartedAt()) + ").").orElse("On: waiting for the next run.");
    }

    public String getLastRun() {
        return status.lastFinished().map(QualysSettingsView::describe).orElse("None yet.");
    }

    private static String describe(SyncRun r) {
        String line = "Run " + r.getId() + " " + r.getOutcome().name().toLowerCase(Locale.ROOT) + " at "
                + format(r.getEndedAt() != null ? r.getEndedAt() : r.getStartedAt());
        return r.getErrorText() == null ? line + "." : line + ": " + r.getErrorText();
    }

    public String getNextRun() {
        return status.nextRun().map(t -> t.isBefore(OffsetDateTime.now()) ? "Due now." : format(t))
                .orElse("None scheduled.");
    }

    public boolean isRunNowAllowed() {
        return status.enabled() && passwordStored;
    }

    public PreviewText getPreview() {
        return preview;
    }

    public AuditModel getAudit() {
        return audit;
    }

    public String formatTime(OffsetDateTime t) {
        return format(t);
    }

    /** The audit trail, a page at a time, newest first. */
    public static final class AuditModel extends LazyDataModel<SettingsAuditEntry> {
        private static final long serialVersionUID = 1L;
        private final QualysSettingsRepository repository;

        AuditModel(QualysSettingsRepository repository) {
            this.repository = repository;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, repository.auditCount());
        }

        @Override
        public List<SettingsAuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return repository.auditTrail(first, pageSize);
        }

        @Override
        public String getRowKey(SettingsAuditEntry entry) {
            return String.valueOf(entry.getId());
        }
    }
}
