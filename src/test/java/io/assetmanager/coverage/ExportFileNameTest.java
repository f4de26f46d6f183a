package io.assetmanager.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpRange;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExportFileNameTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    @Test
    void anUnfilteredListIsNamedByItsSetAndTheDay() {
        assertThat(ExportFileName.of(CoverageSet.UNMANAGED_BY_QUALYS, ListRequest.firstPage(1), DAY))
                .isEqualTo("unmanaged-by-qualys_2026-12-06.csv");
    }

    @Test
    void theFiltersAreInTheNameWithOnlyCharactersEveryFileSystemTakes() {
        ListRequest request = new ListRequest(IpRange.parse("2001:db8::/127"), "Printer \"2\"/x", SortField.IP,
                false, 0, 1);
        assertThat(ExportFileName.of(CoverageSet.MANAGED_BY_BOTH, request, DAY))
                .isEqualTo("managed-by-both_2001-db8---2001-db8--1_text-Printer--2--x_2026-12-06.csv");
    }

    @Test
    void aLongTextFilterIsCut() {
        ListRequest request = new ListRequest(null, "a".repeat(100), SortField.IP, false, 0, 1);
        assertThat(ExportFileName.of(CoverageSet.INDEXED, request, DAY))
                .isEqualTo("indexed_text-" + "a".repeat(40) + "_2026-12-06.csv");
    }

    @Test
    void aZoneIsNamedAfterTheOtherFiltersAsTheInventorysExportNamesIt() {
        ListRequest request = new ListRequest(IpRange.parse("10.0.0.0/24"), "printer", SortField.IP, false, 0, 1,
                "Branch 2/DMZ");
        assertThat(ExportFileName.of(CoverageSet.NOT_SCANNED, request, DAY))
                .isEqualTo("not-scanned_10.0.0.0-10.0.0.255_text-printer_zone-Branch-2-DMZ_2026-12-06.csv");
        assertThat(ExportFileName.of(CoverageSet.INDEXED, ListRequest.firstPage(1).inZone("z".repeat(60)), DAY))
                .isEqualTo("indexed_zone-" + "z".repeat(40) + "_2026-12-06.csv");
    }
}
