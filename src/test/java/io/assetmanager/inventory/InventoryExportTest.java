package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.coverage.TestDatabase;
import io.assetmanager.net.IpAddress;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The CSV export on a real (H2) inventory larger than one page: every host once, in address order, filters applied. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryExportTest {

    private static final OffsetDateTime SEEN = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    /** One full page and a few more, so the export continues after the last address of the first page. */
    private static final int HOSTS = InventoryExport.PAGE + 3;

    private TestDatabase db;
    private InventoryExport export;

    @BeforeAll
    void fill() throws SQLException {
        db = TestDatabase.h2();
        export = new InventoryExport(db.dataSource());
        try (Connection c = db.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO indexed_hosts (ip, hostname, mac, zone, source, first_seen, last_seen)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            // Inserted in reverse address order, so only the query's order can put them right.
            for (int i = HOSTS - 1; i >= 0; i--) {
                insert.setBytes(1, IpAddress.ofIpv4(0x0A00_0000L + i).toBytes());
                insert.setString(2, i == 5 ? "Web_1" : i == 6 ? "web01" : "host-" + i);
                insert.setString(3, null);
                insert.setString(4, i == 5 ? "dmz" : "default");
                insert.setString(5, "nmap");
                insert.setObject(6, SEEN);
                insert.setObject(7, SEEN);
                insert.addBatch();
            }
            insert.setBytes(1, IpAddress.parse("2001:db8::1").toBytes());
            insert.setString(2, "v6");
            insert.setString(4, "default");
            insert.addBatch();
            // The last address of the first page is indexed in a second zone too: the next page starts with it.
            insert.setBytes(1, IpAddress.ofIpv4(0x0A00_0000L + InventoryExport.PAGE - 1).toBytes());
            insert.setString(2, "lab-twin");
            insert.setString(4, "lab");
            insert.addBatch();
            insert.executeBatch();
        }
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    private List<String> lines(HostFilter filter) throws IOException {
        StringWriter out = new StringWriter();
        export.write(filter, out);
        return out.toString().lines().toList();
    }

    @Test
    void everyHostOnceInAddressOrderAcrossPages() throws IOException {
        List<String> lines = lines(HostFilter.ALL);
        assertThat(lines).hasSize(1 + HOSTS + 2);
        assertThat(lines.get(0)).isEqualTo("ip,hostname,mac,zone,source,first_seen,last_seen");
        assertThat(lines.get(1)).startsWith("10.0.0.0,host-0,");
        assertThat(lines.get(6)).isEqualTo("10.0.0.5,Web_1,,dmz,nmap,2026-03-01T12:00Z,2026-03-01T12:00Z");
        assertThat(lines.get(InventoryExport.PAGE)).startsWith("10.0.39.15,host-9999,,default,");
        assertThat(lines.get(InventoryExport.PAGE + 1)).as("the same address in another zone, on the next page")
                .startsWith("10.0.39.15,lab-twin,,lab,");
        assertThat(lines.get(InventoryExport.PAGE + 2)).startsWith("10.0.39.16,");
        assertThat(lines.get(HOSTS + 1)).startsWith("10.0.39.18,");
        assertThat(lines.get(HOSTS + 2)).startsWith("2001:db8::1,v6,");
        assertThat(lines.stream().skip(1).map(l -> l.split(",")[0] + " " + l.split(",")[3]).distinct())
                .hasSize(HOSTS + 2);
    }

    @Test
    void theHostnameFilterTakesUnderscoreAndPercentLiterally() throws IOException {
        assertThat(lines(HostFilter.parse(null, "WEB_", null))).hasSize(2).last().asString().startsWith("10.0.0.5,Web_1,");
        assertThat(lines(HostFilter.parse(null, "%", null))).hasSize(1);
    }

    @Test
    void theRangeFilterKeepsItsEnds() throws IOException {
        assertThat(lines(HostFilter.parse("10.0.0.4-10.0.0.6", null, null))).extracting(l -> l.split(",")[0])
                .containsExactly("ip", "10.0.0.4", "10.0.0.5", "10.0.0.6");
    }

    @Test
    void theZoneFilterReadsOneZoneAcrossPages() throws IOException {
        assertThat(lines(HostFilter.parse(null, null, "dmz"))).extracting(l -> l.split(",")[0])
                .containsExactly("ip", "10.0.0.5");
        List<String> defaultZone = lines(HostFilter.parse(null, null, "default"));
        assertThat(defaultZone).as("every host but those in dmz and lab, past the first page").hasSize(1 + HOSTS);
        assertThat(defaultZone.get(HOSTS)).startsWith("2001:db8::1,");
    }
}
