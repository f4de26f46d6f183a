package io.assetmanager.qualys.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One changed field of one save of the Qualys settings; the password only ever as "changed". */
@Entity
@Table(name = "settings_audit")
public class SettingsAuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false)
    private String changedBy;

    /** The field's label as the page shows it. */
    @Column(nullable = false)
    private String field;

    @Column(name = "old_value")
    private String oldValue;

    @Column(name = "new_value")
    private String newValue;

    protected SettingsAuditEntry() {
    }

    public SettingsAuditEntry(OffsetDateTime changedAt, String changedBy, SettingsChange change) {
        this.changedAt = changedAt;
        this.changedBy = changedBy;
        this.field = change.field().label();
        this.oldValue = change.field().recordsValue() ? change.oldValue() : null;
        this.newValue = change.field().recordsValue() ? change.newValue() : "changed";
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
