package io.assetmanager.qualys.sync;

/**
 * How a sync run ended; RUNNING while it goes, INTERRUPTED when a crash or shutdown cut it off, PAUSED when the
 * Qualys API quota left could not hold its writes (it stopped before any, and says when it tries again).
 */
public enum SyncOutcome {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED, PAUSED
}
