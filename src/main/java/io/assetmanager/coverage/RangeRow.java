package io.assetmanager.coverage;

import io.assetmanager.net.IpRange;
import java.math.BigInteger;

/** One range of a set that holds subscription addresses nobody indexed or scanned. */
public record RangeRow(String first, String last, BigInteger addresses) {

    static RangeRow of(IpRange range) {
        return new RangeRow(range.first().toString(), range.last().toString(), range.size());
    }
}
