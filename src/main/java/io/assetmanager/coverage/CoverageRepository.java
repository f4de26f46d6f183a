package io.assetmanager.coverage;

import io.assetmanager.counts.CountsRepository;
import io.assetmanager.counts.CoverageCounts;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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
    private static final String IN_SUBSCRIPTION = "COALESCE((SELECT s.range_end FROM qualys_subscribed_ips s"
            + " WHERE s.range_start <= %1$s ORDER BY s.range_start DESC FETCH FIRST 1 ROW ONLY) >= %1$s, FALSE)";
    private static final String INDEXED_COLUMNS = "h.ip, h.hostname, h.mac, h.first_seen, h.last_seen, h.source, "
            + "q.qualys_host_id, q.dns, q.netbios, q.os, q.tracking_method, q.last_scan";
    private static final String SCANNED_COLUMNS = "q.ip, q.qualys_host_id, q.dns, q.netbios, q.os, "
            + "q.tracking_method, q.last_scan";
    private static final List<String> INDEXED_TEXT_COLUMNS = List.of("h.hostname", "h.mac", "h.source", "q.dns",
            "q.netbios", "q.os");
    private static final List<String> SCANNED_TEXT_COLUMNS = List.of("q.dns", "q.netbios", "q.os",
            "q.tracking_method");
    private static final int STREAM_FETCH_SIZE = 2000;

    private final DataSource dataSource;

    public CoverageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param autoSubscribe the setting, which decides the DISCOVERED set */
    public CoverageNumbers numbers(boolean autoSubscribe) {
        return read("the dashboard numbers", c -> {
            CoverageCounts counts = counts(c);
            return new CoverageNumbers(BaseCount.of(counts), counts.subscribedRanges(), autoSubscribe,
                    qualysStatus(c));
        });
    }

    /**
     * The stored base counts; counted from the tables only while they are not known yet (before the first start
     * after the upgrade that added them has counted them), which takes seconds at a million hosts.
     */
    private static CoverageCounts counts(Connection c) throws SQLException {
        Optional<CoverageCounts> stored = CountsRepository.read(c);
        return stored.isPresent() ? stored.get() : CountsRepository.countAll(c);
    }

    /** One page of a set listed as hosts; the total counts the whole set with the request's filters. */
    public Page<HostRow> hosts(SetSpec spec, ListRequest request) {
        HostQuery query = HostQuery.of(spec, request);
        return read("a page of " + spec, c -> new Page<>(hostCount(c, spec, query, request), request.offset(),
                request.limit(), hostRows(c, query, request)));
    }

    /** The rows of one page only, for a table that asked for the count already. */
    public List<HostRow> hostRows(SetSpec spec, ListRequest request) {
        HostQuery query = HostQuery.of(spec, request);
        return read("a page of " + spec, c -> hostRows(c, query, request));
    }

    /** How many hosts the set holds with the request's filters. */
    public long hostCount(SetSpec spec, ListRequest request) {
        HostQuery query = HostQuery.of(spec, request);
        return read("the size of " + spec, c -> hostCount(c, spec, query, request));
    }

    /** Throws IllegalArgumentException, saying why, when the request does not apply to the set. */
    public static void check(SetSpec spec, ListRequest request) {
        if (spec.rowKind() == SetSpec.RowKind.ADDRESS_RANGES) {
            if (request.text() != null) {
                throw new IllegalArgumentException(
                        "a text filter does not apply to address ranges; filter by address");
            }
        } else {
            HostQuery.of(spec, request);
        }
    }

    private List<HostRow> hostRows(Connection c, HostQuery query, ListRequest request) throws SQLException {
        List<HostRow> rows = new ArrayList<>(request.limit());
        try (PreparedStatement ps = c.prepareStatement(query.select() + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            int next = query.bind(ps);
            ps.setInt(next, request.offset());
            ps.setInt(next + 1, request.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(query.row(rs));
                }
            }
        }
        return rows;
    }

    private long hostCount(Connection c, SetSpec spec, HostQuery query, ListRequest request) throws SQLException {
        return request.isFiltered() ? query.count(c) : unfilteredCount(c, spec).longValueExact();
    }

    /** Every host of the set with the request's filters and order, ignoring its page; for exports. */
    public void streamHosts(SetSpec spec, ListRequest request, Consumer<HostRow> sink) {
        HostQuery query = HostQuery.of(spec, request);
        read("the hosts of " + spec, c -> {
            try (PreparedStatement ps = c.prepareStatement(query.select())) {
                // With auto-commit off, the PostgreSQL driver fetches through a cursor instead of reading all rows.
                ps.setFetchSize(STREAM_FETCH_SIZE);
                query.bind(ps);
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

    private static BigInteger unfilteredCount(Connection c, SetSpec spec) throws SQLException {
        return CoverageNumbers.sum(BaseCount.coefficients(spec), BaseCount.of(counts(c)));
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
        try (PreparedStatement ps = c.prepareStatement("SELECT ended_at FROM sync_runs WHERE outcome = 'SUCCEEDED'"
                + " AND ended_at IS NOT NULL ORDER BY ended_at DESC, id DESC FETCH FIRST 1 ROW ONLY");
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
        return new QualysStatus(asOf, failed);
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

    /** The SQL of one host list: which table drives it, its predicates and their parameters, and its order. */
    private record HostQuery(boolean indexedDriven, String from, String where, List<Object> params, String order) {

        static HostQuery of(SetSpec spec, ListRequest request) {
            boolean indexed = switch (spec.rowKind()) {
                case INDEXED_HOSTS -> true;
                case SCANNED_HOSTS -> false;
                case ADDRESS_RANGES -> throw new IllegalArgumentException(spec + " is listed as ranges, not hosts");
            };
            String ip = indexed ? "h.ip" : "q.ip";
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            String from;
            if (indexed) {
                from = " FROM indexed_hosts h LEFT JOIN qualys_scanned_ips q ON q.id = "
                        + REPRESENTATIVE_HOST.formatted("h.ip");
                if (spec.scanned() != Membership.ANY) {
                    where.append(spec.scanned() == Membership.IN ? " AND q.id IS NOT NULL" : " AND q.id IS NULL");
                }
            } else {
                from = " FROM qualys_scanned_ips q";
                where.append(" AND q.id = ").append(REPRESENTATIVE_HOST.formatted("q.ip"));
                if (spec.indexed() == Membership.OUT) {
                    where.append(" AND NOT EXISTS (SELECT 1 FROM indexed_hosts h WHERE h.ip = q.ip)");
                }
            }
            if (spec.subscribed() != Membership.ANY) {
                where.append(spec.subscribed() == Membership.IN ? " AND " : " AND NOT ")
                        .append(IN_SUBSCRIPTION.formatted(ip));
            }
            if (request.range() != null) {
                where.append(" AND ").append(ip).append(" BETWEEN ? AND ?");
                params.add(request.range().first().toBytes());
                params.add(request.range().last().toBytes());
            }
            if (request.text() != null) {
                List<String> likes = new ArrayList<>();
                for (String column : indexed ? INDEXED_TEXT_COLUMNS : SCANNED_TEXT_COLUMNS) {
                    likes.add("LOWER(" + column + ") LIKE ? ESCAPE '\\'");
                    params.add(request.likePattern());
                }
                where.append(" AND (").append(String.join(" OR ", likes)).append(')');
            }
            return new HostQuery(indexed, from, where.toString(), params, order(request, indexed, ip));
        }

        private static String order(ListRequest request, boolean indexed, String ip) {
            SortField sort = request.sort();
            String direction = request.descending() ? " DESC" : " ASC";
            if (sort == SortField.IP) {
                // ip is NOT NULL: no NULLS clause, so PostgreSQL can walk the index in either direction.
                return " ORDER BY " + ip + direction;
            }
            if (sort.isInventory() && !indexed) {
                throw new IllegalArgumentException("cannot sort by " + sort.key()
                        + ": this list holds hosts Asset Manager has not indexed");
            }
            return " ORDER BY " + sort.column() + direction + " NULLS LAST, " + ip + " ASC";
        }

        String select() {
            return "SELECT " + (indexedDriven ? INDEXED_COLUMNS : SCANNED_COLUMNS) + from + where + order;
        }

        long count(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from + where)) {
                bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        /** Binds the filter parameters and returns the index of the next parameter. */
        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            return i;
        }

        HostRow row(ResultSet rs) throws SQLException {
            String ip = IpAddress.fromBytes(rs.getBytes(1)).toString();
            if (indexedDriven) {
                return new HostRow(ip, rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getObject(7, Long.class),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getObject(12, OffsetDateTime.class));
            }
            return new HostRow(ip, null, null, null, null, null, rs.getObject(2, Long.class), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class));
        }
    }
}
