package io.assetmanager.counts;

import io.assetmanager.net.IpRangeSet;
import java.time.OffsetDateTime;

/**
 * The sets a sync run holds when it stores its snapshot, from which the dashboard's base counts follow without
 * reading the tables again: I as the run read it (at {@code inventoryVersion}, -1 when the inventory changed while it
 * was read), M and F from the host list, F judged at {@code freshAsOf} with the setting {@code staleAfterDays}. The
 * snapshot's transaction uses them only when the inventory is still at that version (see {@link SnapshotCounts}).
 *
 * @param indexedAddresses |I|: the distinct addresses read
 */
public record RunSets(long inventoryVersion, long indexedAddresses, IpRangeSet indexed, IpRangeSet scanned,
        IpRangeSet fresh, OffsetDateTime freshAsOf, int staleAfterDays) {

    /** The base counts with the subscription {@code subscribed}, as {@link CountsRepository#countAll} counts them. */
    public CoverageCounts counts(IpRangeSet subscribed) {
        IndexedCounts inventory = new IndexedCounts(indexedAddresses,
                indexed.intersectionSize(subscribed).longValueExact(),
                indexed.intersectionSize(scanned).longValueExact(),
                indexed.intersectionSize(scanned, subscribed).longValueExact());
        return new CoverageCounts(inventory, subscribed.size(), scanned.size().longValueExact(),
                scanned.intersectionSize(subscribed).longValueExact(), subscribed.rangeCount());
    }

    /** |I ∩ F| as judged at the run. */
    public FreshCounts freshCounts() {
        return new FreshCounts(freshAsOf, FreshCounts.since(freshAsOf, staleAfterDays),
                indexed.intersectionSize(fresh).longValueExact());
    }
}
