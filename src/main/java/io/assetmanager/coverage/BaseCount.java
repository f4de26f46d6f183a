package io.assetmanager.coverage;

import io.assetmanager.counts.CoverageCounts;
import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

/**
 * The seven sizes every dashboard count is derived from, by inclusion and exclusion: |I|, |S|, |M|, |I ∩ S|,
 * |M ∩ S|, |I ∩ M| and |I ∩ S ∩ M|. Sizes involving I or M count distinct addresses of hosts (M may hold several
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
    ALL_THREE;

    /** The stored counts by base count. */
    static Map<BaseCount, BigInteger> of(CoverageCounts counts) {
        Map<BaseCount, BigInteger> values = new EnumMap<>(BaseCount.class);
        values.put(INDEXED, BigInteger.valueOf(counts.indexed()));
        values.put(SUBSCRIBED, counts.subscribed());
        values.put(SCANNED, BigInteger.valueOf(counts.scanned()));
        values.put(INDEXED_SUBSCRIBED, BigInteger.valueOf(counts.indexedSubscribed()));
        values.put(SCANNED_SUBSCRIBED, BigInteger.valueOf(counts.scannedSubscribed()));
        values.put(INDEXED_SCANNED, BigInteger.valueOf(counts.indexedScanned()));
        values.put(ALL_THREE, BigInteger.valueOf(counts.allThree()));
        return values;
    }

    /**
     * The size of one Venn region as a sum of base counts with these coefficients (inclusion and exclusion), in
     * the order of {@link #values()}.
     */
    static int[] regionCoefficients(boolean inI, boolean inS, boolean inM) {
        if (inI && inS && inM) {
            return new int[] {0, 0, 0, 0, 0, 0, 1};
        }
        if (inI && inS) {
            return new int[] {0, 0, 0, 1, 0, 0, -1};
        }
        if (inI && inM) {
            return new int[] {0, 0, 0, 0, 0, 1, -1};
        }
        if (inI) {
            return new int[] {1, 0, 0, -1, 0, -1, 1};
        }
        if (inS && inM) {
            return new int[] {0, 0, 0, 0, 1, 0, -1};
        }
        if (inM) {
            return new int[] {0, 0, 1, 0, -1, -1, 1};
        }
        if (inS) {
            return new int[] {0, 1, 0, -1, -1, 0, 1};
        }
        throw new IllegalArgumentException("the region outside I, S and M has no size");
    }

    /** The coefficients of a whole set: the sum over the regions it consists of. */
    static int[] coefficients(SetSpec spec) {
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
}
