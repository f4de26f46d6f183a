package io.assetmanager.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One changed field of one save of the Notifications settings; a secret only ever as "changed". */
@Entity
@Table(name = "notification_audit")
public class NotificationAuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime changedAt;
    @Column(name = "changed_by", nullable = false)
    private String changedBy;
    @Column(nullable = false)
    private String field;
    @Column(name = "old_value")
    private String oldValue;
    @Column(name = "new_value")
    private String newValue;

    protected NotificationAuditEntry() {
    }

    public NotificationAuditEntry(OffsetDateTime changedAt, String changedBy, NotificationField field,
            NotificationSettingsValues before, NotificationSettingsValues after) {
        this.changedAt = changedAt;
        this.changedBy = changedBy;
        this.field = field.label();
        this.oldValue = field.recordsValue() ? field.recorded(before) : null;
        this.newValue = field.recordsValue() ? field.recorded(after) : "changed";
    }

    /** The change as the log line and the "Saved:" line say it. */
    public String describe() {
        if (newValue != null && newValue.equals("changed") && oldValue == null) {
            return field + " changed";
        }
        return field + ": " + (oldValue == null ? "(empty)" : oldValue) + " → " + (newValue == null ? "(empty)"
                : newValue);
    }

    public Long getId() {
        return id;
    }

    public OffsetDateTime getChangedAt() {
        return changedAt;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public String getField() {
        return field;
    }

    public String getOldValue() {
        return oldValue;
    }

    public String getNewValue() {
        return newValue;
    }
}
