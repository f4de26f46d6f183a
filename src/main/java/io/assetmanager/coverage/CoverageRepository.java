package io.assetmanager.coverage;

import io.assetmanager.counts.CountsRepository;
import io.assetmanager.counts.CoverageCounts;
import io.assetmanager.counts.FreshCounts;
import io.assetmanager.inventory.HostFields;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.Columns;
import io.assetmanager.platform.PostgresCopy;
import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The dashboard's queries: plain SQL over JDBC that runs unchanged on H2 2.x and PostgreSQL; SQL because they are
 * driven by the subscription's ranges at a million hosts (per-range subqueries and index probes that JPQL cannot
 * express). Each public method is one read-only transaction at REPEATABLE READ, so its numbers and rows come from
 * one snapshot even while a sync run replaces the Qualys tables.
 *
 * <p>Membership of an address in S is one index probe: the range with the greatest {@code range_start <= ip}, then
 * {@code ip <= range_end} (the subscription is stored merged). Counts are the base counts of {@link BaseCount}
 * combined by inclusion and exclusion, read from the row the inventory and the sync run keep up to date
 * ({@link CountsRepository}); lists apply the set's memberships as predicates, so the two are computed
 * independently (and tests check that they agree).
 */
public class CoverageRepository {

    /** With several Qualys hosts on one address, the one most recently scanned speaks for the address. */
    private static final String REPRESENTATIVE_HOST = "(SELECT q2.id FROM qualys_scanned_ips q2 WHERE q2.ip = %s"
            + " ORDER BY q2.last_scan DESC NULLS LAST, q2.qualys_host_id DESC FETCH FIRST 1 ROW ONLY)";
    /**
     * Keeps a membership test a probe of the other table's address index for each row: without it, PostgreSQL turns
     * the (NOT) EXISTS into a join, and its estimate of one row for the representative-host test made it choose a
     * nested loop that scans the other table for every row (minutes at 1M hosts; 108 ms with the probe).
     */
    private static final String PROBE = " OFFSET 0 ROWS";
    /**
     * Each address's representative Qualys host ({@link #REPRESENTATIVE_HOST}) for all addresses at once, in address
     * order, for PostgreSQL. {@code DISTINCT ON} rather than a numbering window filtered to its first rows: PostgreSQL
     * estimates a row per address for it, so it merges the list with it, where it estimated 0.5% of the hosts for the
     * filtered window and probed the list's index once per Qualys host (the export of 704,000 rows at a million hosts:
     * 2.0 s in the database instead of 2.9 s, JIT off).
     */
    private static final String REPRESENTATIVES = "(SELECT DISTINCT ON (r.ip) r.* FROM qualys_scanned_ips r"
            + " ORDER BY r.ip, r.last_scan DESC NULLS LAST, r.qualys_host_id DESC)";
    /** Each address's first indexed host ({@link HostFields#FIRST_HOST}) for all addresses at once, for PostgreSQL. */
    private static final String FIRST_HOSTS = " FROM (SELECT DISTINCT ON (x.ip) x.* FROM indexed_hosts x"
            + " ORDER BY x.ip, x.id) h";
    private static final String IN_SUBSCRIPTION = "COALESCE((SELECT s.range_end FROM qualys_subscribed_ips s"
            + " WHERE s.range_start <= %1$s ORDER BY s.range_start DESC FETCH FIRST 1 ROW ONLY) >= %1$s, FALSE)";
    private static final String INDEXED_COLUMNS = "h.ip, h.hostname, h.mac, h.first_seen, h.last_seen, h.source, "
            + "q.qualys_host_id, q.dns, q.netbios, q.os, q.tracking_method, q.last_scan";
    private static final String SCANNED_COLUMNS = "q.ip, q.qualys_host_id, q.dns, q.netbios, q.os, "
            + "q.tracking_method, q.last_scan";
    /**
     * The text filter's inventory columns as one lower-case text: the expression of the trigram index of migration
     * V10 on PostgreSQL. A line break separates the columns, so a filter (one line) matches within one column.
     */
    static final String INVENTORY_TEXT = "LOWER(COALESCE(%1$s.hostname, '') || '\n' || COALESCE(%1$s.mac, '')"
            + " || '\n' || COALESCE(%1$s.source, ''))";
    /** The text filter's Qualys columns in a list of indexed hosts (the tracking method is no name to search). */
    private static final String INDEXED_QUALYS_TEXT = "LOWER(COALESCE(%1$s.dns, '') || '\n' || COALESCE(%1$s.netbios,"
            + " '') || '\n' || COALESCE(%1$s.os, ''))";
    private static final String SCANNED_TEXT = "LOWER(COALESCE(%1$s.dns, '') || '\n' || COALESCE(%1$s.netbios, '')"
            + " || '\n' || COALESCE(%1$s.os, '') || '\n' || COALESCE(%1$s.tracking_method, ''))";
    /**
     * The indexed hosts outside the subscription within a range (parameters: its first and last address), read from
     * the maintained set I − S ({@code indexed_outside_subscription}, V29), with every zone's host of each address.
     * A list of few such hosts among many (once Auto-Subscribe has added the others) reads them so, instead of walking
     * the inventory and testing each host against the subscription. {@code OFFSET 0 ROWS} keeps the list's own
     * predicates out of the subquery, so that PostgreSQL probes the inventory once per address of the set.
     */
    private static final String OUTSIDE_SUBSCRIPTION = " FROM (SELECT x.* FROM indexed_outside_subscription o"
            + " JOIN indexed_hosts x ON x.ip = o.ip WHERE o.ip >= ? AND o.ip <= ? OFFSET 0 ROWS) h";
    /** A filtered list is counted up to this many rows, then shown as "more than" it. */
    public static final int COUNT_CAP = 10_000;
    private static final int STREAM_FETCH_SIZE = 2000;

