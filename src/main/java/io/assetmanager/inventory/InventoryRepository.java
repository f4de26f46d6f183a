package io.assetmanager.inventory;

import io.assetmanager.counts.CountsRepository;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.PostgresCopy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the indexed hosts for the page and the API with JPQL over the {@link IndexedHost} entity (the CSV export
 * reads with SQL, see {@link InventoryExport}): counts and pages that stay fast at 1,000,000 rows. A page after a
 * known address ({@code after}, keyset) is an index range scan whatever its depth; an offset is for jumps and costs
 * its depth. Addresses compare and sort as their stored 16-byte form (unsigned byte order on both databases), which
 * is address order.
 */
@ApplicationScoped
public class InventoryRepository {

    /** Rows, not managed entities: an export page of 10,000 entities costs about three times as long. */
    private static final String SELECT_ROWS = "SELECT NEW io.assetmanager.inventory.HostRow(h.ip, h.hostname, h.mac,"
            + " h.zone, h.source, h.firstSeen, h.lastSeen) FROM IndexedHost h";

    @PersistenceContext
    private EntityManager em;
    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    public InventoryRepository() {
    }

    /** For tests of the SQL reads ({@link #addressSnapshot()}), which use the data source alone. */
    InventoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count(HostFilter filter) {
        Jpql jpql = new Jpql("SELECT COUNT(h) FROM IndexedHost h").where(filter);
        return jpql.bind(em.createQuery(jpql.text.toString(), Long.class)).getSingleResult();
    }

    /**
     * @param after for the IP orders only: the page starts after this host (null: from the start, skipping
     *              {@code offset} rows); the hosts of one address follow each other by zone
     */
    public List<HostRow> page(HostFilter filter, HostSort sort, HostKey after, long offset, int limit) {
        if (after != null && !sort.byIp()) {
            throw new IllegalArgumentException("a page after an address needs an IP order, not " + sort);
        }
        if (offset > Integer.MAX_VALUE) {
            return List.of();
        }
        Jpql jpql = new Jpql(SELECT_ROWS).where(filter);
        if (after != null) {
            String beyond = sort == HostSort.IP_ASC ? ">" : "<";
            if (after.zone() == null) {
                jpql.and("h.ip " + beyond + " :after", "after", after.ip());
            } else {
                // The address as a bound of the index range (an OR alone would give neither database one), then the
                // zones after the one shown at that address.
                jpql.and("h.ip " + beyond + "= :after AND (h.ip " + beyond + " :after OR h.zone " + beyond
                        + " :afterZone)", "after", after.ip());
                jpql.parameters.put("afterZone", after.zone());
            }
        }
        jpql.text.append(" ORDER BY ");
        if (filter.namedZone() && sort.byIp()) {
            // The same order (one zone), said so that H2, too, walks the (zone, ip) index instead of sorting: exactly
            // the index's columns (H2 matches an order to an index only as a prefix of it).
            jpql.text.append(sort == HostSort.IP_ASC ? "h.zone ASC, h.ip ASC" : "h.zone DESC, h.ip DESC");
        } else {
            jpql.text.append(sort.orderBy);
        }
        return jpql.bind(em.createQuery(jpql.text.toString(), HostRow.class)).setFirstResult((int) offset)
                .setMaxResults(limit).getResultList();
    }

    /**
     * The names of the zones that hold indexed hosts, sorted ({@value HostFields#DEFAULT_ZONE} is the name of the
     * hosts given none, V26). A loose index scan on {@code (zone, ip)} (migration V23): one index probe per zone for
     * the next zone name. {@code SELECT DISTINCT zone} read the whole index on
     * PostgreSQL instead: 104-131 ms at a million hosts in 5 zones, against 0.3-1.4 ms this way (load average 2.5 to
     * 2.9); H2 answers both within milliseconds.
     */
    public List<String> zoneNames() {
        @SuppressWarnings("unchecked")
        List<Object> named = em.createNativeQuery("WITH RECURSIVE z (zone) AS ((SELECT MIN(zone) FROM indexed_hosts)"
                + " UNION ALL SELECT (SELECT MIN(h.zone) FROM indexed_hosts h WHERE h.zone > z.zone) FROM z"
                + " WHERE z.zone IS NOT NULL) SELECT zone FROM z WHERE zone IS NOT NULL").getResultList();
        return named.stream().map(String::valueOf).sorted().toList();
    }

