package io.assetmanager.sets;

import io.assetmanager.net.IpRangeSet;

/**
 * A set expressed by membership in I (indexed), S (subscribed) and M (scanned), and in F, the part of M scanned
 * recently: last scanned no longer ago than the "Stale after N days" setting ({@code freshScan}; ANY for most sets).
 * Every list and every count of the dashboard is one of these, and so is the DISCOVERED group the sync pushes; the
 * row kind follows from the spec: anything inside I is listed as indexed hosts, anything else inside M as scanned
 * hosts, and what is only in S as address ranges (S is never expanded).
 *
 * <p>F lies inside M: {@code scanned IN, freshScan OUT} is "scanned, but not in N days" (stale);
 * {@code scanned ANY, freshScan OUT} is "not scanned in N days" (never scanned, or stale).
 */
public record SetSpec(Membership indexed, Membership subscribed, Membership scanned, Membership freshScan) {

    public enum RowKind { INDEXED_HOSTS, SCANNED_HOSTS, ADDRESS_RANGES }

    private static final SetSpec DISCOVERED_AUTO_SUBSCRIBE_OFF =
            new SetSpec(Membership.IN, Membership.IN, Membership.OUT);
    private static final SetSpec DISCOVERED_AUTO_SUBSCRIBE_ON =
            new SetSpec(Membership.ANY, Membership.IN, Membership.OUT);

    /**
     * The stale hosts that join the DISCOVERED group when the setting says so: indexed, subscribed (the group holds
     * subscribed addresses only, as with either Auto-Subscribe rule) and scanned, but not recently: I ∩ S ∩ (M − F).
     */
    private static final SetSpec STALE_JOINING_DISCOVERED =
            new SetSpec(Membership.IN, Membership.IN, Membership.IN, Membership.OUT);

    public SetSpec {
        if (indexed != Membership.IN && scanned != Membership.IN && subscribed != Membership.IN) {
            throw new IllegalArgumentException("a set lies inside I, S or M");
        }
        if (freshScan == Membership.IN && scanned != Membership.IN) {
            throw new IllegalArgumentException("a host scanned recently is scanned: F lies inside M");
        }
    }

    /** A set by membership in I, S and M alone, whatever the scans' age. */
    public SetSpec(Membership indexed, Membership subscribed, Membership scanned) {
        this(indexed, subscribed, scanned, Membership.ANY);
    }

    /**
     * Whether the Venn region with these memberships belongs to this set, F included ({@code inF} implies
     * {@code inM}).
     */
    public boolean containsRegion(boolean inI, boolean inS, boolean inM, boolean inF) {
        return containsRegion(inI, inS, inM) && freshScan.admits(inF);
    }

    /**
     * D, the DISCOVERED group (DESIGN.md section 2): with Auto-Subscribe off, (I ∩ S) − M; on, S − M, because the
     * run has already added I − S to the subscription (S is then S', the subscription as re-listed).
     */
    public static SetSpec discovered(boolean autoSubscribe) {
        return autoSubscribe ? DISCOVERED_AUTO_SUBSCRIBE_ON : DISCOVERED_AUTO_SUBSCRIBE_OFF;
    }

    /**
     * The stale hosts that join D when "Stale hosts join the DISCOVERED group" is On: I ∩ S ∩ (M − F), S being S' with
     * Auto-Subscribe on.
     */
    public static SetSpec staleJoiningDiscovered() {
        return STALE_JOINING_DISCOVERED;
    }

    public RowKind rowKind() {
        if (indexed == Membership.IN) {
            return RowKind.INDEXED_HOSTS;
        }
        return scanned == Membership.IN ? RowKind.SCANNED_HOSTS : RowKind.ADDRESS_RANGES;
    }

    /** Whether the Venn region with these memberships belongs to this set. */
    public boolean containsRegion(boolean inI, boolean inS, boolean inM) {
        return indexed.admits(inI) && subscribed.admits(inS) && scanned.admits(inM);
    }

    /**
     * This set over the given base sets, as ranges: the intersection of the sets it must be in, less the sets it
     * must not be in. Works on ranges throughout, so a large subscription is never expanded.
     */
    public IpRangeSet evaluate(IpRangeSet i, IpRangeSet s, IpRangeSet m) {
        if (freshScan != Membership.ANY) {
            throw new IllegalArgumentException(this + " depends on the scans' age: give F too");
        }
        return evaluate(i, s, m, m);
    }

    /** The same with F, the addresses of M scanned recently ({@code f} within {@code m}). */
    public IpRangeSet evaluate(IpRangeSet i, IpRangeSet s, IpRangeSet m, IpRangeSet f) {
        IpRangeSet result = null;
        IpRangeSet[] bases = {i, s, m, f};
        Membership[] memberships = {indexed, subscribed, scanned, freshScan};
        for (int k = 0; k < bases.length; k++) {
            if (memberships[k] == Membership.IN) {
                result = result == null ? bases[k] : result.intersection(bases[k]);
            }
        }
        for (int k = 0; k < bases.length; k++) {
            if (memberships[k] == Membership.OUT) {
                result = result.difference(bases[k]);
            }
        }
        return result;
    }
}
