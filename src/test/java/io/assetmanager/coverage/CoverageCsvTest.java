package io.assetmanager.coverage;

import io.assetmanager.platform.CsvCells;
import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpRangeSet;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CoverageCsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasAreDefused() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        assertThat(CsvCells.cell("+1")).isEqualTo("'+1");
        assertThat(CsvCells.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(CsvCells.cell("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(CsvCells.cell("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.cell("::1")).isEqualTo("::1");
    }

    @Test
    void fieldsAreQuotedPerRfc4180() {
        assertThat(CsvCells.cell("Windows, Server")).isEqualTo("\"Windows, Server\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.cell(null)).isEmpty();
        assertThat(CsvCells.cell("plain")).isEqualTo("plain");
    }

    @Test
    void rangesAreWrittenWithTheirAddressCounts() throws IOException {
        StringWriter out = new StringWriter();
        CoverageCsv.writeRanges(IpRangeSet.parseList("10.0.0.0-10.0.0.1, 10.0.0.3-10.0.0.255, 2001:db8::/120"), out);
        assertThat(out).hasToString("First IP,Last IP,Addresses\r\n10.0.0.0,10.0.0.1,2\r\n10.0.0.3,10.0.0.255,253\r\n"
                + "2001:db8::,2001:db8::ff,256\r\n");
    }

    @Test
    void hostsAreStreamedWithBothSidesDetails() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            new CoverageFixture(db.dataSource()).workedExample().indexed("10.0.0.9", "=cmd|' /C calc'!A0", null,
                    "import, manual");
            StringWriter out = new StringWriter();
            CoverageCsv.writeHosts(new CoverageRepository(db.dataSource()), CoverageSet.INDEXED_SUBSCRIBED.spec(false),
                    ListRequest.firstPage(1), out);
            assertThat(out.toString().split("\r\n")).containsExactly(
                    "IP,Hostname,MAC,First seen,Last seen,Source,Qualys host ID,DNS,NetBIOS,OS,Tracking method,Last scan",
                    "10.0.0.1,alpha.example.com,00:11:22:33:44:01,2026-10-02T08:00Z,2026-11-01T07:00Z,nmap,,,,,,",
                    "10.0.0.3,gamma.example.com,,2026-10-02T08:00Z,2026-11-01T07:00Z,dhcp,,,,,,",
                    "10.0.0.9,'=cmd|' /C calc'!A0,,2026-10-02T08:00Z,2026-11-01T07:00Z,\"import, manual\",,,,,,");
        }
    }

    @Test
    void theNotScannedListIsExportedWithTheReasonBesideEachAddress() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            new CoverageFixture(db.dataSource()).workedExample();
            StringWriter out = new StringWriter();
            CoverageCsv.writeHosts(new CoverageRepository(db.dataSource()), CoverageSet.NOT_SCANNED.spec(false),
                    ListRequest.ofFilter("10.0.0.0/8", SortField.IP, false, 0, 1), out);
            assertThat(out.toString().split("\r\n")).containsExactly(
                    "IP,Reason,Hostname,MAC,First seen,Last seen,Source,Qualys host ID,DNS,NetBIOS,OS,Tracking method,"
                            + "Last scan",
                    "10.0.0.1,\"Subscribed, never scanned\",alpha.example.com,00:11:22:33:44:01,2026-10-02T08:00Z,"
                            + "2026-11-01T07:00Z,nmap,,,,,,",
                    "10.0.0.3,\"Subscribed, never scanned\",gamma.example.com,,2026-10-02T08:00Z,2026-11-01T07:00Z,"
                            + "dhcp,,,,,,",
                    "10.0.1.5,Not subscribed,delta.example.com,00:11:22:33:44:05,2026-10-02T08:00Z,"
                            + "2026-11-01T07:00Z,nmap,,,,,,");
        }
    }
}
