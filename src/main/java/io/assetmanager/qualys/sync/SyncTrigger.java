package io.assetmanager.qualys.sync;

/** What started a sync run: the polling timer or an admin's "Run now". */
public enum SyncTrigger {
    TIMER, MANUAL
}
