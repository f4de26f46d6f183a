package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads the indexed hosts for the page, the API and the export: counts and pages that stay fast at 1,000,000 rows.
 * A page after a known address ({@code after}, keyset) is an index range scan whatever its depth; an offset is for
 * jumps and costs its depth.
 */
@ApplicationScoped
public class InventoryRepository {

    private static final String COLUMNS = "ip, hostname, mac, zone, source, first_seen, last_seen";

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    public long count(HostFilter filter) {
        Sql sql = new Sql("SELECT COUNT(*) FROM indexed_hosts").where(filter);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = sql.prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Counting indexed hosts failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param after for the IP orders only: the page starts after this address (null: from the start, skipping
     *              {@code offset} rows)
     */
    public List<HostRow> page(HostFilter filter, HostSort sort, IpAddress after, long offset, int limit) {
        if (after != null && !sort.byIp()) {
            throw new IllegalArgumentException("a page after an address needs an IP order, not " + sort);
        }
        Sql sql = new Sql("SELECT " + COLUMNS + " FROM indexed_hosts").where(filter);
        if (after != null) {
            sql.and(sort == HostSort.IP_ASC ? "ip > ?" : "ip < ?", after.toBytes());
        }
        sql.text.append(" ORDER BY ").append(sort.orderBy).append(" LIMIT ? OFFSET ?");
        sql.parameters.add(limit);
        sql.parameters.add(offset);
        List<HostRow> page = new ArrayList<>(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = sql.prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                page.add(new HostRow(IpAddress.fromBytes(rows.getBytes(1)).toString(), rows.getString(2),
                        rows.getString(3), rows.getString(4), rows.getString(5),
                        rows.getObject(6, OffsetDateTime.class), rows.getObject(7, OffsetDateTime.class)));
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading indexed hosts failed: " + e.getMessage(), e);
        }
    }

    /** A statement under construction: SQL text and its parameters in order. */
    private static final class Sql {
        final StringBuilder text;
        final List<Object> parameters = new ArrayList<>();
        private boolean hasWhere;

        Sql(String select) {
            text = new StringBuilder(select);
        }

        Sql where(HostFilter filter) {
            if (filter.range() != null) {
                and("ip BETWEEN ? AND ?", filter.range().first().toBytes(), filter.range().last().toBytes());
            }
            if (filter.hostnameContains() != null) {
                and("LOWER(hostname) LIKE ? ESCAPE '\\'", "%" + escapeLike(filter.hostnameContains()) + "%");
            }
            return this;
        }

        Sql and(String condition, Object... values) {
            text.append(hasWhere ? " AND " : " WHERE ").append(condition);
            hasWhere = true;
            parameters.addAll(List.of(values));
            return this;
        }

        PreparedStatement prepare(Connection connection) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(text.toString());
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        }

        private static String escapeLike(String s) {
            return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }

    /**
     * Every indexed address as a range set, and the number of rows: what a sync run compares with Qualys. Plain JDBC
     * in address order straight from the unique index, fetched in large batches: speed at a million hosts.
     */
    public AddressSnapshot addressSnapshot() {
        String select = "SELECT ip FROM indexed_hosts ORDER BY ip";
        io.assetmanager.net.IpRangeSet.Builder addresses = io.assetmanager.net.IpRangeSet.builder();
        long count = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    addresses.add(IpAddress.fromBytes(rows.getBytes(1)));
                    count++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database (" + select + "): " + e.getMessage(), e);
        }
        return new AddressSnapshot(addresses.build(), count);
    }

    /** The indexed addresses and the number of rows they came from. */
    public record AddressSnapshot(io.assetmanager.net.IpRangeSet addresses, long rows) {
    }
}
