package io.assetmanager.notify;

import io.assetmanager.platform.Numbers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which notifications a finished sync run raises, and the flood rules: the first run judged sends one summary
 * instead of its events; afterwards an event is sent when it is new, when it changed (its fingerprint: the counts or
 * the error it is about), or when the repeat interval has passed since it was last sent. Plain Java: the clock's
 * reading comes in as {@code now}.
 */
public final class NotificationRules {

    /** What the rules compare with: the coverage, unmanaged and stale counts of the run judged before. */
    public record Baseline(Double coveragePercent, Long unmanagedByQualys, Long staleHosts) {
        public static final Baseline NONE = new Baseline(null, null, null);
    }

    /** When an event was last sent, and what it said then. */
    public record Sent(String fingerprint, Instant at) {
    }

    /**
     * The settings the rules read. {@code coverageBelowPercent} and {@code coverageDropPoints} are null when that
     * check is off; {@code baseUrl} has no trailing slash.
     */
    public record Settings(String baseUrl, Integer coverageBelowPercent, Integer coverageDropPoints,
            Duration repeatInterval) {
    }

    /** The notifications to send, and the memory and baseline to keep for the next run. */
    public record Decision(List<Notification> toSend, Map<NotificationEvent, Sent> memory, Baseline baseline) {
    }

    static final int MAX_FINGERPRINT = 1000;

    private NotificationRules() {
    }

    /**
     * @param first    true when no run was judged before (the summary goes out instead of single events)
     * @param memory   when each event was last sent
     */
    public static Decision judge(RunFacts run, boolean first, Baseline before, Map<NotificationEvent, Sent> memory,
            Settings settings, Instant now) {
        List<Candidate> raised = raised(run, before, settings);
        Map<NotificationEvent, Sent> kept = new EnumMap<>(NotificationEvent.class);
        kept.putAll(memory);
        List<Notification> toSend = new ArrayList<>();
        if (first) {
            toSend.add(summary(run, raised, settings, now));
            for (Candidate c : raised) {
                kept.put(c.event, new Sent(c.fingerprint, now));
            }
        } else {
            for (Candidate c : raised) {
                if (due(memory.get(c.event), c.fingerprint, now, settings.repeatInterval())) {
                    toSend.add(new Notification(c.event, c.message, c.counts, c.link, run.runId(), now));
                    kept.put(c.event, new Sent(c.fingerprint, now));
                }
            }
        }
        Double coverage = run.coveragePercent();
        Baseline after = new Baseline(coverage != null ? coverage : before.coveragePercent(),
                run.unmanagedByQualys() != null ? run.unmanagedByQualys() : before.unmanagedByQualys(),
                run.staleHosts() != null ? run.staleHosts() : before.staleHosts());
        return new Decision(toSend, kept, after);
    }

    /** An event raised again is sent when it changed or the interval has passed since it was last sent. */
    static boolean due(Sent last, String fingerprint, Instant now, Duration repeatInterval) {
        return last == null || !last.fingerprint().equals(fingerprint)
                || !now.isBefore(last.at().plus(repeatInterval));
    }

    /** The fingerprint is kept short: it is stored, and only compared. */
    private record Candidate(NotificationEvent event, String message, Map<String, Long> counts, String link,
            String fingerprint) {
        Candidate {
            fingerprint = fingerprint.length() > MAX_FINGERPRINT ? fingerprint.substring(0, MAX_FINGERPRINT)
                    : fingerprint;
        }
    }

