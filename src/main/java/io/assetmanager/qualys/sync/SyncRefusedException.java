package io.assetmanager.qualys.sync;

/** A run was asked for but cannot start: another is going on (here or on another instance), or the integration is Off. */
public class SyncRefusedException extends Exception {
    public SyncRefusedException(String message) {
        super(message);
    }
}
