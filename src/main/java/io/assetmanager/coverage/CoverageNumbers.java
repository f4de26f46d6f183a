package io.assetmanager.coverage;

import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

/**
 * The dashboard's numbers: from one consistent read, the base counts every set size is derived from, the
 * subscription's range count and the freshness of the Qualys data; with them the Auto-Subscribe setting (read from
 * the settings, it decides the DISCOVERED set).
 */
public final class CoverageNumbers {

    private final Map<BaseCount, BigInteger> base;
    private final int subscribedRanges;
    private final boolean autoSubscribe;
    private final QualysStatus qualys;

    CoverageNumbers(Map<BaseCount, BigInteger> base, int subscribedRanges, boolean autoSubscribe,
            QualysStatus qualys) {
        this.base = new EnumMap<>(base);
        this.subscribedRanges = subscribedRanges;
        this.autoSubscribe = autoSubscribe;
        this.qualys = qualys;
    }

    /** How many members the set has: addresses, where a set holds subscription ranges; distinct IPs otherwise. */
    public BigInteger count(CoverageSet set) {
        return sum(BaseCount.coefficients(set.spec(autoSubscribe)), base);
    }

    /** How many members a set given by its memberships has. */
    public BigInteger count(SetSpec spec) {
        return sum(BaseCount.coefficients(spec), base);
    }

    static BigInteger sum(int[] coefficients, Map<BaseCount, BigInteger> base) {
        BigInteger total = BigInteger.ZERO;
        for (BaseCount b : BaseCount.values()) {
            int c = coefficients[b.ordinal()];
            if (c != 0) {
                total = total.add(base.get(b).multiply(BigInteger.valueOf(c)));
            }
        }
        return total;
    }

    /** The share of indexed IPs that Qualys scanned, |I ∩ M| / |I|, from 0 to 1; null without indexed hosts. */
    public Double coverage() {
        BigInteger indexed = base.get(BaseCount.INDEXED);
        if (indexed.signum() == 0) {
            return null;
        }
        return base.get(BaseCount.INDEXED_SCANNED).doubleValue() / indexed.doubleValue();
    }

    public int subscribedRanges() {
        return subscribedRanges;
    }

    public boolean autoSubscribe() {
        return autoSubscribe;
    }

    public QualysStatus qualys() {
        return qualys;
    }
}
