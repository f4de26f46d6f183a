package io.assetmanager.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a user change must respect, decided before anything is written: the form of a user name, the strength of a
 * password, and that one enabled admin always remains (nobody could manage users, settings or the inventory
 * otherwise). Plain Java, so that {@code UserRulesTest} checks every case without a server.
 */
public final class UserRules {

    public static final int MIN_PASSWORD_LENGTH = 12;
    /** PBKDF2 hashes any length in the same time; the bound keeps request bodies and forms small. */
    public static final int MAX_PASSWORD_LENGTH = 128;
    public static final int MAX_USERNAME_LENGTH = 64;
    /** The password rule as the pages state it. */
    public static final String PASSWORD_RULE = "At least " + MIN_PASSWORD_LENGTH + " characters (at most "
            + MAX_PASSWORD_LENGTH + "), not containing the user name, and not easy to guess: common passwords, words,"
            + " names, sequences (abc, 123) and keyboard rows (qwerty) are refused.";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]+");

    /** A user as far as the last-admin rule cares. */
    public record Member(String username, String role, boolean enabled) {

        boolean isEnabledAdmin() {
            return enabled && Role.ADMIN.equals(role);
        }
    }

    private UserRules() {
    }

    /** Letters, digits, {@code . _ @ -}, 1 to 64 characters; empty when it fits, else what is wrong. */
    public static Optional<String> usernameProblem(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.of("User name is empty.");
        }
        if (username.length() > MAX_USERNAME_LENGTH) {
            return Optional.of("User name has " + username.length() + " characters; at most " + MAX_USERNAME_LENGTH
                    + " are allowed.");
        }
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of("User name may hold only letters A-Z and a-z, digits and . _ @ -.");
        }
        return Optional.empty();
    }

    /**
     * At least {@value #MIN_PASSWORD_LENGTH} characters, at most {@value #MAX_PASSWORD_LENGTH}, not made of one
     * character repeated, not containing the user name (ignoring case), and not easy to guess
     * ({@link PasswordStrength}); empty when it is strong enough.
     */
    public static Optional<String> passwordProblem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Password is empty.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH) {
            return Optional.of("Password has " + length + " characters; at least " + MIN_PASSWORD_LENGTH
                    + " are needed.");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            return Optional.of("Password has " + length + " characters; at most " + MAX_PASSWORD_LENGTH
                    + " are allowed.");
        }
        if (password.codePoints().distinct().count() == 1) {
            return Optional.of("Password is one character repeated.");
        }
        if (username != null && !username.isEmpty()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("Password contains the user name.");
        }
        return PasswordStrength.weakness(username, password);
    }

    /**
     * Whether changing {@code username} to {@code role} and {@code enabled} (or deleting it, {@code deleted}) still
     * leaves an enabled admin among {@code users} (all users as they are now); empty when it does.
     */
    public static Optional<String> lastAdminProblem(Collection<Member> users, String username, String role,
            boolean enabled, boolean deleted) {
        long enabledAdminsAfter = users.stream().filter(u -> !u.username().equals(username))
                .filter(Member::isEnabledAdmin).count();
        if (!deleted && enabled && Role.ADMIN.equals(role)) {
            enabledAdminsAfter++;
        }
        boolean wasOne = users.stream().anyMatch(u -> u.username().equals(username) && u.isEnabledAdmin());
        if (enabledAdminsAfter == 0 && wasOne) {
            String what = deleted ? "deleted" : !enabled ? "disabled" : "made a viewer";
            return Optional.of("'" + username + "' is the last enabled admin and cannot be " + what
                    + ": make another user an admin first.");
        }
        return Optional.empty();
    }
}
