package io.assetmanager.platform;

import java.time.Duration;

/** Waits: between retries, or as a rate limit asks. Tests pass one that moves a clock they control. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the thread. */
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;
}
