package io.assetmanager.coverage;

/** The database could not answer a dashboard query; the message says which one. */
public class CoverageQueryException extends RuntimeException {

    public CoverageQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
