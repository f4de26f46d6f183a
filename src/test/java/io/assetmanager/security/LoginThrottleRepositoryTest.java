package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.coverage.BothDatabases;
import io.assetmanager.coverage.TestDatabase.Kind;
import io.assetmanager.security.LoginThrottle.Count;
import io.assetmanager.testing.ManualClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The login throttle's counts in the table, on real H2 and real PostgreSQL: two throttles on one database (two
 * instances of the server) share them, parallel attempts through both get no more checks than one would allow, and
 * the table stays bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleRepositoryTest {

    private final BothDatabases both = new BothDatabases();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));

    @AfterAll
    void closeDatabases() throws Exception {
        both.close();
    }

    Stream<Kind> databases() {
        return BothDatabases.kinds();
    }

    /** The repository's statements in a transaction of their own, as the server's REQUIRES_NEW bean runs them. */
    private static final class DatabaseStore implements LoginThrottle.Store {
        private final DataSource dataSource;

        DatabaseStore(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public <T> T update(List<String> keys, Function<Map<String, Count>, T> change) {
            return inTransaction(c -> LoginThrottleRepository.update(c, keys, change));
        }

        @Override
        public long purge(Instant now, int maxRows) {
            return inTransaction(c -> LoginThrottleRepository.purge(c, now, maxRows));
        }

        private <T> T inTransaction(SqlStep<T> step) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = step.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @FunctionalInterface
    private interface SqlStep<T> {
        T run(Connection c) throws SQLException;
    }

    private DataSource emptied(Kind kind) throws SQLException {
        DataSource ds = both.get(kind).dataSource();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM login_throttle");
        }
        return ds;
    }

    private LoginThrottle instance(DataSource ds) {
        return new LoginThrottle(Duration.ofSeconds(30), clock, new DatabaseStore(ds));
    }

    private static LoginThrottle.Attempt admitted(LoginThrottle throttle, String user, String address) {
        LoginThrottle.Admission admission = throttle.admit(user, address);
        assertThat(admission).as("admitted " + user + " from " + address).isInstanceOf(LoginThrottle.Attempt.class);
        return (LoginThrottle.Attempt) admission;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoInstancesShareTheCountsAndTheLock(Kind kind) throws Exception {
        DataSource ds = emptied(kind);
        LoginThrottle first = instance(ds);
        LoginThrottle second = instance(ds);
        for (int i = 1; i <= 3; i++) {
            assertThat(first.failed(admitted(first, "viewer", "10.0.0.1")).count()).isEqualTo(i);
        }
        assertThat(second.failed(admitted(second, "viewer", "10.0.0.1"))).isEqualTo(new LoginThrottle.Failure(4, 0));
        assertThat(second.failed(admitted(second, "Viewer ", "10.0.0.1"))).isEqualTo(new LoginThrottle.Failure(5, 30));
        assertThat(first.admit("viewer", "10.0.0.1")).as("the lock seen by the other instance")
                .isEqualTo(new LoginThrottle.Refused(LoginThrottle.Scope.USER_NAME, 30));
        // A new throttle on the same database (an instance after a restart) still sees it.
        assertThat(instance(ds).admit("viewer", "10.0.0.1")).isInstanceOf(LoginThrottle.Refused.class);
        assertThat(first.admit("admin", "10.0.0.1")).as("another user name").isInstanceOf(LoginThrottle.Attempt.class);

        clock.advance(Duration.ofSeconds(30));
        second.succeeded(admitted(second, "viewer", "10.0.0.1"));
        assertThat(first.failed(admitted(first, "viewer", "10.0.0.1")).count()).as("cleared by a success").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void attemptsInProgressOnOneInstanceCountOnTheOther(Kind kind) throws Exception {
        DataSource ds = emptied(kind);
        LoginThrottle first = instance(ds);
        LoginThrottle second = instance(ds);
        List<LoginThrottle.Attempt> checking = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            checking.add(admitted(first, "admin", "10.0.0.2"));
        }
        admitted(second, "admin", "10.0.0.2");
        admitted(second, "admin", "10.0.0.2");
        assertThat(second.admit("admin", "10.0.0.2")).isEqualTo(new LoginThrottle.Refused(LoginThrottle.Scope.USER_NAME, 1));
        // The first instance dies during its checks: after a minute its attempts no longer count.
        clock.advance(LoginThrottle.IN_FLIGHT_HOLD);
        assertThat(second.admit("admin", "10.0.0.2")).isInstanceOf(LoginThrottle.Attempt.class);
        assertThat(checking).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void parallelAttemptsThroughTwoInstancesGetAtMostTheFreeFailures(Kind kind) throws Exception {
        DataSource ds = emptied(kind);
        List<LoginThrottle> instances = List.of(instance(ds), instance(ds));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LoginThrottle throttle = instances.get(i % 2);
                calls.add(() -> throttle.admit("viewer", "10.0.0.3") instanceof LoginThrottle.Attempt);
            }
            int admitted = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                admitted += f.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(LoginThrottle.FREE_FAILURES);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void forgottenCountsAreDeletedAndTheTableStaysBounded(Kind kind) throws Exception {
        DataSource ds = emptied(kind);
        LoginThrottle throttle = instance(ds);
        DatabaseStore store = new DatabaseStore(ds);
        // 30 made-up user names from 30 addresses, one failure each: 60 rows. One user name locked.
        for (int i = 0; i < 30; i++) {
            throttle.failed(admitted(throttle, "made-up-" + i, "10.1.0." + i));
        }
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed(admitted(throttle, "admin", "10.2.0.1"));
        }
        assertThat(rows(ds)).isEqualTo(62);
        // Over the bound: the user names below the free failures go first; addresses and the lock stay.
        assertThat(store.purge(clock.instant(), 40)).isEqualTo(32);
        assertThat(keys(ds)).contains("user\nadmin\n10.2.0.1", "address\n10.2.0.1", "address\n10.1.0.7")
                .noneMatch(k -> k.startsWith("user\nmade-up-"));
        assertThat(throttle.admit("admin", "10.2.0.1")).isInstanceOf(LoginThrottle.Refused.class);
        // Still over it: user names without a running lock go too.
        clock.advance(Duration.ofSeconds(30));
        assertThat(store.purge(clock.instant(), 10)).isEqualTo(31);
        // 15 minutes without a failure: the addresses are forgotten; a day: the user names too.
        clock.advance(LoginThrottle.ADDRESS_MEMORY.plusSeconds(1));
        assertThat(store.purge(clock.instant(), 1000)).isZero();

        throttle.failed(admitted(throttle, "viewer", "10.3.0.1"));
        clock.advance(LoginThrottle.ADDRESS_MEMORY.plusSeconds(1));
        assertThat(store.purge(clock.instant(), 1000)).as("the user name's count stays a day").isEqualTo(1);
        clock.advance(LoginThrottle.USER_NAME_MEMORY);
        assertThat(store.purge(clock.instant(), 1000)).isZero();
    }

    private static long rows(DataSource ds) throws SQLException {
        return keys(ds).size();
    }

    private static List<String> keys(DataSource ds) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT throttle_key FROM login_throttle");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }
}
