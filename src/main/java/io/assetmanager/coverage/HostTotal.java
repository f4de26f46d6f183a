package io.assetmanager.coverage;

import java.io.Serializable;
/**
 * How many hosts a list holds: exactly, or, for a filtered list larger than {@link CoverageRepository#COUNT_CAP},
 * "more than" that cap ({@code capped}): counting a million filtered rows for every view is what makes a page slow.
 */
public record HostTotal(long value, boolean capped) implements Serializable {

    /** The total as a person reads it, e.g. "1,234" or "more than 10,000". */
    public String text() {
        return (capped ? "more than " : "") + String.format("%,d", value);
    }
}
