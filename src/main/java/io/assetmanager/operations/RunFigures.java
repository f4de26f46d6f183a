package io.assetmanager.operations;

import io.assetmanager.qualys.sync.SyncRunRepository;
import io.assetmanager.qualys.sync.SyncOutcome;
import io.assetmanager.qualys.sync.SyncRun;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
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
        return history.lastSuccessEnd();
    }

    public Totals totals() {
        Map<SyncOutcome, Long> runs = new EnumMap<>(SyncOutcome.class);
        long calls = 0;
        long waited = 0;
        for (SyncRunRepository.OutcomeTotals t : history.totalsByOutcome()) {
            runs.put(t.outcome(), t.runs());
            calls += t.qualysCalls();
            waited += t.qualysWaitSeconds();
        }
        return new Totals(runs, calls, waited);
    }
}
