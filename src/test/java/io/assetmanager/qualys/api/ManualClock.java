package io.assetmanager.qualys.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when the client sleeps on it, and the record of those sleeps. */
final class ManualClock extends Clock implements QualysRequestExecutor.Sleeper {

    private Instant now = Instant.parse("2026-03-02T09:00:00Z");
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration d) {
        waits.add(d);
        now = now.plus(d);
    }

    /** Every wait the client asked for, in order. */
    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
