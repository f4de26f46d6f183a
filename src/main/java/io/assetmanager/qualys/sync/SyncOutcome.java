package io.assetmanager.qualys.sync;

/**
 * How a sync run ended; RUNNING while it goes, INTERRUPTED when a crash or shutdown cut it off, PAUSED when the
 * Qualys API quota left could not hold its writes (it stopped before any, and says when it tries again), HELD when
 * Qualys's answer was empty or shrank past the threshold ({@link HoldRule}): nothing stored or written until an admin
 * accepts it or the next run confirms it.
 */
public enum SyncOutcome {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED, PAUSED, HELD
}
