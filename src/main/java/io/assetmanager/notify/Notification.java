package io.assetmanager.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message to the channels: the event, a line for people, the counts behind it (in order), the page it is about,
 * the sync run it comes from (null for a test) and when it was raised.
 */
public record Notification(NotificationEvent event, String message, Map<String, Long> counts, String link,
        Long runId, Instant raisedAt) {

    public Notification {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public String title() {
        return event.title();
    }

    /** The counts as {@code name=value} lines, as the outbox stores them. */
    public String countsText() {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    public static Map<String, Long> parseCounts(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    counts.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
                }
            }
        }
        return counts;
    }
}
