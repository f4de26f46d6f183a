package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a run records when something other than Qualys failed: the message of the real failure, not the container's. */
class SyncRunnerDescribeTest {

    @Test
    void aDatabaseFailureInsideAContainerWrapperIsDescribedByItsOwnMessage() {
        SQLException sql = new SQLException("Connection refused");
        IllegalStateException store = new IllegalStateException("Cannot store the Qualys host list: Connection refused",
                sql);
        EJBException wrapped = new EJBException(new EJBException(store));
        assertThat(SyncRunner.describe(wrapped)).isEqualTo("Cannot store the Qualys host list: Connection refused");
    }

    @Test
    void aCauseThatAddsToTheMessageIsQuoted() {
        IllegalStateException e = new IllegalStateException("Cannot update the sync lease",
                new SQLException("database \"assetmanager\" is not currently accepting connections"));
        assertThat(SyncRunner.describe(e)).isEqualTo(
                "Cannot update the sync lease (database \"assetmanager\" is not currently accepting connections)");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedByItsType() {
        assertThat(SyncRunner.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
