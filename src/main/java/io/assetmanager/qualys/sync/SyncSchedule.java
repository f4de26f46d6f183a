package io.assetmanager.qualys.sync;

import io.assetmanager.qualys.settings.QualysSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When runs are due. The run history decides, not a timer's memory: a run is due when none started within the
 * polling interval, or none since the integration was switched On; never while Off or while Qualys refuses the
 * credentials. A run that paused for the Qualys quota is tried again when it said.
 */
public final class SyncSchedule {

    private final SyncStore store;
    private final Clock clock;
    private final Duration intervalUnit;

    /** @param intervalUnit what one "hour" of the polling interval lasts (shortened in tests and demos) */
    public SyncSchedule(SyncStore store, Clock clock, Duration intervalUnit) {
        this.store = store;
        this.clock = clock;
        this.intervalUnit = intervalUnit;
    }

    public boolean isDue(QualysSettings settings) {
        return nextRun(settings).map(next -> !next.isAfter(now())).orElse(false);
    }

    /** When the next timer run is due; empty while Off or while the credentials are refused. */
    public Optional<OffsetDateTime> nextRun(QualysSettings settings) {
        if (!settings.isEnabled() || settings.isCredentialsRejected()) {
            return Optional.empty();
        }
        Optional<OffsetDateTime> last = store.lastStart();
        OffsetDateTime since = settings.getEnabledSince();
        if (last.isEmpty() || (since != null && last.get().isBefore(since))) {
            return Optional.of(since == null ? now() : since);
        }
        OffsetDateTime regular = last.get().plus(intervalUnit.multipliedBy(settings.getPollingIntervalHours()));
        // A run that paused for the Qualys quota says when to try again, usually well before the interval is up.
        Optional<OffsetDateTime> resume = store.pausedUntil().filter(at -> at.isBefore(regular));
        return Optional.of(resume.orElse(regular));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
