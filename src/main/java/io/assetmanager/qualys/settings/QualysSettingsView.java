package io.assetmanager.qualys.settings;

import io.assetmanager.platform.Times;
import io.assetmanager.qualys.settings.QualysSettingsService.ConnectionTest;
import io.assetmanager.qualys.settings.QualysSettingsService.StaleSettingsException;
import io.assetmanager.qualys.settings.QualysSettingsValidator.FieldError;
import io.assetmanager.qualys.settings.QualysSettingsValidator.InvalidSettingsException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Settings &gt; Integrations &gt; Qualys: the form and the audit trail. The sync status, the preview of the next run
 * and Run now beside them are the sync's own ({@code syncStatus}).
 */
@Named("qualysSettings")
@ViewScoped
public class QualysSettingsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM_ID = "settingsForm";
    /** Each field's label by the id of its input, for the page's labels. */
    private static final Map<String, String> LABELS = Arrays.stream(SettingsField.values())
            .collect(Collectors.toUnmodifiableMap(SettingsField::inputId, SettingsField::label));

    @Inject
    private QualysSettingsService service;
    @Inject
    private QualysSettingsRepository repository;

    private QualysSettingsForm form;
    private boolean passwordStored;
    private String updatedLine;
    private ConnectionTest result;
    private String savedLine;
    private AuditModel audit;

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
                : "Last saved by " + stored.getUpdatedBy() + " at " + Times.format(stored.getUpdatedAt()) + ".";
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
        } catch (QualysSettingsService.CredentialsNotSavedException e) {
            faces.addMessage(FORM_ID + ":" + SettingsField.PASSWORD.inputId(), new FacesMessage(
                    FacesMessage.SEVERITY_ERROR, e.getMessage(), e.getMessage()));
            result = new ConnectionTest(false, e.getMessage());
            faces.validationFailed();
        } finally {
            form.clearPassword();
        }
    }

    private static String user() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
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

    /** The label of each field by its input's id: {@code #{qualysSettings.labels.interval}}. */
    public Map<String, String> getLabels() {
        return LABELS;
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

    public int getMaxStaleAfterDays() {
        return QualysSettingsValidator.MAX_STALE_AFTER_DAYS;
    }

    public AuditModel getAudit() {
        return audit;
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
