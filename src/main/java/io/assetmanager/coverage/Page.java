package io.assetmanager.coverage;

import java.util.List;

/** One page of a list, with the size of the whole (filtered) list: hosts, or ranges for address-range sets. */
public record Page<T>(long total, int offset, int limit, List<T> rows) {
}
