package io.assetmanager.coverage;

import io.assetmanager.counts.FreshCounts;
import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * The dashboard's numbers: from one consistent read, the base counts every set size is derived from, the
 * subscription's range count and the freshness of the Qualys data; with them the Auto-Subscribe setting (read from
 * the settings, it decides the DISCOVERED set). In a zone ({@link ZoneFilter}), I is that zone's hosts and the sets
 * outside I have no count.
 */
public final class CoverageNumbers {

    private final Map<BaseCount, BigInteger> base;
    private final int subscribedRanges;
    private final boolean autoSubscribe;
    private final QualysStatus qualys;
    private final FreshCounts fresh;
    private final String zone;
    private final BigInteger indexedInAllZones;

    CoverageNumbers(Map<BaseCount, BigInteger> base, int subscribedRanges, boolean autoSubscribe,
            QualysStatus qualys, FreshCounts fresh, String zone, BigInteger indexedInAllZones) {
        this.fresh = fresh;
        this.zone = zone;
        this.indexedInAllZones = indexedInAllZones;
        this.base = new EnumMap<>(base);
        this.subscribedRanges = subscribedRanges;
        this.autoSubscribe = autoSubscribe;
        this.qualys = qualys;
    }

    /** How many members the set has: addresses, where a set holds subscription ranges; distinct IPs otherwise. */
    public BigInteger count(CoverageSet set) {
        return count(set.spec(autoSubscribe));
    }

    /**
     * How many members a set given by its memberships has.
     *
     * @throws IllegalStateException for a set outside I in a zone, which has no count there ({@link #applies})
     */
    public BigInteger count(SetSpec spec) {
        if (!applies(spec)) {
            throw new IllegalStateException(spec + " has no count in a zone: " + ZoneFilter.NOT_APPLICABLE);
        }
        return sum(BaseCount.coefficients(spec), base);
    }

    /** Whether the set has a count in the zone of these numbers (always, in every zone). */
    public boolean applies(CoverageSet set) {
        return applies(set.spec(autoSubscribe));
    }

    public boolean applies(SetSpec spec) {
        return ZoneFilter.applies(spec, zone);
    }

    /** |I| of every zone, the Totals' figure, from the maintained counts of the same read; in a zone too. */
    public BigInteger indexedInAllZones() {
        return indexedInAllZones;
    }

    /** The zone these numbers count, null for every zone. */
    public String zone() {
        return zone;
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

    /**
     * The share of indexed IPs that Qualys scanned in the last N days ("Stale after N days"), |I ∩ F| / |I|, from 0
     * to 1; null without indexed hosts. A scan older than that no longer counts as coverage.
     */
    public Double coverage() {
        return shareOfIndexed(base.get(BaseCount.INDEXED_FRESH));
    }

    /** The share of indexed IPs scanned, but not in the last N days: what coverage lacks for stale scans. */
    public Double staleShare() {
        return shareOfIndexed(count(CoverageSet.STALE));
    }

    private Double shareOfIndexed(BigInteger count) {
        BigInteger indexed = base.get(BaseCount.INDEXED);
        if (indexed.signum() == 0) {
            return null;
        }
        return count.doubleValue() / indexed.doubleValue();
    }

    /** N of "Stale after N days", as the counts were judged with. */
    public int staleAfterDays() {
        return fresh.staleAfterDays();
    }

    /** The time the scan dates were judged at: the last run that stored them. */
    public OffsetDateTime freshAsOf() {
        return fresh.asOf();
    }

    /** The first scan time that counts as fresh: {@link #freshAsOf()} less N days. */
    public OffsetDateTime freshSince() {
        return fresh.since();
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
