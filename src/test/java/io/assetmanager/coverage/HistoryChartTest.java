package io.assetmanager.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HistoryChartTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    private static RunPoint run(OffsetDateTime end, Long indexed, Long managed, Long unmanaged) {
        return new RunPoint(end, indexed, BigInteger.TEN, 1L, BigInteger.ONE, managed, null, unmanaged);
    }

    @Test
    void runsArePlacedByTimeAndBothAxesStartAtZero() {
        // Two runs a day apart, then one ten days later: the gaps between the points are in that proportion.
        String svg = HistoryChart.svg(List.of(run(T0, 4000L, 792L, 1200L), run(T0.plusDays(1), 4000L, 800L, 1190L),
                run(T0.plusDays(11), 4000L, 2000L, 5000L)));
        List<Double> xs = circles(svg, "coverage");
        assertThat(xs).hasSize(3);
        assertThat((xs.get(2) - xs.get(1)) / (xs.get(1) - xs.get(0))).isCloseTo(10.0,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(svg).contains(">0 %<", ">100 %<", ">0<", ">8,000<")
                .contains("2026-11-01 08:00 UTC: coverage 19.8 %", "2026-11-12 08:00 UTC: 5,000 IPs unmanaged by Qualys")
                .contains("role=\"img\"", "Coverage from 19.8 % to 50.0 %.", "IPs unmanaged by Qualys from 1,200 to 5,000.");
    }

    @Test
    void aRunWithoutAValueLeavesAGap() {
        String svg = HistoryChart.svg(List.of(run(T0, 10L, 5L, null), run(T0.plusDays(1), 10L, null, 3L),
                run(T0.plusDays(2), 10L, 6L, 4L)));
        assertThat(circles(svg, "coverage")).hasSize(2);
        assertThat(svg.split("<polyline", -1)).as("only the unmanaged line has two neighbouring points").hasSize(2);
    }

    @Test
    void theRightAxisEndsAtARoundNumber() {
        assertThat(HistoryChart.niceCeiling(0)).isEqualTo(4);
        assertThat(HistoryChart.niceCeiling(5)).isEqualTo(8);
        assertThat(HistoryChart.niceCeiling(1200)).isEqualTo(2000);
        assertThat(HistoryChart.niceCeiling(19_496)).isEqualTo(20_000);
        assertThat(HistoryChart.niceCeiling(20_001)).isEqualTo(40_000);
    }

    private static List<Double> circles(String svg, String series) {
        String group = svg.substring(svg.indexOf("<g class=\"am-series-" + series + "\">"));
        group = group.substring(0, group.indexOf("</g>"));
        Matcher m = Pattern.compile("<circle cx=\"([0-9.]+)\"").matcher(group);
        List<Double> xs = new java.util.ArrayList<>();
        while (m.find()) {
            xs.add(Double.parseDouble(m.group(1)));
        }
        return xs;
    }
}
