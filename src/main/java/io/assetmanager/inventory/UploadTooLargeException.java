package io.assetmanager.inventory;

/** The upload is over a documented limit (bytes or hosts); it was not read further and nothing was written. */
public class UploadTooLargeException extends RuntimeException {

    public UploadTooLargeException(String message) {
        super(message);
    }
}
