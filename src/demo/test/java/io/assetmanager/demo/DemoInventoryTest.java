package io.assetmanager.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.inventory.UploadBatch;
import io.assetmanager.inventory.UploadProblems;
import io.assetmanager.inventory.UploadFormat;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoInventoryTest {

    @Test
    void theLargestInventoryParsesWithDistinctHostsAndOverlapsTheSimulatorPartly() throws Exception {
        String csv = DemoInventory.csv(DemoInventory.MAX_HOSTS);
        List<String> ips = csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
        assertThat(ips).hasSize(DemoInventory.MAX_HOSTS).doesNotHaveDuplicates();
        // The application's own CSV parser takes it, as the demo start-up does.
        UploadBatch batch = new UploadBatch(DemoInventory.MAX_HOSTS);
        UploadProblems problems = new UploadProblems();
        UploadFormat.CSV.parser().parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), batch, problems);
        assertThat(problems.listed()).isEmpty();
        batch.sortAndDeduplicate();
        assertThat(batch.distinctHosts()).isEqualTo(DemoInventory.MAX_HOSTS);

        try (QualysSimulator sim = QualysSimulator.start(Scenario.realistic(5_000))) {
            IpRangeSet subscribed = sim.subscription();
            long inside = ips.stream().map(IpAddress::parse).filter(subscribed::contains).count();
            // Most hosts are subscribed (so some are scanned and some not), a quarter or more are unknown to Qualys.
            assertThat(inside).isBetween(2_500L, 3_750L);
        }
    }

    @Test
    void theSameEveryTime() {
        assertThat(DemoInventory.csv(100)).isEqualTo(DemoInventory.csv(100));
        assertThat(DemoInventory.csv(100).lines()).hasSize(101)
                .contains("ip,hostname,zone", "10.64.0.1,srv-0001.datacenter.example.com,datacenter");
    }

    @Test
    void refusesCountsOutOfRange() {
        assertThatThrownBy(() -> DemoInventory.csv(0)).hasMessageContaining("1 to 5000");
        assertThatThrownBy(() -> DemoInventory.csv(5_001)).hasMessageContaining("not 5001");
    }
}
