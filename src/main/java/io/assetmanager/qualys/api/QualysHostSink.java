package io.assetmanager.qualys.api;

/** Receives the host list as it streams in; the client keeps nothing. */
@FunctionalInterface
public interface QualysHostSink {

    void accept(QualysHost host);

    /** Called after each complete page, with the 1-based page number and the hosts it delivered. */
    default void pageDone(int page, long hostsInPage) {
    }
}
