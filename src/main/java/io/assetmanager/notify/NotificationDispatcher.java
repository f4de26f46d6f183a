package io.assetmanager.notify;

import io.assetmanager.platform.DeploymentProperties;
import io.assetmanager.qualys.settings.SecretCipher;
import io.assetmanager.qualys.sync.SyncRunFinished;
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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends notifications in the background, never on a sync run's thread: at the end of a run (the run's own thread
 * only hands the work to the managed executor) and on a timer every {@code assetmanager.notify.tickSeconds} (30 s),
 * it judges the newest finished run ({@link RunJudge}) and sends what the outbox holds that is due, each message
 * claimed first so that several instances never send one twice. A failing channel's message is retried with
 * {@link Backoff}; every error is recorded on the message and shown on the page.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class.getName());
    private static final String TIMER_INFO = "notifications";
    private static final int BATCH = 50;

    @Resource
    private TimerService timers;
    @Resource
    private ManagedExecutorService executor;
    @Inject
    private RunJudge judge;
    @Inject
    private OutboxRepository outbox;
    @Inject
    private NotificationRepository settings;
    @Inject
    private SecretCipher cipher;

    private final AtomicBoolean working = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void startUp() {
        long tick = NotifyProperties.tick().toMillis();
        timers.createIntervalTimer(Math.min(tick, 10_000L), tick, new TimerConfig(TIMER_INFO, false));
    }

    @PreDestroy
    void shutDown() {
        for (Timer t : timers.getTimers()) {
            t.cancel();
        }
    }

    @Timeout
    void tick(Timer timer) {
        work();
    }

    /** At the end of a run: hands the work to a background thread and returns at once; never throws. */
    public void runFinished(@Observes SyncRunFinished finished) {
        try {
            executor.execute(this::work);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notifications for sync run " + finished.runId() + " wait for the next tick", e);
        }
    }

    /** One pass: judge, then send what is due. One pass at a time on this instance; nothing escapes. */
    void work() {
        if (!working.compareAndSet(false, true)) {
            return;
        }
        try {
            try {
                judge.judgeNewest(clock.instant());
            } catch (RuntimeException e) {
                // Another instance judged the same run first (its commit won), or the database is away: next tick.
                LOG.log(Level.FINE, "No run judged this time", e);
            }
            send();
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "The notification pass failed; the next tick tries again", e);
        } finally {
            working.set(false);
        }
    }

    private void send() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Long> due = outbox.due(now, BATCH);
        if (due.isEmpty()) {
            return;
        }
        NotificationSettings current = settings.current();
        String me = DeploymentProperties.instanceName();
        for (Long id : due) {
            Optional<OutboxMessage> claimed = outbox.claim(id, me, OffsetDateTime.now(clock));
            if (claimed.isEmpty()) {
                continue;
            }
            OutboxMessage m = claimed.get();
            Optional<Channel> channel;
            try {
                channel = NotificationChannels.configured(current, m.getChannel(), cipher, me, clock);
            } catch (RuntimeException e) {
                outbox.failed(id, "The channel's settings cannot be used: " + e.getMessage(), OffsetDateTime.now(clock));
                continue;
            }
            if (channel.isEmpty()) {
                outbox.dropped(id, "Not sent: the channel was switched off", OffsetDateTime.now(clock));
                continue;
            }
            try {
                channel.get().send(m.notification());
                outbox.delivered(id, OffsetDateTime.now(clock));
            } catch (ChannelException e) {
                LOG.warning(() -> "Notification " + id + " (" + m.getEvent() + ") to " + m.getChannel().label()
                        + " failed (attempt " + (m.getAttempts() + 1) + "): " + e.getMessage());
                outbox.failed(id, e.getMessage(), OffsetDateTime.now(clock));
            }
        }
        outbox.purge(now);
    }
}
