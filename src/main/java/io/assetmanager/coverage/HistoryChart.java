package io.assetmanager.coverage;

import io.assetmanager.platform.Numbers;
import io.assetmanager.platform.Times;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The dashboard's run history as an SVG drawn on the server (no script): each successful run placed at its end
 * time on a time axis, the coverage (indexed IPs scanned in the last N days, |I ∩ F| / |I|, 0 to 100 % on the left
 * axis), the IPs unmanaged by Qualys (|I − S|) and the stale hosts (scanned, but not in N days) from 0 on the right
 * axis as lines, every point with a tooltip, and a text alternative saying what the
 * lines show. Both axes start at zero, so a change is drawn in proportion. Runs that did not record a value leave a
 * gap in its line.
 */
public final class HistoryChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 72;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    static final String COVERAGE_COLOUR = "#047857";
    static final String UNMANAGED_COLOUR = "#b91c1c";
    static final String STALE_COLOUR = "#7e22ce";

    private HistoryChart() {
    }

    /** The chart for the runs, oldest first. */
    public static String svg(List<RunPoint> runs) {
        long max = runs.stream().flatMap(r -> java.util.stream.Stream.of(r.unmanagedByQualys(), r.stale()))
                .filter(v -> v != null).mapToLong(Long::longValue).max().orElse(0);
        long top = niceCeiling(max);
        long first = runs.isEmpty() ? 0 : runs.get(0).endedAt().toEpochSecond();
        long last = runs.isEmpty() ? 0 : runs.get(runs.size() - 1).endedAt().toEpochSecond();
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        Function<OffsetDateTime, Double> x = t -> last == first ? LEFT + plotWidth / 2.0
                : LEFT + plotWidth * (t.toEpochSecond() - first) / (double) (last - first);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"am-history-chart\" id=\"historyChart\"")
                .append(" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\"")
                .append(" aria-labelledby=\"historyChartTitle historyChartDesc\">")
                .append("<title id=\"historyChartTitle\">Coverage and IPs unmanaged by Qualys per run</title>")
                .append("<desc id=\"historyChartDesc\">").append(escape(summary(runs))).append("</desc>");
        // Grid and axes: coverage 0-100 % on the left, unmanaged IPs 0-top on the right, same five lines.
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight * (4 - i) / 4.0;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#dde1e6"));
            svg.append(text(LEFT - 6, y + 4, "end", "#334e68", (i * 25) + " %"));
            svg.append(text(WIDTH - RIGHT + 6, y + 4, "start", "#334e68", Numbers.grouped(top * i / 4)));
        }
        // Time axis: the first and the last run's end, and the middle when they differ.
        double base = TOP + plotHeight;
        svg.append(line(LEFT, base, WIDTH - RIGHT, base, "#52606d"));
        if (!runs.isEmpty()) {
            svg.append(text(x.apply(runs.get(0).endedAt()), base + 18, last == first ? "middle" : "start", "#334e68",
                    Times.format(runs.get(0).endedAt())));
            if (last != first) {
                svg.append(text(WIDTH - RIGHT, base + 18, "end", "#334e68",
                        Times.format(runs.get(runs.size() - 1).endedAt())));
            }
            for (RunPoint run : runs) {
                double rx = x.apply(run.endedAt());
                svg.append(line(rx, base, rx, base + 4, "#52606d"));
            }
        }
        svg.append(series(runs, x, RunPoint::coveragePercent, 100, "coverage", COVERAGE_COLOUR, false));
        svg.append(series(runs, x, r -> r.unmanagedByQualys() == null ? null : r.unmanagedByQualys().doubleValue(),
                top, "unmanaged", UNMANAGED_COLOUR, true));
        svg.append(series(runs, x, r -> r.stale() == null ? null : r.stale().doubleValue(), top, "stale", STALE_COLOUR,
                true));
        return svg.append("</svg>").toString();
    }

    /** The text alternative: what the lines show from the first run to the last. */
    static String summary(List<RunPoint> runs) {
        if (runs.isEmpty()) {
            return "No successful run yet.";
        }
        StringBuilder s = new StringBuilder(Numbers.grouped(runs.size())).append(runs.size() == 1 ? " run" : " runs")
                .append(" from ").append(Times.format(runs.get(0).endedAt())).append(" to ")
                .append(Times.format(runs.get(runs.size() - 1).endedAt())).append('.');
        List<Double> coverage = runs.stream().map(RunPoint::coveragePercent).filter(v -> v != null).toList();
        if (!coverage.isEmpty()) {
            s.append(" Coverage from ").append(percent(coverage.get(0))).append(" to ")
                    .append(percent(coverage.get(coverage.size() - 1))).append('.');
        }
        List<Long> unmanaged = runs.stream().map(RunPoint::unmanagedByQualys).filter(v -> v != null).toList();
        if (!unmanaged.isEmpty()) {
            s.append(" IPs unmanaged by Qualys from ").append(Numbers.grouped(unmanaged.get(0))).append(" to ")
                    .append(Numbers.grouped(unmanaged.get(unmanaged.size() - 1))).append('.');
        }
        return s.toString();
    }

    /** The smallest of 1, 2 or 5 times a power of ten, four times an integer, at or above {@code max} (at least 4). */
    static long niceCeiling(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step * 4 >= max) {
                    return m * step * 4;
                }
            }
            step *= 10;
        }
    }

    private static String series(List<RunPoint> runs, Function<OffsetDateTime, Double> x,
            Function<RunPoint, Double> value, double top, String name, String colour, boolean dashed) {
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder out = new StringBuilder("<g class=\"am-series-" + name + "\">");
        List<String> segment = new ArrayList<>();
        for (RunPoint run : runs) {
            Double v = value.apply(run);
            if (v == null) {
                out.append(polyline(segment, colour, dashed));
                segment.clear();
                continue;
            }
            double px = x.apply(run.endedAt());
            double py = TOP + plotHeight * (1 - v / top);
            segment.add(format(px) + "," + format(py));
            out.append("<circle cx=\"").append(format(px)).append("\" cy=\"").append(format(py))
                    .append("\" r=\"3.5\" fill=\"").append(colour).append("\"><title>")
                    .append(escape(Times.format(run.endedAt()) + ": " + ("coverage".equals(name) ? "coverage "
                            + percent(v) : Numbers.grouped(v.longValue()) + ("stale".equals(name)
                            ? " hosts scanned, but not recently" : " IPs unmanaged by Qualys"))))
                    .append("</title></circle>");
        }
        out.append(polyline(segment, colour, dashed));
        return out.append("</g>").toString();
    }

    private static String polyline(List<String> points, String colour, boolean dashed) {
        if (points.size() < 2) {
            return "";
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\""
                + (dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"" + String.join(" ", points) + "\"/>";
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + format(x1) + "\" y1=\"" + format(y1) + "\" x2=\"" + format(x2) + "\" y2=\""
                + format(y2) + "\" stroke=\"" + colour + "\"/>";
    }

    private static String text(double x, double y, String anchor, String colour, String content) {
        if (content.isEmpty()) {
            return "";
        }
        return "<text x=\"" + format(x) + "\" y=\"" + format(y) + "\" text-anchor=\"" + anchor + "\" fill=\""
                + colour + "\" font-size=\"12\">" + escape(content) + "</text>";
    }

    private static String percent(double value) {
        return String.format(Locale.ENGLISH, "%.1f %%", value);
    }

    private static String format(double v) {
        return String.format(Locale.ENGLISH, "%.1f", v);
    }

    /** Our own texts and formatted times and numbers only; escaped all the same. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
