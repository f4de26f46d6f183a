package io.assetmanager.coverage;

import io.assetmanager.sets.SetSpec;

/**
 * The seven sizes every dashboard count is derived from, by inclusion and exclusion: |I|, |S|, |M|, |I ∩ S|,
 * |M ∩ S|, |I ∩ M| and |I ∩ S ∩ M|. Sizes involving I or M count distinct addresses of hosts (M may hold several
 * Qualys hosts with one address); |S| counts every address of the subscription's ranges.
 *
 * <p>The queries that involve S are driven by the ranges, written as a scalar subquery per range so that every
 * planner does what is cheap: for each range one index range scan over the hosts it holds (a plain join lets
 * PostgreSQL probe the ranges once per host instead: minutes instead of a fraction of a second at 1M hosts).
 * Summing per range relies on the subscription being stored merged (disjoint ranges, see docs/DATA-MODEL.md), so
 * no host is counted twice.
 */
enum BaseCount {
    INDEXED("SELECT COUNT(*) FROM indexed_hosts"),
    /** Computed in Java from the ranges: the number can exceed any SQL integer type portably. */
    SUBSCRIBED(null),
    SCANNED("SELECT COUNT(*) FROM (SELECT DISTINCT ip FROM qualys_scanned_ips) d"),
    INDEXED_SUBSCRIBED("SELECT COALESCE(SUM((SELECT COUNT(*) FROM indexed_hosts h"
            + " WHERE h.ip BETWEEN s.range_start AND s.range_end)), 0) FROM qualys_subscribed_ips s"),
    SCANNED_SUBSCRIBED("SELECT COALESCE(SUM((SELECT COUNT(DISTINCT q.ip) FROM qualys_scanned_ips q"
            + " WHERE q.ip BETWEEN s.range_start AND s.range_end)), 0) FROM qualys_subscribed_ips s"),
    INDEXED_SCANNED("SELECT COUNT(*) FROM indexed_hosts h"
            + " WHERE EXISTS (SELECT 1 FROM qualys_scanned_ips q WHERE q.ip = h.ip)"),
    ALL_THREE("SELECT COALESCE(SUM((SELECT COUNT(*) FROM indexed_hosts h"
            + " WHERE h.ip BETWEEN s.range_start AND s.range_end AND h.ip IN (SELECT q.ip FROM qualys_scanned_ips q"
            + " WHERE q.ip BETWEEN s.range_start AND s.range_end))), 0) FROM qualys_subscribed_ips s");

    private final String sql;

    BaseCount(String sql) {
        this.sql = sql;
    }

    String sql() {
        return sql;
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
