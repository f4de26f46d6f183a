package io.assetmanager.coverage;

import io.assetmanager.counts.CoverageCounts;
import io.assetmanager.counts.FreshCounts;
import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

/**
 * The sizes every dashboard count is derived from, by inclusion and exclusion: |I|, |S|, |M|, |I ∩ S|,
 * |M ∩ S|, |I ∩ M| and |I ∩ S ∩ M|, and |I ∩ F| for the sets that depend on the scans' age. Sizes involving I or M count distinct addresses of hosts (M may hold several
 * Qualys hosts with one address); |S| counts every address of the subscription's ranges. They are stored and kept
 * up to date where the data changes ({@link CoverageCounts}, docs/DASHBOARD.md).
 */
enum BaseCount {
    INDEXED,
    SUBSCRIBED,
    SCANNED,
    INDEXED_SUBSCRIBED,
    SCANNED_SUBSCRIBED,
    INDEXED_SCANNED,
    ALL_THREE,
    /** |I ∩ F|: indexed addresses Qualys scanned in the last N days (the "Stale after N days" setting). */
    INDEXED_FRESH;

    /** The stored counts by base count. */
    static Map<BaseCount, BigInteger> of(CoverageCounts counts, FreshCounts fresh) {
        Map<BaseCount, BigInteger> values = new EnumMap<>(BaseCount.class);
        values.put(INDEXED, BigInteger.valueOf(counts.indexed()));
        values.put(SUBSCRIBED, counts.subscribed());
        values.put(SCANNED, BigInteger.valueOf(counts.scanned()));
        values.put(INDEXED_SUBSCRIBED, BigInteger.valueOf(counts.indexedSubscribed()));
        values.put(SCANNED_SUBSCRIBED, BigInteger.valueOf(counts.scannedSubscribed()));
        values.put(INDEXED_SCANNED, BigInteger.valueOf(counts.indexedScanned()));
        values.put(ALL_THREE, BigInteger.valueOf(counts.allThree()));
        values.put(INDEXED_FRESH, BigInteger.valueOf(fresh.indexedFresh()));
        return values;
    }

    /**
     * The size of one Venn region as a sum of base counts with these coefficients (inclusion and exclusion), in
     * the order of {@link #values()}.
     */
    static int[] regionCoefficients(boolean inI, boolean inS, boolean inM) {
        if (inI && inS && inM) {
            return new int[] {0, 0, 0, 0, 0, 0, 1, 0};
        }
        if (inI && inS) {
            return new int[] {0, 0, 0, 1, 0, 0, -1, 0};
        }
        if (inI && inM) {
            return new int[] {0, 0, 0, 0, 0, 1, -1, 0};
        }
        if (inI) {
            return new int[] {1, 0, 0, -1, 0, -1, 1, 0};
        }
        if (inS && inM) {
            return new int[] {0, 0, 0, 0, 1, 0, -1, 0};
        }
        if (inM) {
            return new int[] {0, 0, 1, 0, -1, -1, 1, 0};
        }
        if (inS) {
            return new int[] {0, 1, 0, -1, -1, 0, 1, 0};
        }
        throw new IllegalArgumentException("the region outside I, S and M has no size");
    }

    /**
     * The coefficients of a whole set: the sum over the regions it consists of. A set that depends on the scans' age
     * is counted for indexed hosts whatever their subscription (the counts split I ∩ M by age, not I ∩ S ∩ M).
     */
    static int[] coefficients(SetSpec spec) {
        if (spec.freshScan() != Membership.ANY) {
            return freshCoefficients(spec);
        }
        int[] sum = new int[values().length];
        for (int region = 1; region < 8; region++) {
            boolean inI = (region & 4) != 0;
            boolean inS = (region & 2) != 0;
            boolean inM = (region & 1) != 0;
            if (spec.containsRegion(inI, inS, inM)) {
                int[] c = regionCoefficients(inI, inS, inM);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += c[k];
                }
            }
        }
        return sum;
    }

    /** I splits into three regions by scan: not scanned (|I| − |I ∩ M|), stale (|I ∩ M| − |I ∩ F|), fresh (|I ∩ F|). */
    private static int[] freshCoefficients(SetSpec spec) {
        if (spec.indexed() != Membership.IN || spec.subscribed() != Membership.ANY) {
            throw new IllegalArgumentException(spec + " is not counted: the scans' age is counted for indexed hosts,"
                    + " whatever their subscription");
        }
        int[] sum = new int[values().length];
        if (spec.scanned().admits(false) && spec.freshScan().admits(false)) {
            sum[INDEXED.ordinal()] += 1;
            sum[INDEXED_SCANNED.ordinal()] -= 1;
        }
        if (spec.scanned().admits(true) && spec.freshScan().admits(false)) {
            sum[INDEXED_SCANNED.ordinal()] += 1;
            sum[INDEXED_FRESH.ordinal()] -= 1;
        }
        if (spec.scanned().admits(true) && spec.freshScan().admits(true)) {
            sum[INDEXED_FRESH.ordinal()] += 1;
        }
        return sum;
    }
}
