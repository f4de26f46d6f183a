package io.assetmanager.operations;

import io.assetmanager.qualys.sync.SyncOutcome;
import io.assetmanager.qualys.sync.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code /metrics}: the last finished sync run (duration, the set sizes |I| |S| |M| |A| |D|, Qualys calls, seconds
 * waited on limits) and totals over the run history, as gauges read from the database. So every instance sharing
 * the database reports the same figures, whichever ran; aggregate across instances with max, not sum. A scrape
 * reads the history at most once per {@link #MAX_AGE}, however many gauges it reads.
 */
@ApplicationScoped
public class SyncMetrics {

    private static final Logger LOG = Logger.getLogger(SyncMetrics.class.getName());
    private static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final String PREFIX = "assetmanager_sync_";

    /** Unresolvable on servers without MicroProfile Metrics (WildFly 33): then nothing is registered. */
    @Inject
    private Instance<MetricRegistry> registries;
    private MetricRegistry registry;
    @Inject
    private RunFigures runFigures;

    /** The figures last read (null when the read failed) and when: an outage costs one failed read per interval too. */
    private record Reading(RunFigures.Figures figures, long at) {
    }

    private volatile Reading last;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!registries.isResolvable()) {
            LOG.info("No MicroProfile Metrics on this server: the sync metrics are not published");
            return;
        }
        registry = registries.get();
        lastRun("duration", MetricUnits.SECONDS, "Wall time of the last finished run",
                r -> r.getEndedAt() == null ? null : Duration.between(r.getStartedAt(), r.getEndedAt()).toMillis() / 1000.0);
        lastRun("succeeded", MetricUnits.NONE, "1 when the last finished run succeeded, 0 when it failed or was cut off",
                r -> r.getOutcome() == SyncOutcome.SUCCEEDED ? 1 : 0);
        lastRun("held", MetricUnits.NONE, "1 when the last finished run held Qualys's answer (empty or shrunk past the"
                + " threshold: nothing applied until an admin accepts it or the next run confirms it), else 0",
                r -> r.getOutcome() == SyncOutcome.HELD ? 1 : 0);
        lastRun("indexed", MetricUnits.NONE, "|I|: indexed hosts the last run compared", SyncRun::getCountIndexed);
        lastRun("subscribed", MetricUnits.NONE, "|S|: IPs in the Qualys subscription at the last run",
                SyncRun::getCountSubscribed);
        lastRun("scanned", MetricUnits.NONE, "|M|: hosts Qualys has scanned, at the last run", SyncRun::getCountScanned);
        lastRun("added", MetricUnits.NONE, "|A|: IPs the last run added to the subscription", SyncRun::getCountAdded);
        lastRun("discovered", MetricUnits.NONE, "|D|: IPs the last run set the DISCOVERED asset group to",
                SyncRun::getCountDiscovered);
        lastRun("qualys_calls", MetricUnits.NONE, "Qualys API calls of the last run", SyncRun::getQualysCalls);
        lastRun("qualys_wait", MetricUnits.SECONDS, "Seconds the last run waited on Qualys limits (409) and back-off",
                SyncRun::getQualysWaitSeconds);
        lastRun("end_timestamp", MetricUnits.SECONDS, "When the last run finished (Unix time)",
                r -> r.getEndedAt() == null ? null : r.getEndedAt().toEpochSecond());
        gauge("last_success_timestamp", MetricUnits.SECONDS, "When the last successful run finished (Unix time)",
                f -> f.lastSuccessEnd().map(OffsetDateTime::toEpochSecond).orElse(null));
        for (SyncOutcome outcome : new SyncOutcome[] {SyncOutcome.SUCCEEDED, SyncOutcome.FAILED, SyncOutcome.INTERRUPTED,
                SyncOutcome.PAUSED, SyncOutcome.HELD}) {
            gauge("runs", MetricUnits.NONE, "Runs in the history, by outcome",
                    f -> f.totals().runs().getOrDefault(outcome, 0L), new Tag("outcome", outcome.name().toLowerCase()));
        }
        gauge("qualys_calls_all_runs", MetricUnits.NONE, "Qualys API calls of all runs in the history",
                f -> f.totals().qualysCalls());
        gauge("qualys_wait_all_runs", MetricUnits.SECONDS, "Seconds all runs in the history waited on Qualys limits",
                f -> f.totals().qualysWaitSeconds());
    }

    private void lastRun(String name, String unit, String description, Function<SyncRun, Number> value) {
        gauge("last_run_" + name, unit, description, f -> f.lastFinished().map(value).orElse(null));
    }

    /** A gauge that is NaN while there is no such figure (no run yet, or the database cannot be read). */
    private void gauge(String name, String unit, String description, Function<RunFigures.Figures, Number> value,
            Tag... tags) {
        Metadata metadata = Metadata.builder().withName(PREFIX + name).withDescription(description).withUnit(unit)
                .build();
        registry.gauge(metadata, () -> {
            RunFigures.Figures figures = figures();
            Number n = figures == null ? null : value.apply(figures);
            return n == null ? Double.NaN : toDouble(n);
        }, tags);
    }

    private static double toDouble(Number n) {
        return n instanceof BigInteger b ? b.doubleValue() : n.doubleValue();
    }

    private RunFigures.Figures figures() {
        long now = System.nanoTime();
        Reading r = last;
        if (r == null || now - r.at() > MAX_AGE.toNanos()) {
            RunFigures.Figures f = null;
            try {
                f = runFigures.read();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Sync metrics: the run history cannot be read", e);
            }
            r = new Reading(f, now);
            last = r;
        }
        return r.figures();
    }
}
