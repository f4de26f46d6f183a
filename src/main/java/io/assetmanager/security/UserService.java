package io.assetmanager.security;

import io.assetmanager.security.UserChangeRefused.Reason;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Adds, changes and deletes users for the Users page and {@code /api/v1/users}, each change in one transaction with
 * its audit row, after {@link UserRules}: a refused change ({@link UserChangeRefused}) writes nothing. Callers check
 * that the actor is an admin (every user may only change their own password, {@link #changeOwnPassword}).
 */
@Stateless
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class.getName());

    @Inject
    private UserRepository users;

    public List<AppUser> list() {
        return users.list();
    }

    public AppUser get(String username) {
        return users.find(username).orElseThrow(() -> notFound(username));
    }

    public AppUser add(String actor, String username, String role, String password) {
        String name = username == null ? null : username.strip();
        UserRules.usernameProblem(name).ifPresent(problem -> {
            throw new UserChangeRefused(Reason.INVALID, problem);
        });
        checkRole(role);
        checkPassword(name, password);
        Optional<AppUser> taken = users.findIgnoringCase(name);
        if (taken.isPresent()) {
            throw new UserChangeRefused(Reason.CONFLICT, "User name '" + name + "' is taken"
                    + (taken.get().getUsername().equals(name) ? "." : " (by '" + taken.get().getUsername()
                            + "'; user names must differ by more than case)."));
        }
        AppUser user = users.create(name, password.toCharArray(), role);
        audit(actor, name, "added as " + role);
        return user;
    }

    public AppUser changeRole(String actor, String username, String role) {
        return change(actor, username, role, null, null);
    }

    public AppUser setEnabled(String actor, String username, boolean enabled) {
        return change(actor, username, null, enabled, null);
    }

    /**
     * Changes any of a user's role, enabled state and password ({@code null}: unchanged) in one transaction: all of
     * them or, when one is refused, none.
     */
    public AppUser change(String actor, String username, String role, Boolean enabled, String password) {
        if (role != null) {
            checkRole(role);
        }
        if (password != null) {
            checkPassword(username, password);
        }
        AppUser user = lockedWithAdmins(username, role, enabled, false);
        if (role != null && !user.getRole().equals(role)) {
            String before = user.getRole();
            user.setRole(role);
            audit(actor, username, "role " + before + " → " + role);
        }
        if (enabled != null && user.isEnabled() != enabled) {
            user.setEnabled(enabled);
            audit(actor, username, enabled ? "enabled" : "disabled");
        }
        if (password != null) {
            setPassword(actor, user, password);
        }
        return user;
    }

    public void delete(String actor, String username) {
        AppUser user = lockedWithAdmins(username, null, null, true);
        users.delete(user);
        audit(actor, username, "deleted");
    }

    /** An admin sets a new password for a user (the user is not asked for the old one). */
    public AppUser resetPassword(String actor, String username, String password) {
        AppUser user = get(username);
        checkPassword(username, password);
        setPassword(actor, user, password);
        return user;
    }

    private void setPassword(String actor, AppUser user, String password) {
        user.setPasswordHash(users.hash(password.toCharArray()));
        audit(actor, user.getUsername(), actor.equals(user.getUsername()) ? "password changed" : "password reset");
    }

    /** A user changes their own password; the current one must be given and right. */
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        AppUser user = get(username);
        if (currentPassword == null || currentPassword.isEmpty()
                || !users.matches(user, currentPassword.toCharArray())) {
            throw new UserChangeRefused(Reason.INVALID, "Current password is wrong.");
        }
        checkPassword(username, newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new UserChangeRefused(Reason.INVALID, "New password is the current one.");
        }
        user.setPasswordHash(users.hash(newPassword.toCharArray()));
        audit(username, username, "password changed");
    }

    /**
     * The user to change, after the last-admin rule has passed for its new role ({@code null}: unchanged), enabled
     * state and deletion, with the admins locked so that concurrent changes cannot both pass it.
     */
    private AppUser lockedWithAdmins(String username, String role, Boolean enabled, boolean deleted) {
        List<AppUser> all = users.listLockingAdmins();
        AppUser user = all.stream().filter(u -> u.getUsername().equals(username)).findFirst()
                .orElseThrow(() -> notFound(username));
        List<UserRules.Member> members = all.stream()
                .map(u -> new UserRules.Member(u.getUsername(), u.getRole(), u.isEnabled())).toList();
        UserRules.lastAdminProblem(members, username, role == null ? user.getRole() : role,
                        enabled == null ? user.isEnabled() : enabled, deleted)
                .ifPresent(problem -> {
                    throw new UserChangeRefused(Reason.CONFLICT, problem);
                });
        return user;
    }

    private static void checkRole(String role) {
        if (!Role.isKnown(role)) {
            throw new UserChangeRefused(Reason.INVALID, "Role must be " + Role.ADMIN + " or " + Role.VIEWER
                    + ", not '" + SameOrigin.printable(String.valueOf(role)) + "'.");
        }
    }

    private static void checkPassword(String username, String password) {
        UserRules.passwordProblem(username, password).ifPresent(problem -> {
            throw new UserChangeRefused(Reason.INVALID, problem);
        });
    }

    private static UserChangeRefused notFound(String username) {
        return new UserChangeRefused(Reason.NOT_FOUND, "There is no user '"
                + SameOrigin.printable(String.valueOf(username)) + "'.");
    }

    private void audit(String actor, String username, String change) {
        users.audit(new UserAuditEntry(OffsetDateTime.now(ZoneOffset.UTC), actor, username, change));
        LOG.info(() -> "User '" + username + "' " + change + " by '" + actor + "'.");
    }
}
