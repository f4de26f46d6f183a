package io.assetmanager.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One change to one user: who made it, when, and what (a password only as "password reset" or "changed"). */
@Entity
@Table(name = "user_audit")
public class UserAuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false)
    private String changedBy;

    @Column(nullable = false)
    private String username;

    @Column(name = "change_made", nullable = false)
    private String change;

    protected UserAuditEntry() {
    }

    public UserAuditEntry(OffsetDateTime changedAt, String changedBy, String username, String change) {
        this.changedAt = changedAt;
        this.changedBy = changedBy;
        this.username = username;
        this.change = change;
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

    public String getUsername() {
        return username;
    }

    public String getChange() {
        return change;
    }
}
