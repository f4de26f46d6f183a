package io.assetmanager.notify;

/** A channel could not deliver a notification; the message says what failed where, for the admin. */
public final class ChannelException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChannelException(String message) {
        super(message);
    }
}
