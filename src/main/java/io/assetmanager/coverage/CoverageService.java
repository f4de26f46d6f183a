package io.assetmanager.coverage;

import io.assetmanager.qualys.settings.QualysSettingsRepository;
import io.assetmanager.qualys.sync.SyncRunRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The application's one {@link CoverageRepository} on the container's datasource, with what the dashboard needs from the settings and the run history, read
 * through their repositories. Injected as this proxy, it is safe to hold in view-scoped beans.
 */
@ApplicationScoped
public class CoverageService {

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @Inject
    private QualysSettingsRepository settings;

    @Inject
    private SyncRunRepository runs;

    private CoverageRepository queries;

    @PostConstruct
    void create() {
        queries = new CoverageRepository(dataSource);
    }

    public CoverageRepository queries() {
        return queries;
    }

    /**
     * The settings the dashboard's pages and {@code /api/v1/coverage} show, from one read of the settings row: a
     * request reads them once.
     *
     * @param autoSubscribe the Auto-Subscribe setting, which decides the DISCOVERED set
     * @param staleJoinDiscovered whether stale hosts join the DISCOVERED group: the dashboard's DISCOVERED count
     *                            then says so
     * @param staleAfterDays N of the "Stale after N days" setting, which names the stale set
     * @param syncStoppedByCredentials whether the sync is stopped because Qualys rejected the stored credentials (a
     *                                 run's 401 or "Bad Login"), while the integration is On: no run starts until the
     *                                 credentials change
     */
    public record Settings(boolean autoSubscribe, boolean staleJoinDiscovered, int staleAfterDays,
            boolean syncStoppedByCredentials) implements Serializable {
    }

    public Settings settings() {
        var current = settings.current();
        return new Settings(current.getAutoSubscribe().subscribes(), current.isStaleJoinDiscovered(),
                current.getStaleAfterDays(), current.isEnabled() && current.isCredentialsRejected());
    }

    /** The Auto-Subscribe setting, which decides the DISCOVERED set. */
    public boolean autoSubscribe() {
        return settings().autoSubscribe();
    }

    public CoverageNumbers numbers() {
        return queries.numbers(autoSubscribe());
    }

    /**
     * The numbers of one zone, I being its hosts (null: every zone, from the maintained counts), with the
     * Auto-Subscribe setting of the request's {@link #settings()}.
     */
    public CoverageNumbers numbers(boolean autoSubscribe, String zone) {
        return queries.numbers(autoSubscribe, zone);
    }

    /** The successful runs' recorded set sizes, oldest first, at most {@code max} of the latest. */
    public List<RunPoint> history(int max) {
        List<RunPoint> points = new ArrayList<>();
        for (SyncRunRepository.RecordedCounts run : runs.succeededCountsNewestFirst(max)) {
            points.add(new RunPoint(run.endedAt(), run.indexed(), run.subscribed(), run.scanned(), run.discovered(),
                    run.managed(), run.stale(),
                    run.unmanagedByQualys()));
        }
        Collections.reverse(points);
        return points;
    }
}
