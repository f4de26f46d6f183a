package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.security.UserRules.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserRulesTest {

    private static final Member ADMIN = new Member("admin", Role.ADMIN, true);
    private static final Member VIEWER = new Member("viewer", Role.VIEWER, true);
    private static final Member SECOND_ADMIN = new Member("ops", Role.ADMIN, true);
    private static final Member DISABLED_ADMIN = new Member("old", Role.ADMIN, false);

    @Test
    void theLastEnabledAdminCannotBeDemotedDisabledOrDeleted() {
        List<Member> users = List.of(ADMIN, VIEWER, DISABLED_ADMIN);
        assertThat(UserRules.lastAdminProblem(users, "admin", Role.VIEWER, true, false))
                .hasValue("'admin' is the last enabled admin and cannot be made a viewer: make another user an admin"
                        + " first.");
        assertThat(UserRules.lastAdminProblem(users, "admin", Role.ADMIN, false, false)).get().asString()
                .contains("cannot be disabled");
        assertThat(UserRules.lastAdminProblem(users, "admin", Role.ADMIN, true, true)).get().asString()
                .contains("cannot be deleted");
    }

    @Test
    void withAnotherEnabledAdminEveryChangeIsAllowed() {
        List<Member> users = List.of(ADMIN, VIEWER, SECOND_ADMIN);
        assertThat(UserRules.lastAdminProblem(users, "admin", Role.VIEWER, true, false)).isEmpty();
        assertThat(UserRules.lastAdminProblem(users, "admin", Role.ADMIN, false, false)).isEmpty();
        assertThat(UserRules.lastAdminProblem(users, "admin", Role.ADMIN, true, true)).isEmpty();
    }

    @Test
    void viewersAndDisabledAdminsAreNeverTheLastAdmin() {
        List<Member> users = List.of(ADMIN, VIEWER, DISABLED_ADMIN);
        assertThat(UserRules.lastAdminProblem(users, "viewer", Role.VIEWER, false, true)).isEmpty();
        assertThat(UserRules.lastAdminProblem(users, "old", Role.ADMIN, false, true)).isEmpty();
        assertThat(UserRules.lastAdminProblem(users, "old", Role.VIEWER, false, false)).isEmpty();
        // Promoting a viewer while demoting nobody keeps the admin.
        assertThat(UserRules.lastAdminProblem(users, "viewer", Role.ADMIN, true, false)).isEmpty();
    }

    @Test
    void aPasswordNeedsTwelveCharactersAtMost128NotOneRepeatedAndNotTheUserName() {
        assertThat(UserRules.passwordProblem("alice", "short-pw-11")).hasValue(
                "Password has 11 characters; at least 12 are needed.");
        assertThat(UserRules.passwordProblem("alice", "kT9#vQ2$mZ7p")).isEmpty();
        assertThat(UserRules.passwordProblem("alice", "x".repeat(129))).hasValue(
                "Password has 129 characters; at most 128 are allowed.");
        assertThat(UserRules.passwordProblem("alice", "aaaaaaaaaaaaaaaa")).hasValue(
                "Password is one character repeated.");
        assertThat(UserRules.passwordProblem("alice", "my-ALICE-password")).hasValue(
                "Password contains the user name.");
        assertThat(UserRules.passwordProblem("alice", "")).hasValue("Password is empty.");
        assertThat(UserRules.passwordProblem("alice", null)).hasValue("Password is empty.");
        // Characters, not UTF-16 units: eleven emoji are eleven characters.
        assertThat(UserRules.passwordProblem("alice", "🔑🔒🔓🗝🔐🛡🧱🚪🔏🪪🏰")).get().asString()
                .startsWith("Password has 11 characters");
    }

    @Test
    void aPasswordEasyToGuessIsRefusedWithTheReason() {
        // What people choose when twelve characters are asked for: common passwords, sequences, keyboard rows.
        assertThat(UserRules.passwordProblem("alice", "password1234")).get().asString()
                .startsWith("Password is too easy to guess: This is a top-10 common password.");
        assertThat(UserRules.passwordProblem("bob", "123456789012")).get().asString()
                .startsWith("Password is too easy to guess");
        assertThat(UserRules.passwordProblem("bob", "qwertyuiop12")).get().asString()
                .startsWith("Password is too easy to guess");
        assertThat(UserRules.passwordProblem("carol", "abcdefghijkl")).get().asString()
                .startsWith("Password is too easy to guess: Sequences like abc or 6543 are easy to guess.");
        assertThat(UserRules.passwordProblem("dave", "Summer2026!!")).get().asString()
                .startsWith("Password is too easy to guess");
        // The product's own name is a known word, as the user name is.
        assertThat(UserRules.passwordProblem("erin", "Assetmanager2026")).get().asString()
                .startsWith("Password is too easy to guess");
        // A long run of a weak pattern is judged by its first 40 characters, however long.
        assertThat(UserRules.passwordProblem("erin", "password".repeat(16))).get().asString()
                .startsWith("Password is too easy to guess");
        // Random characters and phrases of uncommon words pass.
        for (String strong : List.of("kT9#vQ2$mZ7p", "correct horse battery", "Review-Viewer-2026!",
                "first-Pass-4u7q", "second-Pass-9k2w", "api-Pass-77x1q")) {
            assertThat(UserRules.passwordProblem("alice", strong)).as(strong).isEmpty();
        }
    }

    @Test
    void aUserNameIsOneTo64LettersDigitsOrDotUnderscoreAtHyphen() {
        assertThat(UserRules.usernameProblem("jane.doe@example-corp_1")).isEmpty();
        assertThat(UserRules.usernameProblem("")).hasValue("User name is empty.");
        assertThat(UserRules.usernameProblem(null)).hasValue("User name is empty.");
        assertThat(UserRules.usernameProblem("a".repeat(65))).hasValue(
                "User name has 65 characters; at most 64 are allowed.");
        for (String bad : List.of("jane doe", "jane/doe", "<b>", "jané", "a\nb", "x:y")) {
            assertThat(UserRules.usernameProblem(bad)).as(bad).hasValue(
                    "User name may hold only letters A-Z and a-z, digits and . _ @ -.");
        }
    }
}
