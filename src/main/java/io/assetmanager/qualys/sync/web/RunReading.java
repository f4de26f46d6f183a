package io.assetmanager.qualys.sync.web;

import io.assetmanager.platform.Numbers;
import io.assetmanager.qualys.sync.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the Sync history page words a run: coverage and its change, step timings, a one-line error. */
final class RunReading {

    /** Longest error shown in the table's cell; the details hold the full text. */
    static final int ERROR_LINE_CHARS = 200;

    private RunReading() {
    }

    /**
     * The share of indexed hosts the run found scanned within the freshness window (|I ∩ F| / |I|, as the dashboard
     * and its chart count coverage), null when the run did not count them.
     */
    static Double coverage(RunSummary run) {
        return coverage(run.countIndexed(), run.countManaged(), run.countStale());
    }

    /** Indexed and scanned less those scanned too long ago (stale; unknown for runs before freshness: none). */
    static Double coverage(Long indexed, Long managed, Long stale) {
        if (managed == null || indexed == null || indexed == 0) {
            return null;
        }
        return (managed - (stale == null ? 0 : stale)) / (double) indexed;
    }

    static String coverageText(Double coverage, Double previous) {
        if (coverage == null) {
            return "";
        }
        String text = String.format(Locale.ENGLISH, "%.1f %%", coverage * 100);
        if (previous == null) {
            return text;
        }
        double points = Math.round((coverage - previous) * 1000) / 10.0;
        return text + (points == 0 ? " (no change)"
                : String.format(Locale.ENGLISH, " (%+.1f points)", points));
    }

    /** Stored as "step=millis" lines (RunReport); shown as "step: 1,234 ms". */
    static List<String> steps(String timings) {
        List<String> lines = new ArrayList<>();
        if (timings == null) {
            return lines;
        }
        for (String line : timings.split("\n")) {
            int eq = line.lastIndexOf('=');
            if (line.isBlank()) {
                continue;
            }
            if (eq < 0) {
                lines.add(line);
                continue;
            }
            String ms = line.substring(eq + 1).strip();
            try {
                ms = Numbers.grouped(Long.parseLong(ms));
            } catch (NumberFormatException e) {
                // shown as stored
            }
            lines.add(line.substring(0, eq).strip() + ": " + ms + " ms");
        }
        return lines;
    }

    static String errorLine(String code, String text) {
        if (text == null || text.isBlank()) {
            return code == null ? "" : "Qualys error " + code;
        }
        String first = text.strip().lines().findFirst().orElse("");
        if (first.length() > ERROR_LINE_CHARS) {
            first = first.substring(0, ERROR_LINE_CHARS - 1).stripTrailing() + "…";
        }
        return code == null ? first : "Qualys error " + code + ": " + first;
    }
}
