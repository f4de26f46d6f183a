package io.assetmanager.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemorySamplerTest {

    @Test
    void heapAfterCollectionIsTheLargestAfterValueOfYoungMixedAndFullPauses() {
        String log = """
                [225.611s][info][gc] GC(6163) Pause Cleanup 294M->294M(512M) 0.086ms
                [226.007s][info][gc] GC(6164) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 372M->272M(512M) 5.754ms
                [226.892s][info][gc] GC(6167) Pause Remark 459M->433M(512M) 24.828ms
                [229.546s][info][gc] GC(6187) Pause Full (G1 Compaction Pause) 484M->281M(512M) 337.844ms
                [229.600s][info][gc] GC(6188) Pause Young (Normal) (G1 Evacuation Pause) 1G->1G(2G) 3.1ms
                """;
        assertThat(MemorySampler.afterGcPeak(log)).isEqualTo(1L << 20);
        assertThat(MemorySampler.afterGcPeak(log.lines().limit(4).reduce("", (a, b) -> a + b + "\n")))
                .isEqualTo(281L << 10);
        assertThat(MemorySampler.afterGcPeak("[1.0s][info][gc] Using G1\n")).isEqualTo(-1);
    }
}
