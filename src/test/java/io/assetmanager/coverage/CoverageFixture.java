package io.assetmanager.coverage;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Writes known inventory, Qualys snapshot and run history rows straight into the tables, the way the inventory
 * and the sync engine leave them (the subscription merged into disjoint ranges).
 */
public final class CoverageFixture {

    public static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    private final DataSource dataSource;
    private long nextHostId = 1000;
    private long runInProgressId;

    public CoverageFixture(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Switches the integration Off in the table and waits (up to 60 s) until no run holds the lease, so that no timer
     * run of a server sharing this database writes history after the fixture does.
     */
    public CoverageFixture quiet() {
        execute("UPDATE qualys_settings SET enabled = FALSE WHERE id = 1");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            while (true) {
                try (var rs = st.executeQuery("SELECT COUNT(*) FROM sync_lease WHERE holder IS NOT NULL "
                        + "AND expires_at > CURRENT_TIMESTAMP")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return this;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a sync run still holds the lease after 60 s");
                }
                Thread.sleep(250);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Empties the inventory, the Qualys snapshot and the run history; Auto-Subscribe off. The stored base counts
     * become unknown, so that the dashboard counts the rows this fixture writes (CountsRepositoryTest checks the
     * counts the inventory and the sync run maintain).
     */
    public CoverageFixture clear() {
        execute("DELETE FROM sync_runs", "DELETE FROM qualys_scanned_ips", "DELETE FROM qualys_subscribed_ips",
                "DELETE FROM indexed_hosts", "DELETE FROM indexed_outside_subscription",
                "UPDATE qualys_settings SET auto_subscribe_mode = 'OFF' WHERE id = 1",
                "UPDATE coverage_counts SET count_indexed = NULL WHERE id = 1");
        judgeScansAt(T0, 30);
        return this;
    }

    /**
     * Scans count as fresh when at most {@code staleAfterDays} days older than {@code asOf}, as a sync run at that
     * time leaves the counts; the fresh count itself becomes unknown, so the dashboard counts it as it looks.
     */
    public CoverageFixture judgeScansAt(OffsetDateTime asOf, int staleAfterDays) {
        insert("UPDATE coverage_counts SET fresh_as_of = ?, fresh_since = ?, count_indexed_fresh = NULL WHERE id = 1",
                asOf, asOf.minusDays(staleAfterDays));
        return this;
    }

    /**
     * The worked example of DESIGN.md section 2: I = {10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.1.5, 192.168.1.10},
     * S = {10.0.0.0-10.0.0.255, 172.16.0.1}, M = {10.0.0.2, 172.16.0.1}.
     */
    public CoverageFixture workedExample() {
        return indexed("10.0.0.1", "alpha.example.com", "00:11:22:33:44:01", "nmap")
                .indexed("10.0.0.2", "beta.example.com", "00:11:22:33:44:02", "nmap")
                .indexed("10.0.0.3", "gamma.example.com", null, "dhcp")
                .indexed("10.0.1.5", "delta.example.com", "00:11:22:33:44:05", "nmap")
                .indexed("192.168.1.10", "printer-2", null, "arp")
                .subscribed("10.0.0.0-10.0.0.255, 172.16.0.1")
                .scanned("10.0.0.2", "beta.example.com", "BETA", "Windows Server 2022", "IP", T0.minusDays(2))
                .scanned("172.16.0.1", "gw.example.com", null, "Cisco IOS", "IP", T0.minusDays(3));
    }

    public CoverageFixture indexed(String ip, String hostname, String mac, String source) {
        return indexed(ip, hostname, mac, source, T0.minusHours(1));
    }

    public CoverageFixture indexed(String ip, String hostname, String mac, String source, OffsetDateTime lastSeen) {
        insert("INSERT INTO indexed_hosts (ip, hostname, mac, first_seen, last_seen, source) VALUES (?, ?, ?, ?, ?, ?)",
                IpAddress.parse(ip).toBytes(), hostname, mac, T0.minusDays(30), lastSeen, source);
        return marked();
    }

    /**
     * Marks the scanned hosts indexed or not ({@code in_inventory}), as the inventory and a sync run do in the
     * transaction that writes them: the fixture writes the tables with plain SQL.
     */
    private CoverageFixture marked() {
        try (Connection c = dataSource.getConnection()) {
            io.assetmanager.counts.CountsRepository.markAllInInventory(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Puts indexed hosts in a zone (null: none, the default zone), as an upload with that zone leaves them. */
    public CoverageFixture zone(String zone, String... ips) {
        for (String ip : ips) {
            insert("UPDATE indexed_hosts SET zone = ? WHERE ip = ?", zone == null ? "default" : zone,
                    IpAddress.parse(ip).toBytes());
        }
        return this;
    }

    /** Indexes an address in one more zone: another host at the same address, as an upload with that zone adds it. */
    public CoverageFixture alsoIn(String zone, String ip, String hostname) {
        insert("INSERT INTO indexed_hosts (ip, hostname, zone, first_seen, last_seen, source) VALUES (?, ?, ?, ?, ?,"
                + " ?)", IpAddress.parse(ip).toBytes(), hostname, zone, T0.minusDays(30), T0.minusHours(1), "csv");
        return marked();
    }

    public CoverageFixture scanned(String ip, String dns, String netbios, String os, String trackingMethod,
            OffsetDateTime lastScan) {
        insert("INSERT INTO qualys_scanned_ips (qualys_host_id, ip, dns, netbios, os, tracking_method, last_scan)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", nextHostId++, IpAddress.parse(ip).toBytes(), dns, netbios, os,
                trackingMethod, lastScan);
        return marked();
    }

    /** Counts the base counts and stores them, as the inventory and a sync run leave them. */
    public CoverageFixture countsStored() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            io.assetmanager.counts.CountsRepository.recount(c);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Empties the subscription. */
    public CoverageFixture noSubscription() {
        execute("DELETE FROM qualys_subscribed_ips");
        return this;
    }

    /** Adds ranges to the subscription, merging them with what is there as the sync engine stores them. */
    public CoverageFixture subscribed(String list) {
        IpRangeSet merged = IpRangeSet.parseList(list).union(subscription());
        execute("DELETE FROM qualys_subscribed_ips");
        for (IpRange r : merged) {
            insert("INSERT INTO qualys_subscribed_ips (range_start, range_end) VALUES (?, ?)", r.first().toBytes(),
                    r.last().toBytes());
        }
        return this;
    }

    private IpRangeSet subscription() {
        IpRangeSet.Builder b = IpRangeSet.builder();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT range_start, range_end FROM qualys_subscribed_ips")) {
            while (rs.next()) {
                b.add(new IpRange(IpAddress.fromBytes(rs.getBytes(1)), IpAddress.fromBytes(rs.getBytes(2))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return b.build();
    }

    /** A finished sync run with the counts it recorded. */
    public CoverageFixture run(String outcome, OffsetDateTime endedAt, Long indexed, Long subscribed, Long scanned,
            Long discovered, String errorCode, String errorText) {
        insert("INSERT INTO sync_runs (trigger_kind, started_at, ended_at, outcome, count_indexed, count_subscribed,"
                + " count_scanned, count_discovered, capped, group_recreated, qualys_calls, qualys_wait_seconds,"
                + " error_code, error_text) VALUES ('TIMER', ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, 3, 0, ?, ?)",
                endedAt.minusMinutes(2), endedAt, outcome, indexed, decimal(subscribed), scanned, decimal(discovered),
                errorCode, errorText);
        return this;
    }

    /** The DISCOVERED group as a run last pushed it: {@code addresses} IPs at {@code pushedAt}. */
    public CoverageFixture group(long addresses, OffsetDateTime pushedAt) {
        noGroup();
        insert("INSERT INTO qualys_asset_group (id, qualys_id, title, created_at, last_pushed_at, pushed_range_count,"
                + " pushed_address_count, pushed_ranges) VALUES (1, 999999, 'Asset Manager_DISCOVERED', ?, ?, 1, ?, ?)",
                pushedAt, pushedAt, decimal(addresses), "10.0.0.1-10.0.0." + addresses);
        return this;
    }

    /** No record of a DISCOVERED group. */
    public CoverageFixture noGroup() {
        execute("DELETE FROM qualys_asset_group");
        return this;
    }

    /**
     * A run in progress in {@code step}, holding the lease (so that no instance marks it interrupted), that stored
     * its snapshot at {@code snapshotAt} (null: not yet). {@link #endRunInProgress()} removes it.
     */
    public CoverageFixture runInProgress(OffsetDateTime startedAt, String step, OffsetDateTime snapshotAt) {
        // One transaction, as a real run takes the lease before its record exists: the server's timer marks every
        // RUNNING run without a live lease interrupted, and must never see the run without its lease.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                update(c, "INSERT INTO sync_runs (trigger_kind, started_at, outcome, current_step, capped,"
                        + " group_recreated, qualys_calls, qualys_wait_seconds, snapshot_at) VALUES ('TIMER', ?,"
                        + " 'RUNNING', ?, FALSE, FALSE, 0, 0, ?)", startedAt, step, snapshotAt);
                try (Statement st = c.createStatement();
                        var rs = st.executeQuery("SELECT MAX(id) FROM sync_runs WHERE outcome = 'RUNNING'")) {
                    rs.next();
                    runInProgressId = rs.getLong(1);
                }
                update(c, "UPDATE sync_lease SET holder = 'fixture', run_id = ?, acquired_at = ?, expires_at = ?"
                        + " WHERE id = 1", runInProgressId, now, now.plusDays(1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("a run in progress: " + e.getMessage(), e);
        }
        return this;
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    public CoverageFixture endRunInProgress() {
        execute("UPDATE sync_lease SET holder = NULL, run_id = NULL, acquired_at = NULL, expires_at = NULL"
                + " WHERE id = 1 AND holder = 'fixture'", "DELETE FROM sync_runs WHERE id = " + runInProgressId);
        return this;
    }

    private static BigDecimal decimal(Long value) {
        return value == null ? null : new BigDecimal(BigInteger.valueOf(value));
    }

    private void insert(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void execute(String... statements) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.executeUpdate(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
