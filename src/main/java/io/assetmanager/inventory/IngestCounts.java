package io.assetmanager.inventory;

import java.io.Serializable;

/**
 * What one upload did. {@code hosts}: distinct addresses in the upload. {@code added}: new to the inventory.
 * {@code updated}: already indexed, and the upload changed a hostname, MAC or zone. {@code unchanged}: already
 * indexed with the same details (their last-seen time and source are still refreshed). {@code removed}: indexed
 * hosts the upload did not list (replace mode only).
 */
public record IngestCounts(IngestMode mode, long hosts, long added, long updated, long unchanged, long removed)
        implements Serializable {

    public String summary() {
        return String.format("%,d hosts in the upload (%s): %,d added, %,d updated, %,d unchanged, %,d removed",
                hosts, mode.label(), added, updated, unchanged, removed);
    }
}
