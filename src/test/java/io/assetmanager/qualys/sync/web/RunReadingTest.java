package io.assetmanager.qualys.sync.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunReadingTest {

    @Test
    void stepTimingsReadAsSentences() {
        assertThat(RunReading.steps("Loading the inventory=10\nFetching the scanned hosts from Qualys=12345\n"))
                .containsExactly("Loading the inventory: 10 ms", "Fetching the scanned hosts from Qualys: 12,345 ms");
        assertThat(RunReading.steps(null)).isEmpty();
    }

    @Test
    void coverageCountsOnlyFreshScansAsTheDashboardDoes() {
        // The demo's run: 792 of 4,000 indexed hosts scanned, 238 of them longer ago than the freshness window.
        assertThat(RunReading.coverageText(RunReading.coverage(4000L, 792L, 238L), null)).isEqualTo("13.9 %");
        assertThat(RunReading.coverage(4000L, 792L, null)).as("a run from before freshness was counted")
                .isEqualTo(0.198);
        assertThat(RunReading.coverage(0L, 0L, 0L)).isNull();
        assertThat(RunReading.coverage(null, 5L, 0L)).isNull();
    }

    @Test
    void coverageShowsItsChangeSinceThePreviousRun() {
        assertThat(RunReading.coverageText(0.198, 0.186)).isEqualTo("19.8 % (+1.2 points)");
        assertThat(RunReading.coverageText(0.186, 0.198)).isEqualTo("18.6 % (-1.2 points)");
        assertThat(RunReading.coverageText(0.5, 0.5)).isEqualTo("50.0 % (no change)");
        assertThat(RunReading.coverageText(0.5, null)).isEqualTo("50.0 %");
        assertThat(RunReading.coverageText(null, 0.5)).isEmpty();
    }

    @Test
    void anErrorIsOneLineInTheTable() {
        assertThat(RunReading.errorLine("2003", "Registration must be completed\nmore detail"))
                .isEqualTo("Qualys error 2003: Registration must be completed");
        assertThat(RunReading.errorLine(null, "x".repeat(300))).hasSize(RunReading.ERROR_LINE_CHARS).endsWith("…");
        assertThat(RunReading.errorLine(null, null)).isEmpty();
    }
}