    /** A JPQL statement under construction: its text and its named parameters. */
    private static final class Jpql {
        final StringBuilder text;
        final Map<String, Object> parameters = new LinkedHashMap<>();
        private boolean hasWhere;

        Jpql(String select) {
            text = new StringBuilder(select);
        }

        Jpql where(HostFilter filter) {
            if (filter.range() != null) {
                and("h.ip >= :first", "first", filter.range().first());
                and("h.ip <= :last", "last", filter.range().last());
            }
            if (filter.hostnameContains() != null) {
                and("LOWER(h.hostname) LIKE :hostname ESCAPE '\\'", "hostname", filter.hostnameLikePattern());
            }
            if (filter.zone() != null) {
                and("h.zone = :zone", "zone", filter.zone());
            }
            return this;
        }

        Jpql and(String condition, String name, Object value) {
            text.append(hasWhere ? " AND " : " WHERE ").append(condition);
            hasWhere = true;
            parameters.put(name, value);
            return this;
        }

        <T> TypedQuery<T> bind(TypedQuery<T> query) {
            parameters.forEach(query::setParameter);
            return query;
        }
    }

    /**
     * Every indexed address as a range set, and the number of rows: what a sync run compares with Qualys. Plain JDBC
     * in address order straight from the unique index, fetched in large batches: speed at a million hosts.
     */
    public AddressSnapshot addressSnapshot() {
        return addressSnapshot("SELECT ip FROM indexed_hosts ORDER BY ip", null);
    }

    /**
     * The addresses of one zone's hosts ({@value HostFields#DEFAULT_ZONE}: the hosts given no zone), as
     * {@link #addressSnapshot()}: one stretch of the {@code (zone, ip)} index.
     */
    public AddressSnapshot addressSnapshot(String zone) {
        // In (zone, ip) order, so that H2 too walks the index instead of sorting.
        return addressSnapshot("SELECT ip FROM indexed_hosts WHERE " + HostFields.zoneCondition("zone")
                + " ORDER BY zone, ip", zone);
    }

    private AddressSnapshot addressSnapshot(String select, String zone) {
        IpRangeSet.Builder addresses = IpRangeSet.builder();
        long count = 0;
        long version;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(select)) {
            // The inventory's version before and after: equal, no change committed while the addresses were read.
            long before = CountsRepository.inventoryVersion(connection);
            statement.setFetchSize(10_000);
            PostgresCopy.binaryResults(statement);
            if (zone != null) {
                statement.setString(1, zone);
            }
            try (ResultSet rows = statement.executeQuery()) {
                byte[] previous = null;
                while (rows.next()) {
                    byte[] ip = rows.getBytes(1);
                    // In address order: an address indexed in several zones (V26) is counted once.
                    if (previous == null || !java.util.Arrays.equals(previous, ip)) {
                        addresses.add(IpAddress.fromBytes(ip));
                        count++;
                    }
                    previous = ip;
                }
            }
            version = CountsRepository.inventoryVersion(connection) == before ? before : -1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database (" + select + "): " + e.getMessage(), e);
        }
        return new AddressSnapshot(addresses.build(), count, version);
    }

    /**
     * The indexed addresses and how many there are (an address in several zones once), read at the inventory's
     * {@code version} ({@link CountsRepository#inventoryVersion}; -1 when a change committed during the read).
     */
    public record AddressSnapshot(IpRangeSet addresses, long rows, long version) {
    }
}
