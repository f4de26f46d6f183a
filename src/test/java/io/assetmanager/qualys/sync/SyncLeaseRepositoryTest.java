package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.coverage.OnBothDatabases;
import io.assetmanager.coverage.TestDatabase;
import io.assetmanager.coverage.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lease on H2 and PostgreSQL: its times are the database's, and its token moves on when it changes hands, so that
 * the writes of the run that lost it fail.
 */
class SyncLeaseRepositoryTest extends OnBothDatabases {

    private static final Duration TTL = Duration.ofSeconds(300);

    private SyncLeaseRepository lease(Kind kind) throws SQLException {
        TestDatabase db = db(kind);
        sql(db, "UPDATE sync_lease SET holder = NULL, run_id = NULL, acquired_at = NULL, expires_at = NULL");
        return new SyncLeaseRepository(db.dataSource());
    }

    private static void sql(TestDatabase db, String update) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(update);
        }
    }

    private static OffsetDateTime column(TestDatabase db, String column) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + column + " FROM sync_lease WHERE id = 1")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void takenAndRenewedAtTheDatabasesTime(Kind kind) throws SQLException {
        SyncLeaseRepository lease = lease(kind);
        TestDatabase db = db(kind);
        OffsetDateTime before = lease.databaseNow();

        assertThat(lease.tryAcquire("node-a#1", TTL)).isPresent();

        OffsetDateTime acquired = column(db, "acquired_at");
        assertThat(acquired).isAfterOrEqualTo(before).isBeforeOrEqualTo(lease.databaseNow());
        assertThat(Duration.between(acquired, column(db, "expires_at"))).isEqualTo(TTL);
        OffsetDateTime beforeRenewal = lease.databaseNow();
        assertThat(lease.heartbeat("node-a#1", Duration.ofSeconds(600))).isTrue();
        assertThat(column(db, "expires_at")).isAfterOrEqualTo(beforeRenewal.plusSeconds(600));
        assertThat(lease.current()).map(SyncLeaseRepository.Holder::holder).contains("node-a#1");
        // Taken, its run not created yet: no run, so that a sweep spares the run being created (it took run 0 once).
        assertThat(lease.current()).map(SyncLeaseRepository.Holder::runId).isEmpty();
        lease.attachRun("node-a#1", 17);
        assertThat(lease.current()).map(SyncLeaseRepository.Holder::runId).contains(17L);
    }

    /**
     * Expiry is judged by the database alone: a lease whose end the database has passed is free to take, whatever
     * the taker's clock says; a lease still running in the database's time is not.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void expiredByTheDatabasesClockItChangesHandsAndTheOldTokenIsRefused(Kind kind) throws SQLException {
        SyncLeaseRepository lease = lease(kind);
        TestDatabase db = db(kind);
        long first = lease.tryAcquire("node-a#1", TTL).orElseThrow();
        assertThat(lease.tryAcquire("node-b#2", TTL)).as("held for 300 s more in the database's time").isEmpty();
        assertThat(lease.holdsToken(first)).isTrue();

        // node-a stops renewing: its lease ends, in the database's time.
        sql(db, "UPDATE sync_lease SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND");
        assertThat(lease.current()).as("an expired lease has no live holder").isEmpty();
        long second = lease.tryAcquire("node-b#2", TTL).orElseThrow();

        assertThat(second).isEqualTo(first + 1);
        assertThat(lease.holdsToken(first)).isFalse();
        assertThatThrownBy(() -> lease.requireToken(first)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("another run (node-b#2) took it over");
        assertThat(lease.heartbeat("node-a#1", TTL)).isFalse();
        lease.requireToken(second);

        lease.release("node-b#2");
        assertThat(lease.holdsToken(second)).as("a lease given back fences its last holder too").isFalse();
    }

    /**
     * At shutdown the instance gives back the lease it holds and ends its run INTERRUPTED, naming the step it was
     * cut off in; the lease of another instance, or of another process of the same instance, and its runs are left
     * alone.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void atShutdownTheInstancesLeaseIsGivenBackAndItsRunInterrupted(Kind kind) throws SQLException {
        SyncLeaseRepository lease = lease(kind);
        TestDatabase db = db(kind);
        long token = lease.tryAcquire("node-a#p1-1", TTL).orElseThrow();
        long runId = runningRun(db, "Fetching the scanned hosts from Qualys");
        lease.attachRun("node-a#p1-1", runId);

        assertThat(lease.giveBackAtShutdown("node-b#p1-", "node-b", 5)).as("node-b holds nothing").isEmpty();
        assertThat(lease.giveBackAtShutdown("node-a#p0-", "node-a", 5))
                .as("an earlier process of node-a, still stopping, holds nothing").isEmpty();
        assertThat(lease.current()).map(SyncLeaseRepository.Holder::holder).contains("node-a#p1-1");

        assertThat(lease.giveBackAtShutdown("node-a#p1-", "node-a", 5)).hasValue(runId);
        assertThat(lease.current()).as("the lease is free at once, not left to expire").isEmpty();
        assertThat(lease.holdsToken(token)).as("the run's own thread can write nothing more").isFalse();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT outcome, error_text, current_step, ended_at FROM sync_runs "
                        + "WHERE id = " + runId)) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("INTERRUPTED");
            assertThat(rs.getString(2)).isEqualTo("The run was cut off: instance node-a shut down during the step "
                    + "'Fetching the scanned hosts from Qualys'");
            assertThat(rs.getString(3)).isNull();
            assertThat(rs.getObject(4)).isNotNull();
        }
        assertThat(lease.giveBackAtShutdown("node-a#p1-", "node-a", 5)).as("nothing more to give back").isEmpty();
    }

    private static long runningRun(TestDatabase db, String step) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO sync_runs (trigger_kind, started_at, outcome, current_step, capped, "
                    + "group_recreated, qualys_calls, qualys_wait_seconds) VALUES ('TIMER', CURRENT_TIMESTAMP, "
                    + "'RUNNING', '" + step + "', FALSE, FALSE, 0, 0)");
            try (ResultSet rs = st.executeQuery("SELECT MAX(id) FROM sync_runs")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
