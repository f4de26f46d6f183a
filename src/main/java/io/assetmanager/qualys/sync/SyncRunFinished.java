package io.assetmanager.qualys.sync;

/**
 * Fired (synchronously, on the run's thread) once a sync run's record is final; observers must return at once and
 * never throw (the notifications hand it to a background thread).
 */
public record SyncRunFinished(long runId) {
}