    private static List<Candidate> raised(RunFacts run, Baseline before, Settings settings) {
        List<Candidate> raised = new ArrayList<>();
        String runLink = settings.baseUrl() + "/sync-history.xhtml";
        String error = (run.errorCode() == null ? "" : "code " + run.errorCode() + ": ")
                + (run.errorText() == null ? "" : run.errorText());
        if (run.credentialsRejected()) {
            raised.add(new Candidate(NotificationEvent.CREDENTIALS_REJECTED, "Sync run " + run.runId()
                    + ": Qualys rejected the login; runs stop until the Qualys settings change. " + error,
                    runCounts(run), settings.baseUrl() + "/settings/qualys.xhtml", "rejected:" + error));
        } else if (run.failedOtherwise()) {
            raised.add(new Candidate(NotificationEvent.RUN_FAILED, "Sync run " + run.runId() + " failed: " + error,
                    runCounts(run), runLink, "failed:" + error));
        } else if (run.heldOrPaused()) {
            raised.add(new Candidate(NotificationEvent.RUN_HELD_OR_PAUSED, "Sync run " + run.runId() + " "
                    + run.outcome().name().toLowerCase(Locale.ROOT) + ": " + run.errorText(), runCounts(run), runLink,
                    run.outcome() + ":" + run.errorText()));
        }
        Double coverage = run.coveragePercent();
        if (coverage != null) {
            boolean below = settings.coverageBelowPercent() != null && coverage < settings.coverageBelowPercent();
            Double previous = before.coveragePercent();
            boolean dropped = settings.coverageDropPoints() != null && previous != null
                    && previous - coverage > settings.coverageDropPoints();
            if (below || dropped) {
                String message = "Coverage is " + percent(coverage) + " (" + Numbers.grouped(run.managed())
                        + " of " + Numbers.grouped(run.indexed()) + " indexed IPs scanned by Qualys)"
                        + (below ? ", below the threshold of " + settings.coverageBelowPercent() + " %" : "")
                        + (dropped ? (below ? ", and " : ", ") + "down from " + percent(previous)
                                + " at the run before" : "") + ".";
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put("indexed", run.indexed());
                counts.put("managed", run.managed());
                raised.add(new Candidate(NotificationEvent.COVERAGE_LOW, message, counts, settings.baseUrl() + "/",
                        String.format(Locale.ROOT, "%.1f", coverage)));
            }
        }
        grew(raised, NotificationEvent.UNMANAGED_GREW, run.unmanagedByQualys(), before.unmanagedByQualys(),
                "IPs unmanaged by Qualys (indexed, not in the subscription)",
                settings.baseUrl() + "/coverage.xhtml?set=unmanaged-by-qualys");
        grew(raised, NotificationEvent.STALE_GREW, run.staleHosts(), before.staleHosts(),
                "stale hosts (scanned, but not recently)", settings.baseUrl() + "/coverage.xhtml?set=stale");
        return raised;
    }

    /** What a run event counts: the run's own counts where it got that far, and the dashboard's unmanaged IPs. */
    private static Map<String, Long> runCounts(RunFacts run) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (run.indexed() != null) {
            counts.put("indexed", run.indexed());
        }
        if (run.managed() != null) {
            counts.put("managed", run.managed());
        }
        if (run.unmanagedByQualys() != null) {
            counts.put("unmanagedByQualys", run.unmanagedByQualys());
        }
        return counts;
    }

    private static void grew(List<Candidate> raised, NotificationEvent event, Long now, Long before, String what,
            String link) {
        if (now == null || before == null || now <= before) {
            return;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("new", now - before);
        counts.put("total", now);
        raised.add(new Candidate(event, Numbers.grouped(now - before) + " new " + what + ", "
                + Numbers.grouped(now) + " in all.", counts, link, String.valueOf(now)));
    }

    private static Notification summary(RunFacts run, List<Candidate> raised, Settings settings, Instant now) {
        StringBuilder message = new StringBuilder("Notifications are on. Sync run ").append(run.runId()).append(' ')
                .append(run.outcome().name().toLowerCase(Locale.ROOT)).append('.');
        Map<String, Long> counts = new LinkedHashMap<>();
        if (run.coveragePercent() != null) {
            message.append(" Coverage ").append(percent(run.coveragePercent())).append('.');
            counts.put("indexed", run.indexed());
            counts.put("managed", run.managed());
        }
        if (run.unmanagedByQualys() != null) {
            message.append(' ').append(Numbers.grouped(run.unmanagedByQualys())).append(" IPs unmanaged by Qualys.");
            counts.put("unmanagedByQualys", run.unmanagedByQualys());
        }
        if (run.staleHosts() != null) {
            message.append(' ').append(Numbers.grouped(run.staleHosts())).append(" stale hosts.");
            counts.put("staleHosts", run.staleHosts());
        }
        for (Candidate c : raised) {
            message.append(' ').append(c.message);
        }
        return new Notification(NotificationEvent.SUMMARY, message.toString(), counts, settings.baseUrl() + "/",
                run.runId(), now);
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }
}
