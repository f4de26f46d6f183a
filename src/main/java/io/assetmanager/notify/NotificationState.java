package io.assetmanager.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The last sync run judged and the counts the rules compare the next one with (one row). Its version makes judging
 * a run a compare-and-set: of two instances judging the same run, the second's commit fails and sends nothing.
 */
@Entity
@Table(name = "notification_state")
public class NotificationState {

    static final int SINGLETON_ID = 1;

    @Id
    private Integer id;
    @Column(name = "last_run_id")
    private Long lastRunId;
    @Column(name = "coverage_percent")
    private Double coveragePercent;
    @Column(name = "unmanaged_count")
    private Long unmanagedCount;
    @Column(name = "stale_count")
    private Long staleCount;
    @Version
    private long version;

    protected NotificationState() {
    }

    Long getLastRunId() {
        return lastRunId;
    }

    NotificationRules.Baseline baseline() {
        return new NotificationRules.Baseline(coveragePercent, unmanagedCount, staleCount);
    }

    void judged(long runId, NotificationRules.Baseline after) {
        lastRunId = runId;
        coveragePercent = after.coveragePercent();
        unmanagedCount = after.unmanagedByQualys();
        staleCount = after.staleHosts();
    }
}
