package io.assetmanager.operations;

import jakarta.inject.Inject;
import io.assetmanager.qualys.sync.SyncRunRepository;
import io.assetmanager.qualys.sync.SyncOutcome;
import io.assetmanager.qualys.sync.SyncRun;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sync figures that health and metrics report, read from the run history: the same on every instance sharing
 * the database, whichever instance ran.
 */
@Stateless
public class RunFigures {

    @PersistenceContext
    private EntityManager em;
    @Inject
    private SyncRunRepository history;

    /** Runs per outcome, with the Qualys calls and seconds waited on limits summed over them. */
    public record Totals(Map<SyncOutcome, Long> runs, long qualysCalls, long qualysWaitSeconds) {
    }

    /** What the metrics show, read in one go. */
    public record Figures(Optional<SyncRun> lastFinished, Optional<OffsetDateTime> lastSuccessEnd, Totals totals) {
    }

    public Figures read() {
        return new Figures(history.lastFinished(), lastSuccessEnd(), totals());
    }

    public Optional<OffsetDateTime> lastSuccessEnd() {
        return Optional.ofNullable(em.createQuery("SELECT MAX(r.endedAt) FROM SyncRun r WHERE r.outcome = :ok",
                OffsetDateTime.class).setParameter("ok", SyncOutcome.SUCCEEDED).getSingleResult());
    }

    public Totals totals() {
        Map<SyncOutcome, Long> runs = new EnumMap<>(SyncOutcome.class);
        long calls = 0;
        long waited = 0;
        for (Object[] row : em.createQuery("SELECT r.outcome, COUNT(r), SUM(r.qualysCalls), SUM(r.qualysWaitSeconds) "
                + "FROM SyncRun r GROUP BY r.outcome", Object[].class).getResultList()) {
            runs.put((SyncOutcome) row[0], ((Number) row[1]).longValue());
            calls += row[2] == null ? 0 : ((Number) row[2]).longValue();
            waited += row[3] == null ? 0 : ((Number) row[3]).longValue();
        }
        return new Totals(runs, calls, waited);
    }
}
