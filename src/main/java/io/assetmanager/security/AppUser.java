package io.assetmanager.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A person who can log in; only a PBKDF2 hash of the password is stored. */
@Entity
@Table(name = "app_users")
public class AppUser {

    @Id
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String role;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "last_login_at")
    private OffsetDateTime lastLoginAt;

    protected AppUser() {
    }

    public AppUser(String username, String passwordHash, String role, OffsetDateTime createdAt) {
        if (!Role.isKnown(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'");
        }
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getRole() {
        return role;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** The last login through the form or HTTP Basic (to the minute; null before the first). */
    public OffsetDateTime getLastLoginAt() {
        return lastLoginAt;
    }

    public boolean isAdmin() {
        return Role.ADMIN.equals(role);
    }

    void setRole(String role) {
        if (!Role.isKnown(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'");
        }
        this.role = role;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
