package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When the timer starts a run: by the run history, the interval, the switch and the credentials. */
class SyncScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(NOW);
    private final InMemorySyncStore store = new InMemorySyncStore(clock);
    private final SyncSchedule schedule = new SyncSchedule(store, clock, Duration.ofHours(1));

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void lastRunStarted(Duration ago) {
        store.addRun(SyncTrigger.TIMER, null, "node-a", at(NOW.minus(ago)));
    }

    @Test
    void theFirstRunIsDueAtOnce() {
        assertThat(schedule.isDue(store.settings)).isTrue();
        assertThat(schedule.nextRun(store.settings)).contains(at(NOW));
    }

    @Test
    void aRunWithinTheIntervalMakesTheNextOneWait() {
        lastRunStarted(Duration.ofHours(10));

        assertThat(schedule.isDue(store.settings)).isFalse();
        assertThat(schedule.nextRun(store.settings)).contains(at(NOW.plus(Duration.ofHours(14))));

        clock.advance(Duration.ofHours(14).minusSeconds(1));
        assertThat(schedule.isDue(store.settings)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(schedule.isDue(store.settings)).isTrue();
    }

    @Test
    void aShorterIntervalMakesARunDueSooner() {
        lastRunStarted(Duration.ofHours(10));
        assertThat(schedule.isDue(store.settings)).isFalse();

        store.edit(e -> e.pollingIntervalHours(6));

        assertThat(schedule.isDue(store.settings)).isTrue();
        assertThat(schedule.nextRun(store.settings)).contains(at(NOW.minus(Duration.ofHours(4))));
    }

    @Test
    void aLongerIntervalPutsTheNextRunOff() {
        store.edit(e -> e.pollingIntervalHours(6));
        lastRunStarted(Duration.ofHours(10));
        assertThat(schedule.isDue(store.settings)).isTrue();

        store.edit(e -> e.pollingIntervalHours(48));

        assertThat(schedule.isDue(store.settings)).isFalse();
        assertThat(schedule.nextRun(store.settings)).contains(at(NOW.plus(Duration.ofHours(38))));
    }

    @Test
    void switchingOnAfterTheLastRunMakesARunDueFromThatMoment() {
        lastRunStarted(Duration.ofHours(2));
        store.settings.setEnabledSince(at(NOW.minus(Duration.ofHours(1))));

        assertThat(schedule.isDue(store.settings)).isTrue();
        assertThat(schedule.nextRun(store.settings)).contains(at(NOW.minus(Duration.ofHours(1))));
    }

    @Test
    void aRunSinceSwitchingOnCountsAsUsual() {
        store.settings.setEnabledSince(at(NOW.minus(Duration.ofHours(3))));
        lastRunStarted(Duration.ofHours(2));

        assertThat(schedule.isDue(store.settings)).isFalse();
        assertThat(schedule.nextRun(store.settings)).contains(at(NOW.plus(Duration.ofHours(22))));
    }

    @Test
    void theIntervalUnitScalesTheInterval() {
        SyncSchedule inMinutes = new SyncSchedule(store, clock, Duration.ofMinutes(1));
        lastRunStarted(Duration.ofMinutes(30));

        assertThat(inMinutes.isDue(store.settings)).isTrue();
        assertThat(inMinutes.nextRun(store.settings)).contains(at(NOW.minus(Duration.ofMinutes(6))));
    }

    @Test
    void nothingIsDueWhileTheIntegrationIsOff() {
        store.edit(e -> e.enabled(false));

        assertThat(schedule.isDue(store.settings)).isFalse();
        assertThat(schedule.nextRun(store.settings)).isEmpty();
    }

    @Test
    void nothingIsDueWhileQualysRefusesTheCredentials() {
        lastRunStarted(Duration.ofDays(3));
        store.settings.setCredentialsRejected(true);

        assertThat(schedule.isDue(store.settings)).isFalse();
        assertThat(schedule.nextRun(store.settings)).isEmpty();

        store.settings.setCredentialsRejected(false);
        assertThat(schedule.isDue(store.settings)).isTrue();
    }
}
