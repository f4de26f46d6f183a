package io.assetmanager.security;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The Users page (Settings &gt; Users, admins only): the users with their role, state and last login; add one,
 * change a role, reset a password, disable, enable or delete; the audit of these changes. Each action says what it
 * did or why it did nothing (the last enabled admin, a weak password...).
 */
@Named("usersView")
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A user as the table shows it. */
    public record Row(String username, String role, boolean enabled, OffsetDateTime createdAt,
            OffsetDateTime lastLoginAt) implements Serializable {

        public boolean admin() {
            return Role.ADMIN.equals(role);
        }
    }

    /** What the last action did, or why it did nothing. */
    public record Result(boolean ok, String message) implements Serializable {
    }

    @Inject
    private UserService service;
    @Inject
    private UserRepository repository;

    private List<Row> users;
    private AuditModel audit;
    private Result result;
    private String newUsername;
    private String newRole = Role.VIEWER;
    private String newPassword;
    private String resetUsername;
    private String resetPassword;

    @PostConstruct
    void init() {
        users = rows();
        audit = new AuditModel(repository);
    }

    public void add() {
        act(() -> {
            AppUser user = service.add(actor(), newUsername, newRole, newPassword);
            newUsername = null;
            newRole = Role.VIEWER;
            return "Added " + user.getRole() + " '" + user.getUsername() + "'.";
        });
        newPassword = null;
    }

    public void toggleRole(String username) {
        act(() -> {
            AppUser user = service.get(username);
            String role = user.isAdmin() ? Role.VIEWER : Role.ADMIN;
            service.changeRole(actor(), username, role);
            return "'" + username + "' is now " + (role.equals(Role.ADMIN) ? "an admin." : "a viewer.");
        });
    }

    public void toggleEnabled(String username) {
        act(() -> {
            boolean enable = !service.get(username).isEnabled();
            service.setEnabled(actor(), username, enable);
            return enable ? "'" + username + "' is enabled." : "'" + username
                    + "' is disabled: their sessions end at their next request.";
        });
    }

    public void delete(String username) {
        act(() -> {
            service.delete(actor(), username);
            return "Deleted '" + username + "'.";
        });
    }

    public void reset() {
        act(() -> {
            if (resetUsername == null || resetUsername.isEmpty()) {
                throw new UserChangeRefused(UserChangeRefused.Reason.INVALID, "Choose the user whose password to reset.");
            }
            service.resetPassword(actor(), resetUsername, resetPassword);
            return "Reset the password of '" + resetUsername + "'.";
        });
        resetPassword = null;
    }

    /** Runs one change; the page then shows its outcome and the users as they now are. */
    private void act(Change change) {
        try {
            result = new Result(true, change.run());
        } catch (UserChangeRefused e) {
            result = new Result(false, "Nothing changed: " + e.getMessage());
            FacesContext.getCurrentInstance().validationFailed();
        }
        users = rows();
    }

    private List<Row> rows() {
        return service.list().stream().map(u -> new Row(u.getUsername(), u.getRole(), u.isEnabled(),
                u.getCreatedAt(), u.getLastLoginAt())).toList();
    }

    @FunctionalInterface
    private interface Change {
        String run();
    }

    private static String actor() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    }

    // ------------------------------------------------------------------------------------------- page values

    public List<Row> getUsers() {
        return users;
    }

    public AuditModel getAudit() {
        return audit;
    }

    public Result getResult() {
        return result;
    }

    public List<String> getRoles() {
        return List.of(Role.VIEWER, Role.ADMIN);
    }

    public String getPasswordRule() {
        return UserRules.PASSWORD_RULE;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewRole() {
        return newRole;
    }

    public void setNewRole(String newRole) {
        this.newRole = newRole;
    }

    /** Never shown again: the field is rendered empty. */
    public String getNewPassword() {
        return null;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getResetUsername() {
        return resetUsername;
    }

    public void setResetUsername(String resetUsername) {
        this.resetUsername = resetUsername;
    }

    public String getResetPassword() {
        return null;
    }

    public void setResetPassword(String resetPassword) {
        this.resetPassword = resetPassword;
    }

    /** The changes to users, a page at a time, newest first. */
    public static final class AuditModel extends LazyDataModel<UserAuditEntry> {
        private static final long serialVersionUID = 1L;
        private final UserRepository repository;

        AuditModel(UserRepository repository) {
            this.repository = repository;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, repository.auditCount());
        }

        @Override
        public List<UserAuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return repository.auditPage(first, pageSize);
        }

        @Override
        public String getRowKey(UserAuditEntry entry) {
            return String.valueOf(entry.getId());
        }
    }
}
