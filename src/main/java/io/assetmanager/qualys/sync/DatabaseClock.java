package io.assetmanager.qualys.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The database's clock as a {@link Clock}: each reading asks the database. Every instance sharing the database reads
 * the same time from it, so when runs are due and when a paused run tries again do not depend on whose clock is off.
 */
final class DatabaseClock extends Clock {

    private final Supplier<OffsetDateTime> now;

    DatabaseClock(Supplier<OffsetDateTime> now) {
        this.now = now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("The database clock reads UTC");
        }
        return this;
    }

    @Override
    public Instant instant() {
        return now.get().toInstant();
    }
}
