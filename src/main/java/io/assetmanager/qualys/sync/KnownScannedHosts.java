package io.assetmanager.qualys.sync;

import io.assetmanager.qualys.api.QualysHost;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The scanned hosts the last successful run stored, as Qualys host ID and a digest of the stored columns: while a
 * run streams the host list it tells which hosts are stored exactly so (nothing to write) and, at the end, which
 * stored hosts Qualys no longer lists. At a million hosts, 16 bytes a host.
 */
public final class KnownScannedHosts {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long[] ids;
    private final long[] digests;
    private final BitSet seen;

    /**
     * @param ids     Qualys host IDs in ascending order
     * @param digests each host's stored {@link #digest}, 0 when unknown (never equal to a computed one)
     */
    KnownScannedHosts(long[] ids, long[] digests) {
        if (ids.length != digests.length) {
            throw new IllegalArgumentException(ids.length + " IDs but " + digests.length + " digests");
        }
        for (int i = 1; i < ids.length; i++) {
            if (ids[i - 1] >= ids[i]) {
                throw new IllegalArgumentException("host IDs not in ascending order at " + i);
            }
        }
        this.ids = ids;
        this.digests = digests;
        this.seen = new BitSet(ids.length);
    }

    static KnownScannedHosts none() {
        return new KnownScannedHosts(new long[0], new long[0]);
    }

    int size() {
        return ids.length;
    }

    /** Notes that Qualys lists host {@code id}; true when it is stored with this digest (nothing to write). */
    boolean unchanged(long id, long digest) {
        int i = Arrays.binarySearch(ids, id);
        if (i < 0) {
            return false;
        }
        seen.set(i);
        return digests[i] == digest;
    }

    /** The stored hosts not listed since this object was made: the ones to delete. Ascending. */
    long[] vanished() {
        long[] out = new long[ids.length - seen.cardinality()];
        int n = 0;
        for (int i = seen.nextClearBit(0); i < ids.length; i = seen.nextClearBit(i + 1)) {
            out[n++] = ids[i];
        }
        return out;
    }

    /**
     * A 64-bit digest (FNV-1a) of what is stored of a scanned host, every address included, never 0. Each of the
     * host's rows (one per address) carries it, so a host is kept or rewritten whole.
     */
    static long digest(QualysHost h) {
        long x = FNV_OFFSET;
        for (byte b : h.ip().toBytes()) {
            x = (x ^ (b & 0xff)) * FNV_PRIME;
        }
        x = text(x, h.dns());
        x = text(x, h.netbios());
        x = text(x, h.os());
        x = text(x, h.trackingMethod());
        // Every scan date: a host scanned again since the last run is a changed host, written again.
        x = instant(x, h.lastScan());
        x = instant(x, h.lastVulnScan());
        x = instant(x, h.lastVmScanned());
        if (h.ipv6() != null) {
            // Only then: the digests of single-address hosts stay what they were before IPv6 was kept as well.
            for (byte b : h.ipv6().toBytes()) {
                x = (x ^ (b & 0xff)) * FNV_PRIME;
            }
        }
        return x == 0 ? 1 : x;
    }

    private static long instant(long x, Instant t) {
        x = number(x, t == null ? Long.MIN_VALUE : t.getEpochSecond());
        return number(x, t == null ? 0 : t.getNano());
    }

    private static long text(long x, String s) {
        if (s == null) {
            return (x ^ 0x100) * FNV_PRIME; // not a char value: null differs from ""
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            x = (x ^ (c & 0xff)) * FNV_PRIME;
            x = (x ^ (c >>> 8)) * FNV_PRIME;
        }
        return (x ^ 0x101) * FNV_PRIME; // end of the value: "ab","c" differs from "a","bc"
    }

    private static long number(long x, long v) {
        for (int i = 0; i < 8; i++) {
            x = (x ^ ((v >>> (8 * i)) & 0xff)) * FNV_PRIME;
        }
        return x;
    }
}
