package io.assetmanager.coverage;

import java.math.BigInteger;
import java.time.OffsetDateTime;

/** The set sizes one successful sync run recorded; any of them may be missing. */
public record RunPoint(OffsetDateTime endedAt, Long indexed, BigInteger subscribed, Long scanned,
        BigInteger discovered, Long managed, Long stale) {
}
