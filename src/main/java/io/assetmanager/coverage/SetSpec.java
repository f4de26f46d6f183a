package io.assetmanager.coverage;

/**
 * A set expressed by membership in I (indexed), S (subscribed) and M (scanned). Every list and every count of the
 * dashboard is one of these; the row kind follows from the spec: anything inside I is listed as indexed hosts,
 * anything else inside M as scanned hosts, and what is only in S as address ranges (S is never expanded).
 */
public record SetSpec(Membership indexed, Membership subscribed, Membership scanned) {

    public enum RowKind { INDEXED_HOSTS, SCANNED_HOSTS, ADDRESS_RANGES }

    public SetSpec {
        if (indexed != Membership.IN && scanned != Membership.IN && subscribed != Membership.IN) {
            throw new IllegalArgumentException("a coverage set lies inside I, S or M");
        }
    }

    public RowKind rowKind() {
        if (indexed == Membership.IN) {
            return RowKind.INDEXED_HOSTS;
        }
        return scanned == Membership.IN ? RowKind.SCANNED_HOSTS : RowKind.ADDRESS_RANGES;
    }

    /** Whether the Venn region with these memberships belongs to this set. */
    boolean containsRegion(boolean inI, boolean inS, boolean inM) {
        return indexed.admits(inI) && subscribed.admits(inS) && scanned.admits(inM);
    }
}
