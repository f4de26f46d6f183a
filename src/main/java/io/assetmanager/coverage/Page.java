package io.assetmanager.coverage;

import java.util.List;

/**
 * One page of a list, with the size of the whole (filtered) list: hosts, or ranges for address-range sets. When
 * {@code capped}, the filtered list holds more than {@code total} rows and was not counted further.
 */
public record Page<T>(long total, boolean capped, int offset, int limit, List<T> rows) {

    public Page(long total, int offset, int limit, List<T> rows) {
        this(total, false, offset, limit, rows);
    }
}
