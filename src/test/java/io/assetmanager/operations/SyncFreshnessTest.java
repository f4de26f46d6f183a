package io.assetmanager.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncFreshnessTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-01T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final OffsetDateTime LONG_AGO = NOW.minusDays(30);

    private static SyncFreshness.State on(OffsetDateTime enabledSince) {
        return new SyncFreshness.State(true, true, false, enabledSince, DAY);
    }

    private static SyncFreshness.Verdict evaluate(SyncFreshness.State state, OffsetDateTime lastSuccess,
            String lastOutcome, String code) {
        return SyncFreshness.evaluate(state, Optional.ofNullable(lastSuccess),
                Optional.ofNullable(lastOutcome).map(o -> Map.entry(o, code)), NOW);
    }

    @Test
    void notConfiguredAndOffAreReadyAndSayWhy() {
        var notConfigured = evaluate(new SyncFreshness.State(false, false, false, null, DAY), null, null, "");
        assertThat(notConfigured.up()).isTrue();
        assertThat(notConfigured.data()).containsEntry("integration", "not configured");

        var off = evaluate(new SyncFreshness.State(false, true, false, LONG_AGO, DAY), LONG_AGO, "FAILED", "2000");
        assertThat(off.up()).isTrue();
        assertThat(off.data()).containsExactly(Map.entry("integration", "off"));
    }

    @Test
    void aSuccessWithinTwoIntervalsIsReadyEvenAfterAFailedRun() {
        var verdict = evaluate(on(LONG_AGO), NOW.minusHours(47), "FAILED", "1965");
        assertThat(verdict.up()).isTrue();
        assertThat(verdict.data()).containsEntry("lastSuccess", "2026-11-29T13:00Z")
                .containsEntry("lastRunOutcome", "FAILED").containsEntry("lastRunErrorCode", "1965")
                .containsEntry("maxAge", "PT48H");
    }

    @Test
    void aHeldRunIsReadyWithAHeldDetailUntilTwoIntervalsPassWithoutASuccess() {
        var held = evaluate(on(LONG_AGO), NOW.minusHours(3), "HELD", "");
        assertThat(held.up()).isTrue();
        assertThat(held.data()).containsEntry("lastRunOutcome", "HELD").containsKey("held").doesNotContainKey("problem");
        assertThat(held.data().get("held")).contains("accepts it on the Sync history page", "next run confirms it");

        var heldTooLong = evaluate(on(LONG_AGO), NOW.minusHours(49), "HELD", "");
        assertThat(heldTooLong.up()).isFalse();
        assertThat(heldTooLong.data()).containsKey("held").containsKey("problem");

        assertThat(evaluate(on(LONG_AGO), NOW.minusHours(3), "FAILED", "").data()).doesNotContainKey("held");
    }

    @Test
    void noSuccessForTwoIntervalsIsNotReady() {
        var verdict = evaluate(on(LONG_AGO), NOW.minusHours(49), "FAILED", "");
        assertThat(verdict.up()).isFalse();
        assertThat(verdict.data()).containsKey("problem").doesNotContainKey("lastRunErrorCode");
    }

    @Test
    void switchingOnGivesTheFirstRunTwoIntervals() {
        assertThat(evaluate(on(NOW.minusHours(47)), null, null, "").up()).isTrue();
        assertThat(evaluate(on(NOW.minusHours(49)), null, null, "").up()).isFalse();
        // Switched Off and On again after a long pause: the old success does not count, the new start does.
        assertThat(evaluate(on(NOW.minusMinutes(5)), LONG_AGO, "SUCCEEDED", "").up()).isTrue();
    }

    @Test
    void rejectedCredentialsAreNotReadyAtOnce() {
        var verdict = evaluate(new SyncFreshness.State(true, true, true, LONG_AGO, DAY), NOW.minusHours(1), "FAILED",
                "2000");
        assertThat(verdict.up()).isFalse();
        assertThat(verdict.data().get("problem")).contains("rejected the username or password");
    }

    @Test
    void theIntervalScalesTheLimit() {
        var hourly = new SyncFreshness.State(true, true, false, LONG_AGO, Duration.ofHours(1));
        assertThat(evaluate(hourly, NOW.minusMinutes(119), "SUCCEEDED", "").up()).isTrue();
        assertThat(evaluate(hourly, NOW.minusMinutes(121), "SUCCEEDED", "").up()).isFalse();
    }
}
