package io.assetmanager.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeavyRequestsTest {

    private final HeavyRequests heavy = new HeavyRequests(2);

    @Test
    void aUserRunsAtMostTheAllowanceAtOnceAndAFinishedOneFreesItsPlace() {
        Optional<HeavyRequests.Permit> first = heavy.tryStart("viewer");
        Optional<HeavyRequests.Permit> second = heavy.tryStart("Viewer");
        assertThat(first).isPresent();
        assertThat(second).as("user names compare without case").isPresent();
        assertThat(heavy.tryStart("viewer")).isEmpty();
        assertThat(heavy.tryStart("admin")).as("another user").isPresent();

        first.get().close();
        first.get().close();
        assertThat(heavy.running("viewer")).as("closing twice frees one place").isEqualTo(1);
        assertThat(heavy.tryStart("viewer")).isPresent();
        assertThat(heavy.tryStart("viewer")).isEmpty();
    }

    @Test
    void runOrRunsTheQueryUnderAPermitOrAnswersTheRefusalWithoutRunningIt() {
        HeavyRequests.Permit a = heavy.tryStart("viewer").orElseThrow();
        assertThat(heavy.runOr("viewer", () -> heavy.running("viewer"), () -> -1)).as("inside the permit").isEqualTo(2);
        assertThat(heavy.running("viewer")).as("released after").isEqualTo(1);
        HeavyRequests.Permit b = heavy.tryStart("viewer").orElseThrow();
        int[] ran = {0};
        assertThat(heavy.runOr("viewer", () -> ++ran[0], () -> -1)).isEqualTo(-1);
        assertThat(ran[0]).isZero();
        a.close();
        b.close();
        assertThat(heavy.running("viewer")).isZero();
        assertThatThrownBy(() -> heavy.runOr("viewer", () -> {
            throw new IllegalStateException("query failed");
        }, () -> 0)).hasMessage("query failed");
        assertThat(heavy.running("viewer")).as("released after a failure").isZero();
        assertThat(heavy.refusal()).isEqualTo("At most 2 exports or filtered lists run at once for one user. Wait"
                + " for yours to finish, then try again.");
    }

    @Test
    void aTableRunsCheapQueriesAlwaysAndSaysWhenAScanWasRefused() {
        HeavyRequests.Table table = new HeavyRequests.Table(heavy, "viewer");
        HeavyRequests.Permit a = heavy.tryStart("viewer").orElseThrow();
        HeavyRequests.Permit b = heavy.tryStart("viewer").orElseThrow();
        assertThat(table.run(true, () -> List.of("row"), List.of())).isEmpty();
        assertThat(table.emptyMessage("No rows.")).isEqualTo(heavy.refusal());
        assertThat(table.run(false, () -> List.of("row"), List.of())).as("by address").containsExactly("row");
        assertThat(table.emptyMessage("No rows.")).isEqualTo("No rows.");
        a.close();
        assertThat(table.run(true, () -> List.of("row"), List.of())).containsExactly("row");
        assertThat(table.emptyMessage("No rows.")).isEqualTo("No rows.");
        b.close();
    }

    @Test
    void theAllowanceIsAtLeastOne() {
        assertThatThrownBy(() -> new HeavyRequests(0)).hasMessageContaining("assetmanager.heavyRequestsPerUser");
    }
}