    private final DataSource dataSource;
    /** Lists inside I − S are read from the kept set while it holds at most this many ({@link #fromOutside}). */
    private final long fewOutsideSubscription;

    public CoverageRepository(DataSource dataSource) {
        this(dataSource, COUNT_CAP);
    }

    /**
     * @param fewOutsideSubscription lists inside I − S are read from the maintained set I − S while it holds at
     *                               most this many hosts (0: never; for tests of both ways)
     */
    CoverageRepository(DataSource dataSource, long fewOutsideSubscription) {
        this.dataSource = dataSource;
        this.fewOutsideSubscription = fewOutsideSubscription;
    }

    /** @param autoSubscribe the setting, which decides the DISCOVERED set */
    public CoverageNumbers numbers(boolean autoSubscribe) {
        return numbers(autoSubscribe, null);
    }

    /**
     * The numbers of one zone ({@link ZoneFilter}; null: every zone, from the maintained counts). In a zone, the base
     * counts that involve I are counted live from the zone's hosts (see {@link #zoneBase}); |S|, |M| and |M ∩ S| are
     * the maintained ones.
     */
    public CoverageNumbers numbers(boolean autoSubscribe, String zone) {
        return read("the dashboard numbers", c -> {
            CoverageCounts counts = counts(c);
            FreshCounts fresh = CountsRepository.freshOrCount(c);
            Map<BaseCount, BigInteger> base = BaseCount.of(counts, fresh);
            BigInteger indexedInAllZones = base.get(BaseCount.INDEXED);
            if (zone != null) {
                base.putAll(zoneBase(c, zone, base));
            }
            return new CoverageNumbers(base, counts.subscribedRanges(), autoSubscribe, qualysStatus(c), fresh, zone,
                    indexedInAllZones);
        });
    }

