package io.assetmanager.qualys.sync;

/**
 * A run's write refused because the run no longer holds the lease it started with: it was taken over after the run
 * stopped heart-beating (a frozen process, a long pause), or given back when its instance shut down. The write's
 * transaction is rolled back and the run ends INTERRUPTED.
 */
public class LeaseLostException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public LeaseLostException(String message) {
        super(message);
    }

    /** The lease-lost failure behind {@code e} (a container may have wrapped it), if that is what it is. */
    static java.util.Optional<LeaseLostException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LeaseLostException lost) {
                return java.util.Optional.of(lost);
            }
        }
        return java.util.Optional.empty();
    }
}
