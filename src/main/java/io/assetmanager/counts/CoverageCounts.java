package io.assetmanager.counts;

import java.math.BigInteger;

/**
 * The seven base counts every dashboard number is derived from (|I|, |S|, |M|, |I ∩ S|, |M ∩ S|, |I ∩ M|,
 * |I ∩ S ∩ M|) and the number of ranges the subscription is stored as. Counts involving I or M count distinct
 * addresses of hosts; |S| counts every address of the subscription's ranges, which can exceed a {@code long} with
 * IPv6 ranges.
 */
public record CoverageCounts(IndexedCounts inventory, BigInteger subscribed, long scanned, long scannedSubscribed,
        int subscribedRanges) {

    public long indexed() {
        return inventory.indexed();
    }

    public long indexedSubscribed() {
        return inventory.indexedSubscribed();
    }

    public long indexedScanned() {
        return inventory.indexedScanned();
    }

    public long allThree() {
        return inventory.allThree();
    }

    /** The same counts after an inventory change: S and M are as they were. */
    public CoverageCounts withInventory(IndexedCounts changed) {
        return new CoverageCounts(changed, subscribed, scanned, scannedSubscribed, subscribedRanges);
    }
}
