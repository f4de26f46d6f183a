package io.assetmanager.coverage;

import io.assetmanager.coverage.TestDatabase.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose tests run on H2 and on PostgreSQL ({@link BothDatabases}): {@code @MethodSource("databases")}
 * gives each test both kinds, {@link #db} the migrated database of a kind; both are closed after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnBothDatabases {

    private final BothDatabases both = new BothDatabases();

    @AfterAll
    void closeDatabases() throws Exception {
        both.close();
    }

    protected Stream<Kind> databases() {
        return BothDatabases.kinds();
    }

    /** The database of that kind; a test on PostgreSQL is skipped, with the reason, when it cannot be reached. */
    protected TestDatabase db(Kind kind) {
        return both.get(kind);
    }
}
