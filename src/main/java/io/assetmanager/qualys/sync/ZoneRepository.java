package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZoneMapping;
import io.assetmanager.qualys.zones.ZoneSettings;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Asset Mapping by Zone as stored (migration V24): the switch, each zone's network and appliance, and the groups a
 * run created per zone. A save and a run's writes of the group records are each one transaction; a run's writes check
 * its lease token in theirs, so a run that lost its lease records nothing.
 */
@Stateless
public class ZoneRepository {

    /** The field names the settings' audit trail shows for this setting. */
    static final String AUDIT_SWITCH = "Asset Mapping by Zone";
    static final String AUDIT_ZONE = "Zone mapping: ";
    static final String AUDIT_ORPHAN = "Orphaned zone group deleted: ";

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @Inject
    private SyncLeaseRepository lease;

    public ZoneRepository() {
    }

    /** Outside a container (tests): no lease to check. */
    public ZoneRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ZoneSettings settings() {
        try (Connection c = dataSource.getConnection()) {
            return settings(c, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the zone mapping: " + e.getMessage(), e);
        }
    }

    private static ZoneSettings settings(Connection c, boolean lock) throws SQLException {
        boolean enabled;
        OffsetDateTime at;
        String by;
        try (PreparedStatement ps = c.prepareStatement("SELECT enabled, updated_at, updated_by FROM qualys_zone_switch"
                + " WHERE id = 1" + (lock ? " FOR UPDATE" : ""));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            enabled = rs.getBoolean(1);
            at = rs.getObject(2, OffsetDateTime.class);
            by = rs.getString(3);
        }
        Map<String, ZoneMapping> mappings = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT zone, network_id, appliance_id FROM qualys_zone_mapping");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long appliance = rs.getLong(3);
                Long applianceId = rs.wasNull() ? null : appliance;
                mappings.put(rs.getString(1), new ZoneMapping(rs.getString(1), rs.getLong(2), applianceId));
            }
        }
        return new ZoneSettings(enabled, mappings, at, by);
    }

    /**
     * Stores the switch and the mappings (replacing every mapping), with one row in the settings' audit trail per
     * change: the switch, and each zone whose mapping was added, changed or removed.
     *
     * @param loadedAt when the mapping the page shows was saved (null: never), as read with it
     * @return the changes, as the audit trail records them; empty when nothing changed (nothing is written)
     * @throws ZoneMappingChangedException when it was saved again since {@code loadedAt} (nothing is written)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> save(boolean enabled, Collection<ZoneMapping> mappings, String user, OffsetDateTime at,
            OffsetDateTime loadedAt) throws ZoneMappingChangedException {
        return save(enabled, mappings, user, at, loadedAt, ZoneMapping::describe);
    }

    /**
     * {@link #save(boolean, Collection, String, OffsetDateTime, OffsetDateTime)}, each mapping described in the
     * audit trail by {@code describe} (with the names of the network and the appliance, when they are known).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> save(boolean enabled, Collection<ZoneMapping> mappings, String user, OffsetDateTime at,
            OffsetDateTime loadedAt, java.util.function.Function<ZoneMapping, String> describe)
            throws ZoneMappingChangedException {
        try (Connection c = dataSource.getConnection()) {
            ZoneSettings before = settings(c, true);
            if (before.updatedAt() != null && (loadedAt == null || !before.updatedAt().isEqual(loadedAt))) {
                throw new ZoneMappingChangedException("Nothing was saved: " + before.updatedBy() + " saved the zone"
                        + " mapping at " + io.assetmanager.platform.Times.format(before.updatedAt()) + " after this"
                        + " page was opened. Reload the page to see it, then make your change again.");
            }
            Map<String, ZoneMapping> after = new TreeMap<>();
            mappings.forEach(m -> after.put(m.zone(), m));
            Map<String, String[]> changes = new LinkedHashMap<>();
            if (before.enabled() != enabled) {
                changes.put(AUDIT_SWITCH, new String[] {onOff(before.enabled()), onOff(enabled)});
            }
            TreeSet<String> zones = new TreeSet<>(before.mappings().keySet());
            zones.addAll(after.keySet());
            for (String zone : zones) {
                ZoneMapping was = before.mappings().get(zone);
                ZoneMapping now = after.get(zone);
                if (!Objects.equals(was, now)) {
                    changes.put(AUDIT_ZONE + zone, new String[] {was == null ? "unmapped" : describe.apply(was),
                            now == null ? "unmapped" : describe.apply(now)});
                }
            }
            if (changes.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE qualys_zone_switch SET enabled = ?, updated_at = ?,"
                    + " updated_by = ? WHERE id = 1")) {
                ps.setBoolean(1, enabled);
                ps.setObject(2, at);
                ps.setString(3, user);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM qualys_zone_mapping")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO qualys_zone_mapping (zone, network_id,"
                    + " appliance_id) VALUES (?, ?, ?)")) {
                for (ZoneMapping m : after.values()) {
                    ps.setString(1, m.zone());
                    ps.setLong(2, m.networkId());
                    setLong(ps, 3, m.applianceId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<String> said = new ArrayList<>();
            for (Map.Entry<String, String[]> change : changes.entrySet()) {
                audit(c, at, user, change.getKey(), change.getValue()[0], change.getValue()[1]);
                said.add(change.getKey() + ": " + change.getValue()[0] + " → " + change.getValue()[1]);
            }
            return said;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the zone mapping: " + e.getMessage(), e);
        }
    }

    private static String onOff(boolean on) {
        return on ? "On" : "Off";
    }

    private static void audit(Connection c, OffsetDateTime at, String user, String field, String old, String now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings_audit (changed_at, changed_by, field,"
                + " old_value, new_value) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, at);
            ps.setString(2, user);
            ps.setString(3, field.length() > 100 ? field.substring(0, 99) + "…" : field);
            ps.setString(4, old);
            ps.setString(5, now);
            ps.executeUpdate();
        }
    }

    /** Every zone group on record, zones in name order. */
    public List<ZoneGroup> groups() {
        List<ZoneGroup> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT zone, qualys_id, title, network_id, appliance_id,"
                        + " created_at, pushed_at, pushed_address_count, pushed_ranges, orphan_since"
                        + " FROM qualys_zone_group ORDER BY zone");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long appliance = rs.getLong(5);
                Long applianceId = rs.wasNull() ? null : appliance;
                BigDecimal count = rs.getBigDecimal(8);
                out.add(new ZoneGroup(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), applianceId,
                        utc(rs.getObject(6, OffsetDateTime.class)), utc(rs.getObject(7, OffsetDateTime.class)),
                        count == null ? null : count.toBigIntegerExact(), rs.getString(9),
                        utc(rs.getObject(10, OffsetDateTime.class))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the zone groups: " + e.getMessage(), e);
        }
        return out;
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * Records the zone's group (created or adopted), replacing the zone's earlier record, in use (not an orphan).
     *
     * @param leaseToken the run's token, checked in this transaction
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordGroup(String zone, long qualysId, String title, ZoneMapping mapping, OffsetDateTime at,
            Long leaseToken) {
        fence(leaseToken);
        try (Connection c = dataSource.getConnection()) {
            deleteRow(c, zone);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO qualys_zone_group (zone, qualys_id, title,"
                    + " network_id, appliance_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, zone);
                ps.setLong(2, qualysId);
                ps.setString(3, title);
                ps.setLong(4, mapping.networkId());
                setLong(ps, 5, mapping.applianceId());
                ps.setObject(6, at);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the group of zone " + zone + ": " + e.getMessage(), e);
        }
    }

    /** The zone's group now has the mapping's appliance (same network). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void applianceSet(String zone, Long applianceId, Long leaseToken) {
        fence(leaseToken);
        update("UPDATE qualys_zone_group SET appliance_id = ? WHERE zone = ?", ps -> {
            setLong(ps, 1, applianceId);
            ps.setString(2, zone);
        });
    }

    /** The zone's group has a new title (the group title setting changed). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void renameGroup(String zone, String title, Long leaseToken) {
        fence(leaseToken);
        update("UPDATE qualys_zone_group SET title = ? WHERE zone = ?", ps -> {
            ps.setString(1, title);
            ps.setString(2, zone);
        });
    }

    /** What the zone's group holds now, as this run set it (or as far as its edits got). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void groupPushed(String zone, IpRangeSet ips, OffsetDateTime at, Long leaseToken) {
        fence(leaseToken);
        update("UPDATE qualys_zone_group SET pushed_ranges = ?, pushed_address_count = ?, pushed_at = ?"
                + " WHERE zone = ?", ps -> {
                    ps.setString(1, ips.toString());
                    ps.setBigDecimal(2, new BigDecimal(ips.size()));
                    ps.setObject(3, at);
                    ps.setString(4, zone);
                });
    }

    /**
     * Marks the groups of zones outside {@code inUse} as orphans (keeping the first time they were found so) and
     * the groups of zones in it as in use; writes only the groups whose state changes.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markOrphans(Set<String> inUse, OffsetDateTime at, Long leaseToken) {
        fence(leaseToken);
        try (Connection c = dataSource.getConnection();
                PreparedStatement orphan = c.prepareStatement("UPDATE qualys_zone_group SET orphan_since = ?"
                        + " WHERE zone = ? AND orphan_since IS NULL");
                PreparedStatement used = c.prepareStatement("UPDATE qualys_zone_group SET orphan_since = NULL"
                        + " WHERE zone = ?")) {
            for (ZoneGroup g : groups()) {
                if (inUse.contains(g.zone()) == !g.isOrphan()) {
                    continue;
                }
                if (inUse.contains(g.zone())) {
                    used.setString(1, g.zone());
                    used.executeUpdate();
                } else {
                    orphan.setObject(1, at);
                    orphan.setString(2, g.zone());
                    orphan.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot mark the orphaned zone groups: " + e.getMessage(), e);
        }
    }

    /** Forgets the zone's group: deleted in Qualys by a run that recreates it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void forgetGroup(String zone, Long leaseToken) {
        fence(leaseToken);
        try (Connection c = dataSource.getConnection()) {
            deleteRow(c, zone);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget the group of zone " + zone + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forgets an orphaned group an admin deleted in Qualys, with a row in the settings' audit trail.
     *
     * @return false when the zone has no orphaned group with that Qualys ID (anymore)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean orphanDeleted(String zone, long qualysId, String user, OffsetDateTime at) {
        try (Connection c = dataSource.getConnection()) {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM qualys_zone_group WHERE zone = ?"
                    + " AND qualys_id = ? AND orphan_since IS NOT NULL")) {
                ps.setString(1, zone);
                ps.setLong(2, qualysId);
                n = ps.executeUpdate();
            }
            if (n > 0) {
                audit(c, at, user, AUDIT_ORPHAN + zone, "group " + qualysId, "deleted in Qualys");
            }
            return n > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget the group of zone " + zone + ": " + e.getMessage(), e);
        }
    }

    private void fence(Long leaseToken) {
        if (leaseToken != null) {
            lease.requireToken(leaseToken);
        }
    }

    private static void deleteRow(Connection c, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM qualys_zone_group WHERE zone = ?")) {
            ps.setString(1, zone);
            ps.executeUpdate();
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update the zone groups: " + e.getMessage(), e);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }
}
