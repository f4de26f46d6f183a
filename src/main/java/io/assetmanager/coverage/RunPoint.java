package io.assetmanager.coverage;

import java.math.BigInteger;
import java.time.OffsetDateTime;

/** The set sizes one successful sync run recorded; any of them may be missing. */
public record RunPoint(OffsetDateTime endedAt, Long indexed, BigInteger subscribed, Long scanned,
        BigInteger discovered, Long managed, Long unmanagedByQualys) {

    /** |I ∩ M| / |I| as a percentage, null when the run did not record both. */
    public Double coveragePercent() {
        return managed == null || indexed == null || indexed == 0 ? null : 100.0 * managed / indexed;
    }
}
