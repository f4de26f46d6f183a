package io.assetmanager.counts;

/**
 * The four base counts that involve I, for some indexed hosts: how many there are, and how many of them lie in S,
 * in M, and in both. An inventory change adds the counts of the hosts it adds and subtracts those of the hosts it
 * removes; S and M stay as they are.
 */
public record IndexedCounts(long indexed, long indexedSubscribed, long indexedScanned, long allThree) {

    public static final IndexedCounts ZERO = new IndexedCounts(0, 0, 0, 0);

    /** The counts of one host, from its membership in S and M. */
    public static IndexedCounts ofHost(boolean subscribed, boolean scanned) {
        return new IndexedCounts(1, subscribed ? 1 : 0, scanned ? 1 : 0, subscribed && scanned ? 1 : 0);
    }

    public IndexedCounts plus(IndexedCounts other) {
        return new IndexedCounts(indexed + other.indexed, indexedSubscribed + other.indexedSubscribed,
                indexedScanned + other.indexedScanned, allThree + other.allThree);
    }

    public IndexedCounts minus(IndexedCounts other) {
        return new IndexedCounts(indexed - other.indexed, indexedSubscribed - other.indexedSubscribed,
                indexedScanned - other.indexedScanned, allThree - other.allThree);
    }
}