    /**
     * |I ∩ Z|, |I ∩ Z ∩ S|, |I ∩ Z ∩ M|, |I ∩ Z ∩ S ∩ M| and |I ∩ Z ∩ F| for the hosts of the zone Z (one stretch of
     * the {@code (zone, ip)} index), counted from the tables as {@code CountsRepository.countAll} counts the whole
     * inventory: |I ∩ Z| on the index; |I ∩ Z ∩ S| driven by the subscription's ranges (one range of the index per
     * subscription range); the zone's scanned addresses in one pass, each with whether its scan is fresh (the lists'
     * predicate), checked against the subscription in memory (a probe of the ranges per address walks their index
     * from its start on H2). A zone that holds every indexed host (a default zone where no host has another) is the
     * inventory: its counts are the maintained ones.
     *
     * @param all the base counts of every zone
     */
    private static Map<BaseCount, BigInteger> zoneBase(Connection c, String zone, Map<BaseCount, BigInteger> all)
            throws SQLException {
        Map<BaseCount, BigInteger> zoneCounts = new EnumMap<>(BaseCount.class);
        String inZone = ZoneFilter.condition();
        long indexed = zoneScalar(c, "SELECT COUNT(*) FROM indexed_hosts h WHERE " + inZone, zone);
        if (BigInteger.valueOf(indexed).equals(all.get(BaseCount.INDEXED))) {
            return zoneCounts;
        }
        long indexedSubscribed = 0;
        long scanned = 0;
        long scannedSubscribed = 0;
        long fresh = 0;
        if (indexed > 0) {
            IpRangeSet subscription = subscription(c, null);
            indexedSubscribed = zoneScalar(c, "SELECT COALESCE(SUM((SELECT COUNT(*) FROM indexed_hosts h WHERE "
                    + inZone + " AND h.ip BETWEEN s.range_start AND s.range_end)), 0) FROM qualys_subscribed_ips s",
                    zone);
            try (PreparedStatement ps = c.prepareStatement("SELECT h.ip, CASE WHEN "
                    + CountsRepository.freshScan("h.ip") + " THEN 1 ELSE 0 END FROM indexed_hosts h WHERE " + inZone
                    + " AND EXISTS (SELECT 1 FROM qualys_scanned_ips q1 WHERE q1.ip = h.ip)")) {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                PostgresCopy.binaryResults(ps);
                ps.setString(1, zone);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        scanned++;
                        scannedSubscribed += subscription.contains(IpAddress.fromBytes(rs.getBytes(1))) ? 1 : 0;
                        fresh += rs.getInt(2);
                    }
                }
            }
        }
        zoneCounts.put(BaseCount.INDEXED, BigInteger.valueOf(indexed));
        zoneCounts.put(BaseCount.INDEXED_SUBSCRIBED, BigInteger.valueOf(indexedSubscribed));
        zoneCounts.put(BaseCount.INDEXED_SCANNED, BigInteger.valueOf(scanned));
        zoneCounts.put(BaseCount.ALL_THREE, BigInteger.valueOf(scannedSubscribed));
        zoneCounts.put(BaseCount.INDEXED_FRESH, BigInteger.valueOf(fresh));
        return zoneCounts;
    }

    /** A count with the zone's name as its one parameter. */
    private static long zoneScalar(Connection c, String sql, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, zone);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The stored base counts; counted from the tables only while they are not known yet (before the first start
     * after the upgrade that added them has counted them), which takes seconds at a million hosts.
     */
    private static CoverageCounts counts(Connection c) throws SQLException {
        Optional<CoverageCounts> stored = CountsRepository.read(c);
        return stored.isPresent() ? stored.get() : CountsRepository.countAll(c);
    }

    /**
     * One page of a set listed as hosts, reached by the request's offset, with the total of the set with the
     * request's filters (see {@link #hostTotal}).
     */
    public Page<HostRow> hosts(SetSpec spec, ListRequest request) {
        return hosts(spec, request, null);
    }

    /** One page of a set listed as hosts, after or before a row ({@code seek}) or else at the request's offset. */
    public Page<HostRow> hosts(SetSpec spec, ListRequest request, PageSeek seek) {
        return readList("a page of " + spec, c -> {
            boolean rare = rareText(c, spec, request);
            boolean outside = fromOutside(c, spec);
            HostTotal total = hostTotal(c, spec, HostQuery.of(spec, request, false, rare, outside), request);
            return new Page<>(total.value(), total.capped(), request.offset(), request.limit(),
                    rows(c, spec, request, seek, total, rare, outside));
        });
    }

    /** The rows of one page only, reached by the request's offset. */
    public List<HostRow> hostRows(SetSpec spec, ListRequest request) {
        return hostRows(spec, request, null, null);
    }

    /**
     * The rows of one page only: after or before a row shown ({@code seek}, keyset paging), or else at the request's
     * offset; {@code known}, the total counted already, lets a jump into the second half of the list read from its
     * far end, and tells whether a text filter's matches are few.
     */
    public List<HostRow> hostRows(SetSpec spec, ListRequest request, PageSeek seek, HostTotal known) {
        return readList("a page of " + spec, c -> rows(c, spec, request, seek, known,
                request.text() != null && PostgresCopy.isPostgres(c) && known != null && !known.capped(),
                fromOutside(c, spec)));
    }

    /**
     * A page by seek or offset. A text filter with few matches ({@code rare}; at most {@link #COUNT_CAP} in the
     * list when counted) reads them first (see {@link HostQuery#matchesFirst}): walking the order's index would
     * test every row of the set for the few that match. Otherwise the walk tests each row and stops at the page's end.
     */
    private static List<HostRow> rows(Connection c, SetSpec spec, ListRequest request, PageSeek seek,
            HostTotal known, boolean rare, boolean outside) throws SQLException {
        if (request.text() != null && known != null && known.value() == 0) {
            return List.of();
        }
        HostQuery query = HostQuery.of(spec, request, false, rare, outside);
        if (request.text() != null && rare && known != null && !known.capped()) {
            query = query.matchesFirst();
        }
        return seek == null ? rowsAtOffset(c, query, request, known) : rowsFrom(c, query,
                request.descending() != seek.backward(), query.key(seek.edge()), seek.backward(), request.limit());
    }

    /**
     * How many hosts the set holds with the request's filters: without filters, the set's count from the
     * dashboard's numbers; with filters, counted up to {@link #COUNT_CAP} rows and "more than" that beyond.
     */
    public HostTotal hostTotal(SetSpec spec, ListRequest request) {
        return readList("the size of " + spec, c -> hostTotal(c, spec, HostQuery.of(spec, request, false,
                rareText(c, spec, request), fromOutside(c, spec)), request));
    }

    /**
     * Whether a list of the set is best read from the kept set I − S ({@link #OUTSIDE_SUBSCRIPTION}): a list of indexed
     * hosts outside the subscription, when the set is exact and the stored counts say that at most {@link
     * #fewOutsideSubscription} indexed addresses are outside it. Then a page costs a probe of the inventory per such
     * address, instead of a walk of the inventory that tests every host (seconds at a million hosts when the few are
     * scattered among them).
     */
    boolean readsFromOutsideSet(SetSpec spec) {
        return readList("how " + spec + " is read", c -> fromOutside(c, spec));
    }

    private boolean fromOutside(Connection c, SetSpec spec) throws SQLException {
        if (spec.rowKind() != SetSpec.RowKind.INDEXED_HOSTS || spec.subscribed() != Membership.OUT) {
            return false;
        }
        return fewOutsideSubscription > 0 && CountsRepository.outsideKeptAndAtMost(c, fewOutsideSubscription);
    }

    /**
     * Whether the request's text matches at most {@link #COUNT_CAP} hosts in each table, on PostgreSQL: then the
     * matches are best read first (the inventory's through its trigram index), else the rows are best tested one by
     * one in the list's order, which soon finds a page and a capped count. Asks each table for at most that many
     * matches: cheap for a common text; for a rare one, the Qualys table, which has no trigram index, is read whole.
     */
    private static boolean rareText(Connection c, SetSpec spec, ListRequest request) throws SQLException {
        if (request.text() == null || !PostgresCopy.isPostgres(c)) {
            return false;
        }
        List<String> matches = new ArrayList<>();
        if (spec.rowKind() == SetSpec.RowKind.INDEXED_HOSTS) {
            matches.add("SELECT 1 FROM indexed_hosts t WHERE " + INVENTORY_TEXT.formatted("t"));
            matches.add("SELECT 1 FROM qualys_scanned_ips u WHERE " + INDEXED_QUALYS_TEXT.formatted("u"));
        } else {
            matches.add("SELECT 1 FROM qualys_scanned_ips u WHERE " + SCANNED_TEXT.formatted("u"));
        }
        for (String sql : matches) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (" + sql + " LIKE ? ESCAPE '\\'"
                    + " FETCH FIRST ? ROWS ONLY) x")) {
                ps.setString(1, request.likePattern());
                ps.setInt(2, COUNT_CAP + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > COUNT_CAP) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Throws IllegalArgumentException, saying why, when the request does not apply to the set. */
    public static void check(SetSpec spec, ListRequest request) {
        checkZone(spec, request);
        if (spec.rowKind() == SetSpec.RowKind.ADDRESS_RANGES) {
            if (request.text() != null) {
                throw new IllegalArgumentException(
                        "a text filter does not apply to address ranges; filter by address");
            }
        } else {
            HostQuery.of(spec, request);
        }
    }

    /** A set outside I has no zone: refused, naming the parameter, rather than listed as every other zone's hosts. */
    private static void checkZone(SetSpec spec, ListRequest request) {
        if (!ZoneFilter.applies(spec, request.zone())) {
            throw new IllegalArgumentException("zone: " + ZoneFilter.NOT_APPLICABLE);
        }
    }

    private HostTotal hostTotal(Connection c, SetSpec spec, HostQuery query, ListRequest request)
            throws SQLException {
        if (!request.isFiltered()) {
            return new HostTotal(unfilteredCount(c, spec, request.zone()).longValueExact(), false);
        }
        long counted = query.count(c, COUNT_CAP + 1);
        return counted > COUNT_CAP ? new HostTotal(COUNT_CAP, true) : new HostTotal(counted, false);
    }

    /**
     * The page at the request's offset: the key of the row before it is found by a query that reads only the
     * address and the sort column (a walk of their index that skips the Qualys columns' join), then the page is read
     * after that key. A page in the second half of a list whose exact total is known is read from the far end.
     */
    private static List<HostRow> rowsAtOffset(Connection c, HostQuery query, ListRequest request, HostTotal known)
            throws SQLException {
        long offset = request.offset();
        int limit = request.limit();
        boolean descending = request.descending();
        boolean fromEnd = known != null && !known.capped() && offset > known.value() / 2;
        if (fromEnd) {
            long end = Math.min(known.value(), offset + limit);
            if (end <= offset) {
                return List.of();
            }
            limit = (int) (end - offset);
            offset = known.value() - end;
            descending = !descending;
        }
        Key start = null;
        if (offset > 0) {
            start = query.keyAt(c, descending, offset - 1);
            if (start == null) {
                return List.of();
            }
        }
        return rowsFrom(c, query, descending, start, fromEnd, limit);
    }

    /**
     * Up to {@code limit} rows after {@code start} (null: from the first) in the given direction, in the list's
     * order again when {@code reverse}; each part of the order is one index walk (see {@link HostQuery#after}).
     */
    private static List<HostRow> rowsFrom(Connection c, HostQuery query, boolean descending, Key start,
            boolean reverse, int limit) throws SQLException {
        List<HostRow> rows = new ArrayList<>(limit);
        query.prepare(c);
        for (Condition after : query.after(start, descending)) {
            try (PreparedStatement ps = c.prepareStatement(query.select(false) + after.sql() + query.order(descending)
                    + " FETCH FIRST ? ROWS ONLY")) {
                int next = query.bind(ps, 1);
                for (Object p : after.params()) {
                    ps.setObject(next++, p);
                }
                ps.setInt(next, limit - rows.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(query.row(rs));
                    }
                }
            }
            if (rows.size() == limit) {
                break;
            }
        }
        if (reverse) {
            Collections.reverse(rows);
        }
        return rows;
    }

    /**
     * Every host of the set with the request's filters and order, ignoring its page; for exports. One statement
     * read through a cursor ({@value #STREAM_FETCH_SIZE} rows per fetch; auto-commit is off, which the PostgreSQL
     * driver needs to use one), each row handed on as it arrives: the heap holds one fetch, whatever the size.
     */
    public void streamHosts(SetSpec spec, ListRequest request, Consumer<HostRow> sink) {
        readList("the hosts of " + spec, c -> {
            // The one-pass merges suit PostgreSQL; H2 would work the subquery out again for every row (seconds for
            // a few thousand hosts, as measured with the numbered window before), so there each row probes the
            // address indexes instead.
            // A list of few hosts read from the set I − S probes the Qualys table for each of them.
            boolean outside = fromOutside(c, spec);
            HostQuery query = HostQuery.of(spec, request, PostgresCopy.isPostgres(c) && !outside, false, outside);
            query.prepare(c);
            try (PreparedStatement ps = c.prepareStatement(query.select(false) + query.order(request.descending()))) {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                PostgresCopy.binaryResults(ps);
                query.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(query.row(rs));
                    }
                }
            }
            return null;
        });
    }

    /** One page of a set of subscription addresses, as merged ranges; the total counts ranges. */
    public Page<RangeRow> ranges(SetSpec spec, ListRequest request) {
        check(spec, request);
        // A zone narrows no list of ranges: those inside I are hosts, the others are Qualys's whole sets.
        return page(addressRanges(spec, request.range()), request);
    }

    /** One page of already computed ranges, in address order or its reverse. */
    public static Page<RangeRow> page(IpRangeSet set, ListRequest request) {
        List<IpRange> ranges = set.ranges();
        int from = Math.min(request.offset(), ranges.size());
        int to = Math.min(from + request.limit(), ranges.size());
        List<RangeRow> rows = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            rows.add(RangeRow.of(ranges.get(request.descending() ? ranges.size() - 1 - i : i)));
        }
        return new Page<>(ranges.size(), request.offset(), request.limit(), rows);
    }

    /**
     * A set that lies in S outside I or M, as ranges: the subscription (within the given range, if any) minus the
     * addresses of the indexed or scanned hosts inside it. Only the hosts inside S are read, never the addresses of
     * a range.
     */
    public IpRangeSet addressRanges(SetSpec spec, IpRange within) {
        if (spec.rowKind() != SetSpec.RowKind.ADDRESS_RANGES) {
            throw new IllegalArgumentException(spec + " is listed as hosts, not as ranges");
        }
        return read("the address ranges of " + spec, c -> {
            IpRangeSet subscription = subscription(c, within);
            IpRangeSet.Builder taken = IpRangeSet.builder();
            if (spec.indexed() == Membership.OUT) {
                addHostsInSubscription(c, "indexed_hosts", within, taken);
            }
            if (spec.scanned() == Membership.OUT) {
                addHostsInSubscription(c, "qualys_scanned_ips", within, taken);
            }
            return subscription.difference(taken.build());
        });
    }

    private static BigInteger unfilteredCount(Connection c, SetSpec spec, String zone) throws SQLException {
        Map<BaseCount, BigInteger> base = BaseCount.of(counts(c), CountsRepository.freshOrCount(c));
        if (ZoneFilter.narrows(spec, zone)) {
            base.putAll(zoneBase(c, zone, base));
        }
        return CoverageNumbers.sum(BaseCount.coefficients(spec), base);
    }

    private static IpRangeSet subscription(Connection c, IpRange within) throws SQLException {
        String sql = "SELECT range_start, range_end FROM qualys_subscribed_ips"
                + (within == null ? "" : " WHERE range_end >= ? AND range_start <= ?") + " ORDER BY range_start";
        IpRangeSet.Builder b = IpRangeSet.builder();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (within != null) {
                ps.setBytes(1, within.first().toBytes());
                ps.setBytes(2, within.last().toBytes());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.add(new IpRange(IpAddress.fromBytes(rs.getBytes(1)), IpAddress.fromBytes(rs.getBytes(2))));
                }
            }
        }
        IpRangeSet all = b.build();
        return within == null ? all : all.intersection(IpRangeSet.of(within));
    }

    private static void addHostsInSubscription(Connection c, String table, IpRange within, IpRangeSet.Builder out)
            throws SQLException {
        String sql = "SELECT t.ip FROM qualys_subscribed_ips s JOIN " + table
                + " t ON t.ip BETWEEN s.range_start AND s.range_end"
                + (within == null ? "" : " WHERE t.ip BETWEEN ? AND ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(STREAM_FETCH_SIZE);
            PostgresCopy.binaryResults(ps);
            if (within != null) {
                ps.setBytes(1, within.first().toBytes());
                ps.setBytes(2, within.last().toBytes());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(IpAddress.fromBytes(rs.getBytes(1)));
                }
            }
        }
    }

    private static QualysStatus qualysStatus(Connection c) throws SQLException {
        // SQL on sync_runs: "data as of" must describe the counts shown, so it is read in their snapshot.
        OffsetDateTime asOf = null;
        // The snapshot's time is recorded where it was stored (also by a run still going or failed later); runs
        // from before that was recorded count from their end.
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(snapshot_at, ended_at) FROM sync_runs"
                + " WHERE snapshot_at IS NOT NULL OR (outcome = 'SUCCEEDED' AND ended_at IS NOT NULL)"
                + " ORDER BY COALESCE(snapshot_at, ended_at) DESC, id DESC FETCH FIRST 1 ROW ONLY");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                asOf = rs.getObject(1, OffsetDateTime.class);
            }
        }
        QualysStatus.FailedRun failed = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome, ended_at, error_code, error_text FROM sync_runs"
                + " WHERE outcome <> 'RUNNING' AND ended_at IS NOT NULL ORDER BY ended_at DESC, id DESC"
                + " FETCH FIRST 1 ROW ONLY");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next() && !"SUCCEEDED".equals(rs.getString(1))) {
                failed = new QualysStatus.FailedRun(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3), rs.getString(4));
            }
        }
        QualysStatus.RunningRun running = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, current_step, started_at, snapshot_at FROM sync_runs"
                + " WHERE outcome = 'RUNNING' ORDER BY started_at DESC, id DESC FETCH FIRST 1 ROW ONLY");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                running = new QualysStatus.RunningRun(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class), rs.getObject(4) != null);
            }
        }
        QualysStatus.PushedGroup group = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT pushed_address_count, last_pushed_at FROM"
                + " qualys_asset_group WHERE id = 1 AND last_pushed_at IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                group = new QualysStatus.PushedGroup(rs.getBigDecimal(1).toBigIntegerExact(),
                        rs.getObject(2, OffsetDateTime.class));
            }
        }
        return new QualysStatus(asOf, failed, running, group);
    }

    /**
     * A read of a host list: on PostgreSQL without JIT compilation, which the correlated subqueries' cost estimates
     * would switch on and which costs more (up to half a second a query) than the index walks it would speed up.
     */
    private <T> T readList(String what, Work<T> work) {
        return read(what, c -> {
            if (PostgresCopy.isPostgres(c)) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL jit = off");
                }
            }
            return work.run(c);
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw new CoverageQueryException("Could not read " + what + " from the database: " + e.getMessage(), e);
        }
    }

    /** The position of a row in a list's order: its value in the sort column (null for the address order) and address. */
    private record Key(Object value, byte[] ip) {
    }

    /** A condition added to a list's WHERE clause, with its parameters. */
    private record Condition(String sql, List<Object> params) {
    }

    /**
     * The SQL of one host list: which table drives it, its predicates and their parameters, and its order. The order
     * is the sort column with the address breaking ties, both in the same direction, empty values after all others
     * (so first when descending): exactly the order of the (column, ip) index, read forwards or backwards.
     */
    private record HostQuery(boolean indexedDriven, boolean reason, SortField sort, String ip, boolean inNamedZone,
            String with, String from, String join, String where, List<Object> params, boolean fromOutside) {

        /**
         * Prepares the connection for this query's statements: for a read from the set I − S on PostgreSQL, no hash
         * or merge joins for the rest of the read's transaction. The set's statistics may be those of a far larger
         * set (it shrinks when Auto-Subscribe adds its hosts), and the planner would then add the Qualys columns by
         * hashing the whole Qualys table (600 ms at a million hosts) instead of a probe for each of the few rows. Set
         * just before the set's statements, which are the read's last.
         */
        void prepare(Connection c) throws SQLException {
            if (fromOutside && PostgresCopy.isPostgres(c)) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL enable_hashjoin = off");
                    st.execute("SET LOCAL enable_mergejoin = off");
                }
            }
        }

        /** The query as on H2, to check a request before reading. */
        static HostQuery of(SetSpec spec, ListRequest request) {
            return of(spec, request, false, false, false);
        }

        /**
         * @param whole for reading the whole list (an export), on PostgreSQL: each address's representative Qualys
         *              host is then found by one pass over the Qualys table in address order, merged, instead of a
         *              probe per row, which a page needs (three times faster at 1M hosts); so is its first indexed
         *              host, for a list of all zones in ascending address order not read from the set I − S
         * @param matchesAsSubquery the text filter as a subquery of the matching addresses, which PostgreSQL's trigram
         *                          index serves (see {@link #rareText}); otherwise a test of each row (also on H2,
         *                          which would run that subquery again for every row)
         * @param fromOutside the set I − S drives the list ({@link #OUTSIDE_SUBSCRIPTION}):
         *                 for a set inside I − S of few hosts only
         */
        static HostQuery of(SetSpec spec, ListRequest request, boolean whole, boolean matchesAsSubquery,
                boolean fromOutside) {
            boolean indexed = switch (spec.rowKind()) {
                case INDEXED_HOSTS -> true;
                case SCANNED_HOSTS -> false;
                case ADDRESS_RANGES -> throw new IllegalArgumentException(spec + " is listed as ranges, not hosts");
            };
            checkZone(spec, request);
            SortField sort = request.sort();
            if (!sort.sortsList(indexed)) {
                throw new IllegalArgumentException("cannot sort by " + sort.key() + (indexed
                        ? ": only lists of hosts Asset Manager has not indexed sort by the Qualys host ID"
                        : ": this list holds hosts Asset Manager has not indexed"));
            }
            String ip = indexed ? "h.ip" : "q.ip";
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            String from;
            String join = "";
            if (indexed) {
                // The sets are sets of addresses: an address indexed in several zones is one row, its host indexed
                // first; a zone's list shows that zone's host. A whole list takes the first hosts in one pass of the
                // address index; a page tests each of its rows (a probe of that index per row, 1.1 s of the export
                // of a million hosts if the whole list did it too).
                boolean firstHosts = !ZoneFilter.narrows(spec, request.zone());
                // In address order only: sorted otherwise, PostgreSQL would sort all the picked hosts, where it walks
                // the sort column's index and probes each row.
                boolean firstHostsInFrom = firstHosts && whole && !fromOutside && request.sort() == SortField.IP
                        && !request.descending();
                from = firstHostsInFrom ? FIRST_HOSTS : " FROM indexed_hosts h";
                if (fromOutside) {
                    from = OUTSIDE_SUBSCRIPTION;
                    IpRange within = request.range() == null ? CountsRepository.EVERY_ADDRESS : request.range();
                    params.addAll(List.of(within.first().toBytes(), within.last().toBytes()));
                }
                // A whole list of scanned hosts only (an export of Managed by both) joins their representatives:
                // every scanned address has one, so the join is the membership test, without a probe per host.
                boolean joinsScanned = whole && spec.scanned() == Membership.IN;
                join = whole
                        ? (joinsScanned ? " JOIN " : " LEFT JOIN ") + REPRESENTATIVES + " q ON q.ip = h.ip"
                        : " LEFT JOIN qualys_scanned_ips q ON q.id = " + REPRESENTATIVE_HOST.formatted("h.ip");
                if (spec.scanned() != Membership.ANY && !joinsScanned) {
                    where.append(spec.scanned() == Membership.IN ? " AND " : " AND NOT ")
                            .append("EXISTS (SELECT 1 FROM qualys_scanned_ips q1 WHERE q1.ip = h.ip").append(PROBE).append(')');
                }
                if (firstHosts && !firstHostsInFrom) {
                    where.append(" AND ").append(HostFields.FIRST_HOST);
                }
            } else {
                if (whole) {
                    from = " FROM " + REPRESENTATIVES + " q";
                } else {
                    from = " FROM qualys_scanned_ips q";
                    where.append(" AND q.id = ").append(REPRESENTATIVE_HOST.formatted("q.ip"));
                }
                if (spec.indexed() == Membership.OUT) {
                    // The mark every change of I or M keeps (V27): the list walks the index of the unmarked hosts
                    // instead of probing the inventory for each scanned host.
                    where.append(" AND NOT q.in_inventory");
                }
            }
            if (spec.subscribed() != Membership.ANY) {
                where.append(spec.subscribed() == Membership.IN ? " AND " : " AND NOT ")
                        .append(IN_SUBSCRIPTION.formatted(ip));
            }
            if (spec.freshScan() != Membership.ANY) {
                where.append(spec.freshScan() == Membership.IN ? " AND " : " AND NOT ")
                        .append(CountsRepository.freshScan(ip));
            }
            if (ZoneFilter.narrows(spec, request.zone())) {
                where.append(" AND ").append(ZoneFilter.condition());
                params.add(request.zone());
            }
            if (request.range() != null) {
                where.append(" AND ").append(ip).append(" BETWEEN ? AND ?");
                params.add(request.range().first().toBytes());
                params.add(request.range().last().toBytes());
            }
            if (request.text() != null) {
                String like = " LIKE ? ESCAPE '\\'";
                if (matchesAsSubquery && indexed) {
                    // The matching hosts as a subquery of their own, which PostgreSQL reads first when they are few
                    // (through the inventory's trigram index) instead of testing the text on every row. By host, as
                    // the row-by-row test below: a host matches by its own columns or its address's Qualys host.
                    where.append(" AND h.id IN (SELECT t.id FROM indexed_hosts t WHERE ")
                            .append(INVENTORY_TEXT.formatted("t")).append(like).append(" UNION ALL")
                            .append(" SELECT t.id FROM qualys_scanned_ips u JOIN indexed_hosts t ON t.ip = u.ip WHERE ")
                            .append(INDEXED_QUALYS_TEXT.formatted("u")).append(like).append(" AND u.id = ")
                            .append(REPRESENTATIVE_HOST.formatted("u.ip")).append(')');
                } else if (indexed) {
                    where.append(" AND (").append(INVENTORY_TEXT.formatted("h")).append(like)
                            .append(" OR EXISTS (SELECT 1 FROM qualys_scanned_ips u WHERE u.id = ")
                            .append(REPRESENTATIVE_HOST.formatted("h.ip")).append(" AND ")
                            .append(INDEXED_QUALYS_TEXT.formatted("u")).append(like).append("))");
                } else if (matchesAsSubquery) {
                    where.append(" AND q.id IN (SELECT u.id FROM qualys_scanned_ips u WHERE ")
                            .append(SCANNED_TEXT.formatted("u")).append(like).append(')');
                } else {
                    where.append(" AND ").append(SCANNED_TEXT.formatted("q")).append(like);
                }
                params.add(request.likePattern());
                if (indexed) {
                    params.add(request.likePattern());
                }
            }
            boolean inNamedZone = ZoneFilter.narrows(spec, request.zone());
            return new HostQuery(indexed, NotScannedReason.listed(spec), sort, ip, inNamedZone, "", from, join,
                    where.toString(), params, fromOutside);
        }

        /**
         * The SELECT up to its WHERE clause; {@code keyOnly}: only the sort column and the address, without the join
         * that reads the Qualys columns (the predicates test membership with EXISTS and subqueries).
         */
        String select(boolean keyOnly) {
            if (keyOnly) {
                return with + "SELECT " + (sort == SortField.IP ? "" : sort.column() + ", ") + ip + from + where;
            }
            // The reason of a "Not scanned" row is whether its address is subscribed: one more probe of S per row.
            return with + "SELECT " + (indexedDriven ? INDEXED_COLUMNS : SCANNED_COLUMNS)
                    + (reason ? ", " + IN_SUBSCRIPTION.formatted(ip) : "") + from + join + where;
        }

        /**
         * The same list read from its matching rows: PostgreSQL computes them first, as a materialized common table
         * expression in the plan that suits an unordered set (the trigram index for the text), then sorts the
         * page out of them. For a list of few matches only (the caller knows their number).
         */
        HostQuery matchesFirst() {
            String id = indexedDriven ? "h.id" : "q.id";
            // The page reads the matches' rows from the table itself, whatever drove their search.
            return new HostQuery(indexedDriven, reason, sort, ip, inNamedZone, "WITH matches AS MATERIALIZED (SELECT " + id
                    + " AS id" + from + where + ") ", indexedDriven ? " FROM indexed_hosts h" : from, join,
                    " WHERE " + id + " IN (SELECT m.id FROM matches m)", params, fromOutside);
        }

        String order(boolean descending) {
            String direction = descending ? " DESC" : " ASC";
            if (sort == SortField.IP && inNamedZone) {
                // The same order (one zone), said so that H2, too, walks the (zone, ip) index instead of sorting
                // the zone's rows, working out each one's columns first (as the inventory's list does).
                return " ORDER BY h.zone" + direction + ", " + ip + direction;
            }
            if (sort == SortField.IP || sort.unique()) {
                // No tie to break: PostgreSQL walks the column's own (unique) index.
                return " ORDER BY " + (sort == SortField.IP ? ip : sort.column()) + direction;
            }
            return " ORDER BY " + sort.column() + direction + (descending ? " NULLS FIRST, " : " NULLS LAST, ") + ip
                    + direction;
        }

        /**
         * What follows {@code start} in the given direction, as conditions to read one after the other: a row
         * comparison on (column, ip), which PostgreSQL reads as a start position in the index, and the rows with no
         * value, which come after all others.
         */
        List<Condition> after(Key start, boolean descending) {
            if (start == null) {
                return List.of(new Condition("", List.of()));
            }
            String compare = descending ? " < " : " > ";
            if (sort == SortField.IP) {
                return List.of(new Condition(" AND " + ip + compare + "?", List.of(start.ip())));
            }
            String column = sort.column();
            if (sort.unique()) {
                return List.of(new Condition(" AND " + column + compare + "?", List.of(start.value())));
            }
            if (start.value() != null) {
                Condition sameOrLater = new Condition(" AND (" + column + ", " + ip + ")" + compare + "(?, ?)",
                        List.of(start.value(), start.ip()));
                return descending ? List.of(sameOrLater)
                        : List.of(sameOrLater, new Condition(" AND " + column + " IS NULL", List.of()));
            }
            Condition empty = new Condition(" AND " + column + " IS NULL AND " + ip + compare + "?",
                    List.of(start.ip()));
            return descending ? List.of(empty, new Condition(" AND " + column + " IS NOT NULL", List.of()))
                    : List.of(empty);
        }

        Key key(HostRow row) {
            return new Key(sort == SortField.IP ? null : sort.valueOf(row), IpAddress.parse(row.ip()).toBytes());
        }

        /** The key of the row at {@code offset} in the given direction, or null when the list is shorter. */
        Key keyAt(Connection c, boolean descending, long offset) throws SQLException {
            prepare(c);
            try (PreparedStatement ps = c.prepareStatement(select(true) + order(descending)
                    + " OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")) {
                ps.setLong(bind(ps, 1), offset);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return sort == SortField.IP ? new Key(null, rs.getBytes(1))
                            : new Key(sortValue(rs, 1), rs.getBytes(2));
                }
            }
        }

        private Object sortValue(ResultSet rs, int column) throws SQLException {
            return switch (sort) {
                case HOSTNAME -> rs.getString(column);
                case LAST_SEEN -> Columns.utcTime(rs, column);
                case QUALYS_HOST_ID -> Columns.nullableLong(rs, column);
                case IP -> throw new IllegalStateException("the address is no sort value");
            };
        }

        /** Counts the rows, stopping at {@code max}. */
        long count(Connection c, int max) throws SQLException {
            prepare(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (" + select(true)
                    + " FETCH FIRST ? ROWS ONLY) x")) {
                ps.setInt(bind(ps, 1), max);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        /** Binds the filter parameters from {@code first} on and returns the index of the next parameter. */
        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            return i;
        }

        HostRow row(ResultSet rs) throws SQLException {
            String address = IpAddress.fromBytes(rs.getBytes(1)).toString();
            if (indexedDriven) {
                return new HostRow(address, rs.getString(2), rs.getString(3), Columns.utcTime(rs, 4),
                        Columns.utcTime(rs, 5), rs.getString(6), Columns.nullableLong(rs, 7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        Columns.utcTime(rs, 12),
                        reason ? NotScannedReason.of(rs.getBoolean(13)) : null);
            }
            return new HostRow(address, null, null, null, null, null, Columns.nullableLong(rs, 2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), Columns.utcTime(rs, 7));
        }
    }
}
