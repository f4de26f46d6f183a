package io.assetmanager.coverage;

import java.math.BigInteger;
import java.time.OffsetDateTime;

/** The set sizes one successful sync run recorded; any of them may be missing. */
public record RunPoint(OffsetDateTime endedAt, Long indexed, BigInteger subscribed, Long scanned,
        BigInteger discovered, Long managed, Long stale, Long unmanagedByQualys) {

    /**
     * The coverage of the run as a percentage: indexed IPs Qualys scanned, less those it scanned longer ago than
     * "Stale after N days" (|I ∩ F| / |I|; runs from before the stale count was recorded count every scan); null
     * when the run did not record the counts.
     */
    public Double coveragePercent() {
        if (managed == null || indexed == null || indexed == 0) {
            return null;
        }
        return 100.0 * (managed - (stale == null ? 0 : stale)) / indexed;
    }
}
