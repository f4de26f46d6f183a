package io.assetmanager.counts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Counts the dashboard's base counts at start-up when they are not known yet (the first start after the upgrade
 * that added them; the migration cannot sum address ranges in SQL). One instance counts; the others find them known.
 * Until then, and should this fail, the dashboard counts from the tables when someone looks.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class CountsStartup {

    private static final Logger LOG = Logger.getLogger(CountsStartup.class.getName());

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @PostConstruct
    void countIfUnknown() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (CountsRepository.read(c).isPresent() && CountsRepository.readFresh(c).isPresent()) {
                return;
            }
            c.setAutoCommit(false);
            try {
                // Another instance may have counted meanwhile: look again under the lock.
                if (CountsRepository.lock(c).isEmpty()) {
                    // Counts unknown: the tables may have been written without the marks too.
                    CountsRepository.markAllInInventory(c);
                    CountsRepository.inventoryChanged(c);
                    CoverageCounts counts = CountsRepository.countAll(c);
                    CountsRepository.store(c, counts);
                    CountsRepository.keepOutside(c, counts, () -> CountsRepository.outsideFromTables(c));
                    LOG.info(() -> String.format("Counted the dashboard's base counts in %d ms: %,d indexed hosts",
                            (System.nanoTime() - start) / 1_000_000, counts.indexed()));
                }
                // After the upgrade that added them, the scan freshness counts (judged at the last run's end).
                if (CountsRepository.readFresh(c).isEmpty()) {
                    CountsRepository.storeFresh(c, CountsRepository.freshOrCount(c));
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warning("Could not count the dashboard's base counts at start-up; the dashboard counts when viewed"
                    + " until the next inventory change or sync run: " + e);
        }
    }
}
