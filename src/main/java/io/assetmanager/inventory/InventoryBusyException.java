package io.assetmanager.inventory;

import jakarta.ejb.ApplicationException;

/**
 * An inventory change refused because another change (on this or another instance), or a sync run storing its
 * snapshot, held the inventory longer than the deployment lets a change wait: nothing was written, and the same
 * request can be sent again. REST answers 409; the page says so.
 */
@ApplicationException(rollback = true)
public class InventoryBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InventoryBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
