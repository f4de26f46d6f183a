package io.assetmanager.coverage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.assetmanager.coverage.TestDatabase.Kind;
import java.sql.SQLException;
import java.util.stream.Stream;

/**
 * H2 and, when it can be reached, PostgreSQL, each freshly migrated: for query tests that run on both. A test on
 * PostgreSQL is skipped, with the reason, when it cannot be reached.
 */
public final class BothDatabases implements AutoCloseable {

    private final TestDatabase h2 = TestDatabase.h2();
    private final String postgresqlProblem = TestDatabase.postgresqlProblem();
    private final TestDatabase postgresql = postgresqlProblem == null ? TestDatabase.postgresql() : null;

    /** Both kinds, for a {@code @MethodSource}. */
    public static Stream<Kind> kinds() {
        return Stream.of(Kind.H2, Kind.POSTGRESQL);
    }

    public TestDatabase get(Kind kind) {
        if (kind == Kind.POSTGRESQL) {
            assumeTrue(postgresql != null, postgresqlProblem);
            return postgresql;
        }
        return h2;
    }

    @Override
    public void close() throws SQLException {
        h2.close();
        if (postgresql != null) {
            postgresql.close();
        }
    }
}
