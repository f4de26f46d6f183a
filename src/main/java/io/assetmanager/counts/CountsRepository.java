package io.assetmanager.counts;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.PostgresCopy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stored base counts (table {@code coverage_counts}, one row) and the queries that count them from the tables.
 * Plain SQL over a caller's connection, in the caller's transaction, the same on H2 and PostgreSQL: SQL because the
 * counts are driven by the subscription's ranges and by index probes, which JPQL cannot express.
 *
 * <p>Every transaction that changes I, S or M first takes the counts row with {@link #lock}: writers of the counts
 * take turns, across every instance on the database, and while one holds the row, S and M cannot change under it.
 *
 * <p>The counts that involve S are driven by the ranges, a scalar subquery per range, so every planner does one
 * index range scan per range over the hosts it holds (a plain join lets PostgreSQL probe the ranges once per host:
 * minutes instead of a fraction of a second at 1M hosts). Summing per range relies on the subscription being stored
 * merged (disjoint ranges, see docs/DATA-MODEL.md), so no host is counted twice.
 */
public final class CountsRepository {

    /** Every IPv4 and IPv6 address. */
    public static final IpRange EVERY_ADDRESS = new IpRange(IpAddress.of(0, 0), IpAddress.of(-1L, -1L));
    /** Addresses per query of M. */
    static final int CHUNK = 1000;
    /**
     * The set I − S ({@code indexed_outside_subscription}) is kept while the counts say it holds at most this many
     * addresses; {@code coverage_counts.outside_kept} says whether it is. Larger, it is left as it is and marked not
     * kept (lists walk the inventory then), so that an upload of a million hosts before any subscription does not copy
     * them all to it; the transaction whose counts come back under the limit fills it from the tables.
     */
    public static final long OUTSIDE_KEPT_UP_TO = 100_000;
    /** A difference of more addresses than this rewrites the set I − S (see {@link #storeOutside}). */
    static final int REWRITE_AFTER = 100_000;
    /** How long a writer waits for the counts row on H2, whose lock timeout is 2 s; PostgreSQL waits on its own. */
    private static final long LOCK_PATIENCE_MILLIS = 15 * 60 * 1000L;
    private static final String H2_LOCK_TIMEOUT = "HYT00";

    private static final String COLUMNS = "count_indexed, count_subscribed, count_scanned, count_indexed_subscribed,"
            + " count_scanned_subscribed, count_indexed_scanned, count_all_three, subscribed_ranges";
    /**
     * The indexed addresses: each once, however many zones it is indexed in (V26), which is a walk of the
     * {@code (ip, zone)} key in address order that counts its distinct addresses.
     */
    private static final String INDEXED_IN_RANGE = "SELECT COUNT(*) FROM (SELECT DISTINCT h.ip FROM indexed_hosts h"
            + " WHERE h.ip BETWEEN ? AND ?) d";
    private static final String INDEXED_SUBSCRIBED_IN_RANGE = "SELECT COALESCE(SUM((SELECT COUNT(DISTINCT h.ip)"
            + " FROM indexed_hosts h WHERE h.ip BETWEEN s.range_start AND s.range_end AND h.ip BETWEEN ? AND ?)), 0)"
            + " FROM qualys_subscribed_ips s WHERE s.range_start <= ? AND s.range_end >= ?";
    /**
     * Each scanned address, and the inventory's address when it is indexed: in address order, so that the rows of an
     * address indexed in several zones follow each other and are read as one. PostgreSQL merges the two address
     * indexes for it (290 ms at 1M hosts, where a probe of the inventory per scanned address took 1.3 s).
     */
    private static final String SCANNED = "SELECT q.ip, h.ip FROM (SELECT DISTINCT ip FROM qualys_scanned_ips) q"
            + " LEFT JOIN indexed_hosts h ON h.ip = q.ip ORDER BY q.ip";
    private static final int FETCH_SIZE = 10_000;
    /** A scanned host on the address is fresh: last scan on or after the stored {@code fresh_since}. */
    private static final String FRESH_AT = "EXISTS (SELECT 1 FROM qualys_scanned_ips f WHERE f.ip = %s"
            + " AND f.last_scan >= (SELECT fc.fresh_since FROM coverage_counts fc WHERE fc.id = 1) OFFSET 0 ROWS)";
    /** The setting's default (V19), should its row be missing. */
    private static final int DEFAULT_STALE_AFTER_DAYS = 30;
    private static final String IN_LIST = "?" + ", ?".repeat(CHUNK - 1);

    private CountsRepository() {
    }

    /**
     * Takes the counts row until the transaction ends, waiting while another transaction holds it: the first
     * statement of every transaction that changes I, S or M. At READ COMMITTED (the default of both databases) the
     * transaction's later statements see everything the previous holder committed.
     *
     * @return the stored counts; empty when they have not been counted yet
     */
    public static Optional<CoverageCounts> lock(Connection c) throws SQLException {
        return lock(c, java.time.Duration.ofMillis(LOCK_PATIENCE_MILLIS));
    }

    /** Another transaction held the counts row longer than the caller would wait; the caller wrote nothing. */
    public static final class BusyException extends SQLException {
        private static final long serialVersionUID = 1L;

        BusyException(java.time.Duration waited, SQLException cause) {
            super("another change of the inventory, or a sync run storing its snapshot, held the dashboard counts for"
                    + " more than " + waited.toSeconds() + " s", cause.getSQLState(), cause);
        }
    }

    /**
     * {@link #lock(Connection)}, waiting at most {@code patience}.
     *
     * @throws BusyException when another transaction held the row longer
     */
    public static Optional<CoverageCounts> lock(Connection c, java.time.Duration patience) throws SQLException {
        if (PostgresCopy.isPostgres(c)) {
            // PostgreSQL waits on its own: for this statement only, at most the patience (55P03 when it runs out).
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '" + Math.max(1, patience.toMillis()) + "ms'");
            }
            Optional<CoverageCounts> counts;
            try {
                counts = select(c, "SELECT " + COLUMNS + " FROM coverage_counts WHERE id = 1 FOR UPDATE");
            } catch (SQLException e) {
                // The transaction is aborted now: the caller rolls it back.
                throw "55P03".equals(e.getSQLState()) ? new BusyException(patience, e) : e;
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = DEFAULT");
            }
            return counts;
        }
        long deadline = System.currentTimeMillis() + patience.toMillis();
        while (true) {
            try {
                return select(c, "SELECT " + COLUMNS + " FROM coverage_counts WHERE id = 1 FOR UPDATE");
            } catch (SQLException e) {
                // H2 gives up waiting after its lock timeout and leaves the transaction usable: ask again.
                if (!H2_LOCK_TIMEOUT.equals(e.getSQLState())) {
                    throw e;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new BusyException(patience, e);
                }
            }
        }
    }

    /** The stored counts, as of the caller's snapshot; empty when they have not been counted yet. */
    public static Optional<CoverageCounts> read(Connection c) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM coverage_counts WHERE id = 1");
    }

    private static Optional<CoverageCounts> select(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the row of coverage_counts is missing");
            }
            long indexed = rs.getLong(1);
            if (rs.wasNull()) {
                return Optional.empty();
            }
            return Optional.of(new CoverageCounts(
                    new IndexedCounts(indexed, rs.getLong(4), rs.getLong(6), rs.getLong(7)),
                    rs.getBigDecimal(2).toBigIntegerExact(), rs.getLong(3), rs.getLong(5), rs.getInt(8)));
        }
    }

    /** Stores the counts; the caller holds the row ({@link #lock}). */
    public static void store(Connection c, CoverageCounts counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE coverage_counts SET count_indexed = ?,"
                + " count_subscribed = ?, count_scanned = ?, count_indexed_subscribed = ?,"
                + " count_scanned_subscribed = ?, count_indexed_scanned = ?, count_all_three = ?,"
                + " subscribed_ranges = ? WHERE id = 1")) {
            ps.setLong(1, counts.indexed());
            ps.setBigDecimal(2, new BigDecimal(counts.subscribed()));
            ps.setLong(3, counts.scanned());
            ps.setLong(4, counts.indexedSubscribed());
            ps.setLong(5, counts.scannedSubscribed());
            ps.setLong(6, counts.indexedScanned());
            ps.setLong(7, counts.allThree());
            ps.setInt(8, counts.subscribedRanges());
            ps.executeUpdate();
        }
    }

    /**
     * The inventory's version (V28): every inventory change raises it in its transaction, under the counts row. Read
     * before and after reading the inventory, it tells whether any change committed meanwhile.
     */
    public static long inventoryVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT inventory_version FROM coverage_counts WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Raises the inventory's version; for a transaction that changes I and holds the counts row. */
    static void inventoryChanged(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE coverage_counts SET inventory_version = inventory_version + 1 WHERE id = 1");
        }
    }

    /**
     * On PostgreSQL, updates the planner's statistics of the Qualys snapshot's tables, within the caller's transaction
     * (which sees its own rows); nothing on H2. For the counts of a transaction that has just replaced S or M.
     */
    public static void analyzeSnapshot(Connection c) throws SQLException {
        if (!PostgresCopy.isPostgres(c)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE qualys_scanned_ips, qualys_subscribed_ips");
        }
    }

    /**
     * Takes the row, counts everything from the tables and stores the result, with the set I − S while it is kept
     * ({@link #keepOutside}); for a sync run and at start-up. The scan dates are judged now: the time of the run that
     * has just stored them.
     */
    public static CoverageCounts recount(Connection c) throws SQLException {
        lock(c);
        CoverageCounts counts = countAll(c);
        store(c, counts);
        keepOutside(c, counts, () -> outsideFromTables(c));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        storeFresh(c, countFresh(c, now, FreshCounts.since(now, staleAfterDays(c))));
        return counts;
    }

    /**
     * A predicate for host lists and counts, in SQL of both databases: the address {@code ip} (a column such as
     * {@code h.ip}) has a scanned host whose last scan is fresh as the stored counts judge it (on or after
     * {@code coverage_counts.fresh_since}); NOT of it, with the address scanned, is "scanned, but not in N days". Read
     * in the counts' snapshot, it agrees with them; false for every address while the freshness is not counted yet.
     * {@code OFFSET 0 ROWS} keeps it a probe of the address index per row on PostgreSQL (see CoverageRepository).
     */
    public static String freshScan(String ip) {
        return FRESH_AT.formatted(ip);
    }

    /** The freshness counts as of the caller's snapshot; empty when not counted yet. */
    public static Optional<FreshCounts> readFresh(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT fresh_as_of, fresh_since, count_indexed_fresh"
                + " FROM coverage_counts WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getObject(1) == null || rs.getObject(3) == null) {
                return Optional.empty();
            }
            return Optional.of(new FreshCounts(rs.getObject(1, OffsetDateTime.class),
                    rs.getObject(2, OffsetDateTime.class), rs.getLong(3)));
        }
    }

    /** Stores the freshness counts; the caller holds the row ({@link #lock}). */
    public static void storeFresh(Connection c, FreshCounts fresh) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE coverage_counts SET fresh_as_of = ?, fresh_since = ?,"
                + " count_indexed_fresh = ? WHERE id = 1")) {
            ps.setObject(1, fresh.asOf());
            ps.setObject(2, fresh.since());
            ps.setLong(3, fresh.indexedFresh());
            ps.executeUpdate();
        }
    }

    /**
     * |I ∩ F| from the tables: the indexed addresses with a scanned host last scanned on or after {@code since}. A
     * semi-join of the two tables by address (V25 dropped the index on {@code (last_scan, ip)}, which did not speed
     * it up and slowed every insert of a scanned host).
     */
    public static FreshCounts countFresh(Connection c, OffsetDateTime asOf, OffsetDateTime since)
            throws SQLException {
        // Each address once (it may be indexed in several zones): DISTINCT in a subquery, which PostgreSQL reads off
        // the (ip, zone) key in order; COUNT(DISTINCT) sorted them again (620-680 ms against 390-455 ms at 1M hosts).
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT DISTINCT h.ip FROM indexed_hosts h"
                + " WHERE h.ip IN (SELECT q.ip FROM qualys_scanned_ips q WHERE q.last_scan >= ?)) d")) {
            ps.setObject(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new FreshCounts(asOf, since, rs.getLong(1));
            }
        }
    }

    /**
     * Counts the freshness again with the setting {@code staleAfterDays}, judged at the same time as before (the last
     * run's), and stores it: for a change of the setting. Takes the row first.
     */
    public static FreshCounts recountFresh(Connection c, int staleAfterDays) throws SQLException {
        lock(c);
        OffsetDateTime asOf;
        try (PreparedStatement ps = c.prepareStatement("SELECT fresh_as_of FROM coverage_counts WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            asOf = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
        }
        if (asOf == null) {
            asOf = lastRunTime(c);
        }
        FreshCounts fresh = countFresh(c, asOf, FreshCounts.since(asOf, staleAfterDays));
        storeFresh(c, fresh);
        return fresh;
    }

    /**
     * The freshness as stored, or counted from the tables when it is not yet (judged at the last successful run's
     * end, else now, with the stored setting).
     */
    public static FreshCounts freshOrCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT fresh_as_of, fresh_since, count_indexed_fresh"
                + " FROM coverage_counts WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getObject(1) != null && rs.getObject(2) != null) {
                OffsetDateTime asOf = rs.getObject(1, OffsetDateTime.class);
                OffsetDateTime since = rs.getObject(2, OffsetDateTime.class);
                long count = rs.getLong(3);
                // Judged before, counted not yet (a bulk load reset the counts): count with the same dates.
                return rs.wasNull() ? countFresh(c, asOf, since) : new FreshCounts(asOf, since, count);
            }
        }
        OffsetDateTime asOf = lastRunTime(c);
        return countFresh(c, asOf, FreshCounts.since(asOf, staleAfterDays(c)));
    }

    /** The end of the last successful sync run, which stored the scan dates; now when there is none. */
    static OffsetDateTime lastRunTime(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(ended_at) FROM sync_runs WHERE outcome = 'SUCCEEDED'");
                ResultSet rs = ps.executeQuery()) {
            OffsetDateTime ended = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
            return ended != null ? ended : OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    /** The "Stale after N days" setting as stored (the settings' one row). */
    static int staleAfterDays(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT stale_after_days FROM qualys_settings WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : DEFAULT_STALE_AFTER_DAYS;
        }
    }

    /**
     * How many of the listed (distinct) addresses have a scanned host last scanned on or after {@code since}: index
     * lookups, 1,000 addresses per query. For an inventory change's difference of |I ∩ F|.
     */
    public static long countFreshAddresses(Connection c, List<IpAddress> addresses, OffsetDateTime since)
            throws SQLException {
        Set<IpAddress> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ip FROM qualys_scanned_ips WHERE last_scan >= ? AND ip IN (" + IN_LIST + ")")) {
            ps.setObject(1, since);
            inChunks(ps, 2, addresses, () -> readAddresses(ps, fresh));
        }
        return fresh.size();
    }

    /**
     * Marks the scanned hosts of the listed (distinct) addresses as indexed or not ({@code in_inventory}, V27), 1,000
     * addresses per statement: for an inventory change, whose addresses entered or left I. The caller holds the counts
     * row, as for every change of I or M.
     */
    public static void markInInventory(Connection c, List<IpAddress> addresses, boolean inInventory)
            throws SQLException {
        if (addresses.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE qualys_scanned_ips SET in_inventory = ? WHERE ip IN (" + IN_LIST + ")")) {
            ps.setBoolean(1, inInventory);
            inChunks(ps, 2, addresses, ps::executeUpdate);
        }
    }

    /**
     * Binds the addresses, {@value #CHUNK} at a time, to the {@code IN} list ({@link #IN_LIST}) whose first parameter
     * is {@code first}, and runs {@code statement} for each chunk. A short last chunk repeats its last address: one
     * statement shape for every chunk.
     */
    private static void inChunks(PreparedStatement ps, int first, List<IpAddress> addresses, Chunk statement)
            throws SQLException {
        for (int from = 0; from < addresses.size(); from += CHUNK) {
            int to = Math.min(addresses.size(), from + CHUNK);
            for (int p = 0; p < CHUNK; p++) {
                ps.setBytes(first + p, addresses.get(Math.min(from + p, to - 1)).toBytes());
            }
            statement.run();
        }
    }

    @FunctionalInterface
    private interface Chunk {
        void run() throws SQLException;
    }

    /** Adds the addresses of the statement's rows (its first column) to {@code into}. */
    private static void readAddresses(PreparedStatement ps, Set<IpAddress> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(IpAddress.fromBytes(rs.getBytes(1)));
            }
        }
    }

    /**
     * Sets every scanned host's {@code in_inventory} mark from the inventory, rewriting only the hosts whose mark is
     * wrong: for a change of I too large to list its addresses, and where I or M were written without marks (a bulk
     * load by SQL). A probe of the inventory's address index per scanned host (about a second at a million).
     */
    public static long markAllInInventory(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            String indexed = "EXISTS (SELECT 1 FROM indexed_hosts h WHERE h.ip = qualys_scanned_ips.ip)";
            return st.executeUpdate("UPDATE qualys_scanned_ips SET in_inventory = NOT in_inventory WHERE"
                    + " (in_inventory AND NOT " + indexed + ") OR (NOT in_inventory AND " + indexed + ")");
        }
    }

    /**
     * Every base count from the tables as the caller's transaction sees them; about a second at 1M hosts. The
     * counts that involve M come from one pass over M's addresses (streamed when auto-commit is off), checked
     * against the subscription in memory: in the transaction that has just replaced M, each pass over M reads its
     * old and new rows, so one pass instead of three.
     */
    public static CoverageCounts countAll(Connection c) throws SQLException {
        IpRangeSet subscription = subscription(c);
        long scanned = 0;
        long scannedSubscribed = 0;
        long indexedScanned = 0;
        long allThree = 0;
        try (PreparedStatement ps = c.prepareStatement(SCANNED)) {
            ps.setFetchSize(FETCH_SIZE);
            PostgresCopy.binaryResults(ps);
            try (ResultSet rs = ps.executeQuery()) {
                byte[] previous = null;
                while (rs.next()) {
                    byte[] ip = rs.getBytes(1);
                    if (previous != null && java.util.Arrays.equals(previous, ip)) {
                        continue;
                    }
                    previous = ip;
                    boolean subscribed = subscription.contains(IpAddress.fromBytes(ip));
                    boolean indexed = rs.getBytes(2) != null;
                    scanned++;
                    scannedSubscribed += subscribed ? 1 : 0;
                    indexedScanned += indexed ? 1 : 0;
                    allThree += indexed && subscribed ? 1 : 0;
                }
            }
        }
        byte[] first = EVERY_ADDRESS.first().toBytes();
        byte[] last = EVERY_ADDRESS.last().toBytes();
        IndexedCounts inventory = new IndexedCounts(scalar(c, INDEXED_IN_RANGE, first, last),
                scalar(c, INDEXED_SUBSCRIBED_IN_RANGE, first, last, last, first), indexedScanned, allThree);
        return new CoverageCounts(inventory, subscription.size(), scanned, scannedSubscribed,
                subscription.rangeCount());
    }

    /**
     * Whether the set I − S is exact: {@code coverage_counts.outside_kept}, set by the transactions that write the
     * whole set, cleared by those that leave it over {@link #OUTSIDE_KEPT_UP_TO}. Read with the counts it goes with.
     */
    public static boolean outsideKept(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT outside_kept FROM coverage_counts WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Whether lists may read the set I − S: it is exact and the stored counts say it holds at most {@code atMost}
     * addresses. One read of the counts row.
     */
    public static boolean outsideKeptAndAtMost(Connection c, long atMost) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT outside_kept, count_indexed - count_indexed_subscribed"
                + " FROM coverage_counts WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return false;
            }
            long outside = rs.getLong(2);
            return !rs.wasNull() && outside <= atMost;
        }
    }

    /** Marks the set I − S exact or not; the caller holds the counts row. */
    static void markOutsideKept(Connection c, boolean kept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE coverage_counts SET outside_kept = ? WHERE id = 1")) {
            ps.setBoolean(1, kept);
            ps.executeUpdate();
        }
    }

    /** The set I − S as a transaction that stores the counts works it out. */
    @FunctionalInterface
    public interface OutsideSet {
        IpRangeSet get() throws SQLException;
    }

    /**
     * Stores the set I − S ({@link #storeOutside(Connection, IpRangeSet)}) while the new counts keep it
     * ({@link #OUTSIDE_KEPT_UP_TO}), else marks it not kept without working it out; the caller holds the counts row.
     */
    public static void keepOutside(Connection c, CoverageCounts counts, OutsideSet outside) throws SQLException {
        if (keepsOutside(counts, OUTSIDE_KEPT_UP_TO)) {
            storeOutside(c, outside.get());
        } else {
            markOutsideKept(c, false);
        }
    }

    /** Whether the set I − S is kept with these counts: while it holds at most {@code keptUpTo} addresses. */
    public static boolean keepsOutside(CoverageCounts counts, long keptUpTo) {
        return counts.indexed() - counts.indexedSubscribed() <= keptUpTo;
    }

    /**
     * I − S from the tables as the caller's transaction sees them: one pass over the inventory's address index, each
     * address tested against the subscription in memory. For the transactions that count everything again, and those
     * whose counts come back under the limit.
     */
    public static IpRangeSet outsideFromTables(Connection c) throws SQLException {
        IpRangeSet subscription = subscription(c);
        IpRangeSet.Builder outside = IpRangeSet.builder();
        try (PreparedStatement ps = c.prepareStatement("SELECT ip FROM indexed_hosts ORDER BY ip")) {
            ps.setFetchSize(FETCH_SIZE);
            PostgresCopy.binaryResults(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IpAddress ip = IpAddress.fromBytes(rs.getBytes(1));
                    if (!subscription.contains(ip)) {
                        outside.add(ip);
                    }
                }
            }
        }
        return outside.build();
    }

    /**
     * Stores {@code outside} as the set I − S ({@code indexed_outside_subscription}, V29) and marks it exact: reads the
     * stored set in address order beside it and writes only the difference (nothing, for a sync run that changed
     * neither I nor S). When the difference outnumbers the addresses that stay, or passes {@value #REWRITE_AFTER} (a
     * first count, Auto-Subscribe's first additions), the set is written anew instead: one delete, then every address,
     * streamed. The caller holds the counts row.
     */
    public static void storeOutside(Connection c, IpRangeSet outside) throws SQLException {
        List<IpAddress> insert = new ArrayList<>();
        List<IpAddress> delete = new ArrayList<>();
        Iterator<IpAddress> wanted = outside.addresses();
        long kept = 0;
        boolean rewrite = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT ip FROM indexed_outside_subscription ORDER BY ip")) {
            ps.setFetchSize(FETCH_SIZE);
            PostgresCopy.binaryResults(ps);
            try (ResultSet rs = ps.executeQuery()) {
                IpAddress next = wanted.hasNext() ? wanted.next() : null;
                while (!rewrite && rs.next()) {
                    IpAddress stored = IpAddress.fromBytes(rs.getBytes(1));
                    while (!rewrite && next != null && next.compareTo(stored) < 0) {
                        insert.add(next);
                        next = wanted.hasNext() ? wanted.next() : null;
                        rewrite = insert.size() + delete.size() > REWRITE_AFTER;
                    }
                    if (next != null && next.equals(stored)) {
                        kept++;
                        next = wanted.hasNext() ? wanted.next() : null;
                    } else {
                        delete.add(stored);
                    }
                    rewrite = insert.size() + delete.size() > REWRITE_AFTER;
                }
                while (!rewrite && next != null) {
                    insert.add(next);
                    next = wanted.hasNext() ? wanted.next() : null;
                    rewrite = insert.size() + delete.size() > REWRITE_AFTER;
                }
            }
        }
        int changes = insert.size() + delete.size();
        if (rewrite || (changes > CHUNK && changes > kept)) {
            if (kept > 0 || !delete.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM indexed_outside_subscription");
                }
            }
            insertOutside(c, outside.addresses());
        } else {
            deleteOutside(c, delete);
            insertOutside(c, insert.iterator());
        }
        markOutsideKept(c, true);
    }

    /**
     * Brings the set I − S up to date for the addresses an inventory change touched (each once), when it was exact
     * before: an address is in it afterwards when it is still indexed and outside the subscription, whatever the change
     * did to it.
     */
    public static void storeOutside(Connection c, List<IpAddress> touched) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        Set<IpAddress> indexed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT ip FROM indexed_hosts WHERE ip IN (" + IN_LIST + ")")) {
            inChunks(ps, 1, touched, () -> readAddresses(ps, indexed));
        }
        IpRangeSet subscribed = subscribedAround(c, touched);
        List<IpAddress> outside = new ArrayList<>();
        for (IpAddress a : touched) {
            if (indexed.contains(a) && !subscribed.contains(a)) {
                outside.add(a);
            }
        }
        deleteOutside(c, touched);
        insertOutside(c, outside.iterator());
    }

    private static void deleteOutside(Connection c, List<IpAddress> addresses) throws SQLException {
        if (addresses.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM indexed_outside_subscription WHERE ip IN (" + IN_LIST + ")")) {
            inChunks(ps, 1, addresses, ps::executeUpdate);
        }
    }

    /** Inserts addresses not in the set yet, in order: streamed to COPY on PostgreSQL, in batches on H2. */
    private static void insertOutside(Connection c, Iterator<IpAddress> addresses) throws SQLException {
        if (!addresses.hasNext()) {
            return;
        }
        if (PostgresCopy.isPostgres(c)) {
            PostgresCopy.copyIn(c, "COPY indexed_outside_subscription (ip) FROM STDIN", new CopyRows(addresses));
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO indexed_outside_subscription (ip) VALUES (?)")) {
            int batched = 0;
            while (addresses.hasNext()) {
                ps.setBytes(1, addresses.next().toBytes());
                ps.addBatch();
                if (++batched % CHUNK == 0 || !addresses.hasNext()) {
                    ps.executeBatch();
                }
            }
        }
    }

    /** The addresses as rows of COPY's text format, made as COPY reads them. */
    private static final class CopyRows extends java.io.Reader {
        private final Iterator<IpAddress> addresses;
        private final StringBuilder row = new StringBuilder(40);
        private int at;

        CopyRows(Iterator<IpAddress> addresses) {
            this.addresses = addresses;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            int copied = 0;
            while (copied < length) {
                if (at == row.length()) {
                    if (!addresses.hasNext()) {
                        return copied == 0 ? -1 : copied;
                    }
                    row.setLength(0);
                    PostgresCopy.bytea(row, addresses.next().toBytes());
                    row.append('\n');
                    at = 0;
                }
                int n = Math.min(length - copied, row.length() - at);
                row.getChars(at, at + n, buffer, offset + copied);
                at += n;
                copied += n;
            }
            return copied;
        }

        @Override
        public void close() {
        }
    }

    /** The subscription's ranges. */
    private static IpRangeSet subscription(Connection c) throws SQLException {
        IpRangeSet.Builder ranges = IpRangeSet.builder();
        try (PreparedStatement ps = c.prepareStatement("SELECT range_start, range_end FROM qualys_subscribed_ips");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ranges.add(new IpRange(IpAddress.fromBytes(rs.getBytes(1)), IpAddress.fromBytes(rs.getBytes(2))));
            }
        }
        return ranges.build();
    }

    /** The indexed addresses in a range (each once), in address order, at most {@code max} of them. */
    public static List<IpAddress> indexedIn(Connection c, IpRange range, int max) throws SQLException {
        List<IpAddress> hosts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ip FROM indexed_hosts WHERE ip BETWEEN ? AND ?"
                + " ORDER BY ip FETCH FIRST ? ROWS ONLY")) {
            ps.setBytes(1, range.first().toBytes());
            ps.setBytes(2, range.last().toBytes());
            ps.setInt(3, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.add(IpAddress.fromBytes(rs.getBytes(1)));
                }
            }
        }
        return hosts;
    }

    /**
     * The addresses in a range indexed in the zone and in no other, in address order, at most {@code max} of them:
     * those a delete of the zone's hosts there takes out of the inventory.
     */
    public static List<IpAddress> indexedOnlyIn(Connection c, IpRange range, String zone, int max)
            throws SQLException {
        List<IpAddress> hosts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT h.ip FROM indexed_hosts h WHERE h.ip BETWEEN ? AND ?"
                + " AND h.zone = ? AND NOT EXISTS (SELECT 1 FROM indexed_hosts o WHERE o.ip = h.ip AND o.zone <> ?)"
                + " ORDER BY h.ip FETCH FIRST ? ROWS ONLY")) {
            ps.setBytes(1, range.first().toBytes());
            ps.setBytes(2, range.last().toBytes());
            ps.setString(3, zone);
            ps.setString(4, zone);
            ps.setInt(5, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.add(IpAddress.fromBytes(rs.getBytes(1)));
                }
            }
        }
        return hosts;
    }

    /**
     * The counts the listed addresses would have as indexed hosts, from their membership in S and M, whether or not
     * they are in the inventory. The addresses must be distinct. S: the subscription's ranges that overlap the span
     * of the addresses, read once (a probe per address is a scan of the ranges on H2); M: index lookups, 1,000
     * addresses per query.
     */
    public static IndexedCounts countAddresses(Connection c, List<IpAddress> addresses) throws SQLException {
        if (addresses.isEmpty()) {
            return IndexedCounts.ZERO;
        }
        IpRangeSet subscribed = subscribedAround(c, addresses);
        Set<IpAddress> scanned = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ip FROM qualys_scanned_ips WHERE ip IN (" + IN_LIST + ")")) {
            inChunks(ps, 1, addresses, () -> readAddresses(ps, scanned));
        }
        IndexedCounts total = IndexedCounts.ZERO;
        for (IpAddress a : addresses) {
            total = total.plus(IndexedCounts.ofHost(subscribed.contains(a), scanned.contains(a)));
        }
        return total;
    }

    /**
     * The subscription's ranges that overlap the span of the addresses (not empty), read once: a probe per address is
     * a scan of the ranges on H2.
     */
    private static IpRangeSet subscribedAround(Connection c, List<IpAddress> addresses) throws SQLException {
        IpAddress first = addresses.stream().min(IpAddress::compareTo).orElseThrow();
        IpAddress last = addresses.stream().max(IpAddress::compareTo).orElseThrow();
        IpRangeSet.Builder ranges = IpRangeSet.builder();
        try (PreparedStatement ps = c.prepareStatement("SELECT range_start, range_end FROM qualys_subscribed_ips"
                + " WHERE range_start <= ? AND range_end >= ?")) {
            ps.setBytes(1, last.toBytes());
            ps.setBytes(2, first.toBytes());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ranges.add(new IpRange(IpAddress.fromBytes(rs.getBytes(1)), IpAddress.fromBytes(rs.getBytes(2))));
                }
            }
        }
        return ranges.build();
    }

    private static long scalar(Connection c, String sql, byte[]... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setBytes(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
