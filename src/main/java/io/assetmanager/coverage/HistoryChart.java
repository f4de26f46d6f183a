package io.assetmanager.coverage;

import io.assetmanager.platform.Times;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Chart.js configuration (JSON) of the run history chart for {@code <p:chart>}: what each successful run
 * recorded of I, M, I ∩ M, the stale hosts among them and the DISCOVERED group on the left axis, and of S (addresses, often far larger) on the
 * right.
 * Runs that did not record a count leave a gap.
 */
public final class HistoryChart {

    private HistoryChart() {
    }

    public static String json(List<RunPoint> runs) {
        String labels = runs.stream().map(r -> quote(Times.format(r.endedAt()))).collect(Collectors.joining(","));
        return "{\"type\":\"line\",\"data\":{\"labels\":[" + labels + "],\"datasets\":["
                + dataset("Indexed (I)", "#2563eb", "y", runs, RunPoint::indexed) + ","
                + dataset("Scanned (M)", "#ca8a04", "y", runs, RunPoint::scanned) + ","
                + dataset("Indexed and scanned (I ∩ M)", "#047857", "y", runs, RunPoint::managed) + ","
                + dataset("Scanned, but not in N days (stale)", "#9333ea", "y", runs, RunPoint::stale) + ","
                + dataset("DISCOVERED group (D)", "#6b7280", "y", runs, RunPoint::discovered) + ","
                + dataset("Subscribed addresses (S, right axis)", "#dc2626", "y1", runs, RunPoint::subscribed)
                + "]},\"options\":{\"responsive\":true,\"maintainAspectRatio\":false,\"animation\":false,"
                + "\"scales\":{\"y\":{\"beginAtZero\":true,\"title\":{\"display\":true,\"text\":\"hosts\"}},"
                + "\"y1\":{\"position\":\"right\",\"beginAtZero\":true,\"grid\":{\"drawOnChartArea\":false},"
                + "\"title\":{\"display\":true,\"text\":\"addresses\"}}}}}";
    }

    private static String dataset(String label, String colour, String axis, List<RunPoint> runs,
            Function<RunPoint, Number> value) {
        String data = runs.stream().map(value).map(v -> v == null ? "null" : v.toString())
                .collect(Collectors.joining(","));
        return "{\"label\":" + quote(label) + ",\"borderColor\":\"" + colour + "\",\"backgroundColor\":\"" + colour
                + "\",\"yAxisID\":\"" + axis + "\",\"data\":[" + data + "]}";
    }

    /** Labels are our own fixed texts and formatted times, so quoting needs no escapes beyond these. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
