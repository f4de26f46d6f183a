package io.assetmanager.platform;

/** What a caught exception says through its chain of causes. */
public final class Exceptions {

    private Exceptions() {
    }

    /** Whether the exception, or any of its causes, is of the type. */
    public static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
