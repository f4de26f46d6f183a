package io.assetmanager.qualys.sync;

import io.assetmanager.platform.DeploymentProperties;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.settings.QualysSettingsSaved;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts sync runs: an EJB timer ticks on every instance, reads the settings from the database and starts a run when
 * the integration is On and a run is due; admins start one with "Run now". Switching On on one instance therefore
 * reaches every instance at its next tick. Every instance sharing the database ticks, and the database decides: a run
 * is due ({@link SyncSchedule}) when none started within the polling interval (or since the integration was switched
 * On), and the lease in {@link SyncLeaseRepository} lets only one go at a time ({@link SyncEngine}). So one run
 * happens per interval across instances, and when the instance that ran stops, another takes over at its next tick.
 * This bean holds the timer, the background executor and the start-up clean-up; the decisions are in those classes.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncScheduler {

    private static final Logger LOG = Logger.getLogger(SyncScheduler.class.getName());
    private static final String TIMER_INFO = "qualys-sync";
    /** How long giving the lease back at shutdown may wait for the lease row (a run's write holding it). */
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 5;

    @Resource
    private TimerService timers;
    @Resource
    private ManagedExecutorService executor;
    @Inject
    private SyncRunner runner;
    @Inject
    private SyncLeaseRepository lease;
    @Inject
    private SyncRunRepository history;
    @Inject
    private QualysSettingsRepository settingsRepository;
    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;
    private final AtomicBoolean givenBack = new AtomicBoolean();
    private Thread shutdownHook;

    /** What the settings page and the history page show about runs. */
    public record Status(boolean enabled, boolean credentialsRejected, Optional<SyncRun> running,
            Optional<SyncRun> lastFinished, Optional<OffsetDateTime> nextRun) {
    }

    @PostConstruct
    void startUp() {
        String me = DeploymentProperties.instanceName();
        if (lease.releaseHeldByInstance(me) > 0) {
            LOG.warning(() -> "The sync lease instance " + me + " held before this start is free again");
        }
        int interrupted = history.markInterrupted();
        if (interrupted > 0) {
            LOG.warning(() -> interrupted + " sync run(s) cut off by a crash or shutdown are now marked interrupted");
        }
        reschedule();
        // Payara Micro stopped by SIGTERM (an operator, systemd, Kubernetes) runs the JVM's shutdown hooks, and with
        // @PreDestroy alone the lease was still held once the process had exited (SyncClusterIT): it was left to
        // expire. A hook of our own gives it back while the server stops.
        shutdownHook = new Thread(this::giveLeaseBack, "assetmanager-sync-lease-release");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The application is undeployed or the server stops in order: the timer ends and the lease is given back (unless
     * the JVM's shutdown hook did it already).
     */
    @PreDestroy
    void shutDown() {
        try {
            for (Timer t : timers.getTimers()) {
                t.cancel();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The sync timer could not be cancelled at shutdown", e);
        }
        giveLeaseBack();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already: the hook then finds the lease given back and does nothing.
        }
    }

    /**
     * A run of this instance cannot go on once the server stops: its lease is given back at once, so that another
     * instance can run without waiting for the lease to expire, and the run is marked interrupted. Plain JDBC on the
     * datasource, with no container transaction or other bean, as the server is stopping around it. If the run's own
     * thread still gets to write before the process ends, the lease token refuses it. Done once.
     */
    private void giveLeaseBack() {
        if (!givenBack.compareAndSet(false, true)) {
            return;
        }
        String me = DeploymentProperties.instanceName();
        try {
            OptionalLong ended = new SyncLeaseRepository(dataSource).giveBackAtShutdown(SyncEngine.holderPrefix(me),
                    me, SHUTDOWN_TIMEOUT_SECONDS);
            ended.ifPresent(id -> LOG.warning(() -> "Sync run " + id + " cut off by the shutdown of instance " + me
                    + " is marked interrupted; the sync lease is free"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not give the sync lease back at shutdown; it expires after "
                    + DeploymentProperties.syncLeaseTtl().toSeconds() + " s", e);
        }
    }

    /**
     * (Re)creates the timer, whose first tick comes within 5 s: after a save on this instance, a run that became due
     * (switched On) starts at once rather than at the next regular tick.
     */
    public synchronized void reschedule() {
        for (Timer t : timers.getTimers()) {
            if (TIMER_INFO.equals(t.getInfo())) {
                t.cancel();
            }
        }
        long tick = DeploymentProperties.syncTick().toMillis();
        timers.createIntervalTimer(Math.min(tick, 5_000L), tick, new TimerConfig(TIMER_INFO, false));
    }

    /** A save on this instance takes effect at once, not at the next regular tick. */
    public void settingsSaved(@Observes QualysSettingsSaved saved) {
        reschedule();
    }

    @Timeout
    void tick(Timer timer) {
        if (givenBack.get()) {
            // This process is stopping: it neither starts runs nor judges others' (a tick can still come while the
            // server stops around the shutdown hook).
            return;
        }
        // Nothing may escape: the container would retry the timeout blindly.
        try {
            history.markInterrupted();
            SyncSchedule schedule = runner.schedule();
            if (schedule.isDue(settingsRepository.current())) {
                // Judged again with the lease held: another instance may have run this interval's run in between.
                runner.startIf(SyncTrigger.TIMER, null, () -> schedule.isDue(settingsRepository.current()))
                        .ifPresent(runner::execute);
            }
        } catch (SyncRefusedException e) {
            LOG.fine(e::getMessage);
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "The sync timer could not start a run", e);
        }
    }

    /**
     * Starts a run in the background for an admin and returns its id at once.
     *
     * @throws SyncRefusedException while the integration is Off, or saying who runs since when when a run is going
     *         on anywhere
     */
    public long runNow(String user) throws SyncRefusedException {
        SyncEngine.Started started = runner.startManual(user);
        try {
            executor.execute(() -> runner.execute(started));
        } catch (RuntimeException e) {
            runner.abandon(started, "The server could not start the run in the background: " + e.getMessage());
            throw new SyncRefusedException("The server could not start the run in the background; try again in a"
                    + " moment.");
        }
        return started.runId();
    }

    /**
     * Records that {@code user} accepts the newest held result, then starts a run at once, which applies Qualys's
     * answer when it is the same as the held one (or larger): the held run's sizes are its baseline.
     *
     * @return the id of the run started
     * @throws SyncRefusedException when no held result awaits acceptance, or (the acceptance recorded) when no run can
     *         start now; the next run then applies the accepted answer all the same
     */
    public long acceptHeld(String user) throws SyncRefusedException {
        SyncRun held = history.acceptHeld(user).orElseThrow(() -> new SyncRefusedException("No held run awaits"
                + " acceptance: the newest run that held or applied a Qualys answer applied it."));
        LOG.info(() -> "Sync run " + held.getId() + ": " + user + " accepts its held result (" + held.getHeldScanned()
                + " scanned addresses, " + held.getHeldSubscribed() + " subscribed IPs)");
        try {
            return runNow(user);
        } catch (SyncRefusedException e) {
            throw new SyncRefusedException("Accepted the result of run " + held.getId() + ", but no run could start"
                    + " now (" + e.getMessage() + "); the next run applies it.");
        }
    }

    public Status status() {
        QualysSettings settings = settingsRepository.current();
        Optional<SyncRun> running = lease.current().map(SyncLeaseRepository.Holder::runId).flatMap(history::find)
                .filter(r -> r.getOutcome() == SyncOutcome.RUNNING);
        return new Status(settings.isEnabled(), settings.isCredentialsRejected(), running, history.lastFinished(),
                runner.schedule().nextRun(settings));
    }
}
