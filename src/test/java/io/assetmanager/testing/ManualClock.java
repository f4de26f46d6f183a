package io.assetmanager.testing;

import io.assetmanager.platform.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock the test moves by hand, and a sleeper that moves it instead of waiting, recording each wait. */
public final class ManualClock extends Clock implements Sleeper {

    private Instant now;
    private final List<Duration> waits = new ArrayList<>();

    public ManualClock(Instant start) {
        now = start;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public synchronized void sleep(Duration d) {
        waits.add(d);
        advance(d);
    }

    /** Every wait asked for through {@link #sleep}, in order. */
    public synchronized List<Duration> waits() {
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
