package io.assetmanager.notify;

import io.assetmanager.notify.NotificationSettingsService.StaleNotificationSettingsException;
import io.assetmanager.notify.NotificationSettingsService.TestResult;
import io.assetmanager.notify.NotificationSettingsValidator.FieldError;
import io.assetmanager.notify.NotificationSettingsValidator.InvalidNotificationSettingsException;
import io.assetmanager.platform.Times;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Settings &gt; Notifications: the channels and rules, a test per channel, each channel's deliveries, the audit. */
@Named("notificationSettings")
@ViewScoped
public class NotificationSettingsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM_ID = "notificationsForm";
    private static final int LATEST = 5;
    private static final Map<String, String> LABELS = Arrays.stream(NotificationField.values())
            .collect(Collectors.toUnmodifiableMap(NotificationField::inputId, NotificationField::label));

    @Inject
    private NotificationSettingsService service;
    @Inject
    private NotificationRepository repository;
    @Inject
    private OutboxRepository outbox;

    private NotificationSettingsForm form;
    private boolean webhookSecretStored;
    private boolean mailPasswordStored;
    private String updatedLine;
    private TestResult result;
    private final Map<ChannelKind, TestResult> tests = new EnumMap<>(ChannelKind.class);
    private AuditModel audit;

    /** One channel's deliveries as the page shows them. */
    public record ChannelStatus(ChannelKind kind, long waiting, List<OutboxMessage> latest) {
        public String getLabel() {
            return kind.label();
        }

        public String getKey() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }

        public long getWaiting() {
            return waiting;
        }

        public List<OutboxMessage> getLatest() {
            return latest;
        }
    }

    @PostConstruct
    void init() {
        reload();
        audit = new AuditModel(repository);
    }

    private void reload() {
        NotificationSettings stored = repository.current();
        form = NotificationSettingsForm.of(stored.values());
        webhookSecretStored = stored.getWebhookSecretCiphertext() != null;
        mailPasswordStored = stored.getMailPasswordCiphertext() != null;
        updatedLine = stored.getUpdatedAt() == null ? "Never saved."
                : "Last saved by " + stored.getUpdatedBy() + " at " + Times.format(stored.getUpdatedAt()) + ".";
    }

    public void submit() {
        FacesContext faces = FacesContext.getCurrentInstance();
        tests.clear();
        try {
            List<NotificationAuditEntry> changes = service.save(form, user());
            result = new TestResult(true, changes.isEmpty() ? "No setting changed."
                    : "Saved: " + changes.stream().map(NotificationAuditEntry::describe)
                            .collect(Collectors.joining("; ")) + ".");
            reload();
        } catch (InvalidNotificationSettingsException e) {
            markErrors(faces, e);
            int n = e.errors().size();
            result = new TestResult(false, "Nothing was saved: " + n + (n == 1 ? " field needs" : " fields need")
                    + " correcting.");
        } catch (StaleNotificationSettingsException e) {
            result = new TestResult(false, e.getMessage());
        } finally {
            form.clearSecrets();
        }
    }

    private static void markErrors(FacesContext faces, InvalidNotificationSettingsException e) {
        for (FieldError error : e.errors()) {
            faces.addMessage(FORM_ID + ":" + error.field().inputId(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), error.message()));
        }
        faces.validationFailed();
    }

    /** "Send a test" of one channel: {@code syslog}, {@code webhook} or {@code mail}. */
    public void test(String channel) {
        ChannelKind kind = ChannelKind.valueOf(channel.toUpperCase(java.util.Locale.ROOT));
        try {
            tests.put(kind, service.sendTest(form, kind, user()));
        } finally {
            form.clearSecrets();
        }
    }

    private static String user() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    }

    public NotificationSettingsForm getForm() {
        return form;
    }

    public boolean isWebhookSecretStored() {
        return webhookSecretStored;
    }

    public boolean isMailPasswordStored() {
        return mailPasswordStored;
    }

    public String getUpdatedLine() {
        return updatedLine;
    }

    public TestResult getResult() {
        return result;
    }

    /** The last test's result by channel key: {@code #{notificationSettings.tests['syslog']}}. */
    public Map<String, TestResult> getTests() {
        return tests.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT), Map.Entry::getValue));
    }

    public Map<String, String> getLabels() {
        return LABELS;
    }

    public List<ChannelStatus> getChannels() {
        return Arrays.stream(ChannelKind.values())
                .map(k -> new ChannelStatus(k, outbox.waiting(k), outbox.latest(k, LATEST))).toList();
    }

    public AuditModel getAudit() {
        return audit;
    }

    /** The audit trail, a page at a time, newest first. */
    public static final class AuditModel extends LazyDataModel<NotificationAuditEntry> {
        private static final long serialVersionUID = 1L;
        private final NotificationRepository repository;

        AuditModel(NotificationRepository repository) {
            this.repository = repository;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, repository.auditCount());
        }

        @Override
        public List<NotificationAuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return repository.auditTrail(first, pageSize);
        }

        @Override
        public String getRowKey(NotificationAuditEntry entry) {
            return String.valueOf(entry.getId());
        }
    }
}
