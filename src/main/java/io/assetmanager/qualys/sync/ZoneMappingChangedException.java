package io.assetmanager.qualys.sync;

/**
 * The zone mapping was saved by someone else after the page that tries to save it was opened: nothing is saved, so
 * that the other save is not silently undone. A checked exception: an EJB passes it on as it is.
 */
public class ZoneMappingChangedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ZoneMappingChangedException(String message) {
        super(message);
    }
}
