package io.assetmanager.qualys.sync;

/** How a sync run ended; RUNNING while it goes, INTERRUPTED when a crash or shutdown cut it off. */
public enum SyncOutcome {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED
}
