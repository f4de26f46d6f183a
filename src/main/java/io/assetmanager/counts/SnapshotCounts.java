package io.assetmanager.counts;

import io.assetmanager.net.IpRangeSet;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The counts' part of the sync run's transactions that replace S or M: call {@link #lock} first and {@link #store}
 * last, in the caller's transaction (the datasource's connection joins it). From the run's sets the counts take a
 * fraction of a second at 1M hosts; counted from the tables, one to two seconds.
 */
@ApplicationScoped
public class SnapshotCounts {

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    public SnapshotCounts() {
    }

    /** Outside the container, for tests of the snapshot writes. */
    public SnapshotCounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits until no inventory change (on any instance) holds the counts, and holds them until commit. */
    public void lock() {
        try (Connection c = dataSource.getConnection()) {
            CountsRepository.lock(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the dashboard counts: " + e.getMessage(), e);
        }
    }

    /**
     * Stores the counts of the snapshot just written with the subscription {@code subscribed}: from the run's sets
     * when the inventory is still the one the run read ({@link RunSets#inventoryVersion}; a few intersections of sets
     * in memory: storing an unchanged snapshot of a million hosts went from 2.2 to 0.5-0.9 s), else counted from the
     * tables ({@link #recount()}). The freshness is counted from the tables when "Stale
     * after N days" changed since the run read it.
     */
    public void store(RunSets sets, IpRangeSet subscribed) {
        try (Connection c = dataSource.getConnection()) {
            if (CountsRepository.read(c).isEmpty()) {
                // Not counted yet (a new database, or tables loaded by SQL, which resets the counts to NULL): the
                // scanned hosts' marks may be wrong too.
                CountsRepository.markAllInInventory(c);
                recount(c);
                return;
            }
            if (sets == null || sets.inventoryVersion() < 0
                    || CountsRepository.inventoryVersion(c) != sets.inventoryVersion()) {
                recount(c);
                return;
            }
            CoverageCounts counts = sets.counts(subscribed);
            CountsRepository.store(c, counts);
            CountsRepository.keepOutside(c, counts, () -> sets.indexed().difference(subscribed));
            int staleAfterDays = CountsRepository.staleAfterDays(c);
            CountsRepository.storeFresh(c, staleAfterDays == sets.staleAfterDays() ? sets.freshCounts()
                    : CountsRepository.countFresh(c, sets.freshAsOf(),
                            FreshCounts.since(sets.freshAsOf(), staleAfterDays)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the dashboard numbers: " + e.getMessage(), e);
        }
    }

    /**
     * Counts everything again, seeing the transaction's own writes, and stores the counts. On PostgreSQL the snapshot's
     * tables are analyzed first, in the transaction: a first run fills an empty Qualys table, and with the statistics
     * of the empty table the planner hashed and sorted a million addresses on disk instead of merging two indexes
     * (7.4 s against 0.8 s for M's addresses at a million hosts, plus 0.3 s for the ANALYZE; a count twice per run).
     */
    public void recount() {
        try (Connection c = dataSource.getConnection()) {
            recount(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the dashboard numbers: " + e.getMessage(), e);
        }
    }

    private static void recount(Connection c) throws SQLException {
        CountsRepository.analyzeSnapshot(c);
        CountsRepository.recount(c);
    }
}
