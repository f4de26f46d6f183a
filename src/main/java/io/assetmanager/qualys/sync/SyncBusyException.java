package io.assetmanager.qualys.sync;

/** A run was asked for while another is going on (on this instance or another sharing the database). */
public class SyncBusyException extends Exception {
    public SyncBusyException(String message) {
        super(message);
    }
}
