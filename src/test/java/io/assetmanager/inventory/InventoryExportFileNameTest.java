package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InventoryExportFileNameTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    @Test
    void theFileNameSaysWhatTheExportHolds() {
        assertThat(InventoryExportServlet.fileName(null, null, null, DAY)).isEqualTo("inventory_2026-12-07.csv");
        assertThat(InventoryExportServlet.fileName("10.0.0.0/24", "printer", null, DAY))
                .isEqualTo("inventory_10.0.0.0-24_host-printer_2026-12-07.csv");
        assertThat(InventoryExportServlet.fileName("2001:db8::/64", " ", "", DAY))
                .isEqualTo("inventory_2001-db8---64_2026-12-07.csv");
        assertThat(InventoryExportServlet.fileName("", "\"; x=../../etc" + "a".repeat(60), null, DAY))
                .as("nothing of the header's syntax or a path survives; cut at 40 characters")
                .isEqualTo("inventory_host----x-..-..-etc" + "a".repeat(26) + "_2026-12-07.csv");
        assertThat(InventoryExportServlet.fileName(null, null, " Branch Office/2 ", DAY))
                .isEqualTo("inventory_zone-Branch-Office-2_2026-12-07.csv");
        assertThat(InventoryExportServlet.fileName("10.0.0.0/24", "printer", "default", DAY))
                .isEqualTo("inventory_10.0.0.0-24_host-printer_zone-default_2026-12-07.csv");
    }
}
