package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.counts.CountsRepository;
import io.assetmanager.coverage.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upload's {@code zone} parameter on a real (H2) inventory: it goes to the hosts the file gives no zone, a CSV
 * row's own zone wins, and the export's Zone filter finds them, the default zone holding the hosts without one. A
 * host is an address in a zone: the same address in two zones is two hosts, and one address in the counts.
 */
class UploadZoneTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 7, 5, 0, 0, 0, ZoneOffset.UTC);

    private final InventoryService service = new InventoryService();
    private TestDatabase db;

    @BeforeEach
    void open() throws SQLException {
        db = TestDatabase.h2();
        try (Connection c = db.dataSource().getConnection()) {
            CountsRepository.recount(c);
        }
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /** What InventoryService.ingest does, with the writer's transaction run here. */
    private IngestCounts upload(UploadFormat format, String body, String zone) throws SQLException {
        return upload(format, body, zone, IngestMode.MERGE);
    }

    private IngestCounts upload(UploadFormat format, String body, String zone, IngestMode mode) throws SQLException {
        UploadBatch batch = service.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), format,
                mode);
        batch.setUploadZone(service.checkZone(zone));
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            IngestCounts counts = new InventoryWriter.Merge(c, batch, mode, "test", NOW).run();
            c.commit();
            return counts;
        }
    }

    /** The dashboard's maintained |I|, and |I| counted again from the tables: indexed addresses. */
    private List<Long> indexedAddresses() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            long maintained = CountsRepository.read(c).orElseThrow().indexed();
            return List.of(maintained, CountsRepository.countAll(c).indexed());
        }
    }

    private long deleteIn(String range, String zone) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long removed = InventoryWriter.deleteRange(c, io.assetmanager.net.IpRange.parse(range), zone);
            c.commit();
            return removed;
        }
    }

    private List<String> exported(String zone) throws IOException {
        StringWriter out = new StringWriter();
        new InventoryExport(db.dataSource()).write(HostFilter.parse(null, null, zone), out);
        return out.toString().lines().skip(1).map(l -> l.split(",", -1)[0] + " " + l.split(",", -1)[3]).toList();
    }

    private static String nmapPing() throws IOException {
        try (InputStream in = UploadZoneTest.class.getResourceAsStream("/nmap/nmap-ping-127.0.0.1.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theZoneGoesToHostsWithoutOneAndARowsOwnZoneWins() throws Exception {
        upload(UploadFormat.CSV, "ip,zone\n10.1.0.1,lab\n10.1.0.2,\n10.1.0.3,default\n", " DMZ ");
        upload(UploadFormat.NMAP_XML, nmapPing(), "DMZ");
        upload(UploadFormat.TEXT, "10.9.0.1\n", null);

        assertThat(exported(null)).containsExactly("10.1.0.1 lab", "10.1.0.2 DMZ", "10.1.0.3 default",
                "10.9.0.1 default", "127.0.0.1 DMZ");
        assertThat(exported("DMZ")).containsExactly("10.1.0.2 DMZ", "127.0.0.1 DMZ");
        assertThat(exported("lab")).containsExactly("10.1.0.1 lab");
        assertThat(exported("default")).as("no zone given, or the zone named default")
                .containsExactly("10.1.0.3 default", "10.9.0.1 default");
        assertThat(exported("dmz")).as("an exact match").isEmpty();
    }

    @Test
    void theSameAddressInTwoZonesIsTwoHostsAndOneIndexedAddress() throws Exception {
        IngestCounts first = upload(UploadFormat.TEXT, "10.2.0.1\n10.2.0.2\n", "lab");
        assertThat(first.added()).isEqualTo(2);
        IngestCounts other = upload(UploadFormat.CSV, "ip,hostname\n10.2.0.1,dmz-web\n", "DMZ");
        assertThat(List.of(other.added(), other.updated(), other.unchanged())).as("a new host in DMZ, lab's stays")
                .containsExactly(1L, 0L, 0L);
        IngestCounts again = upload(UploadFormat.TEXT, "10.2.0.1\n10.2.0.2\n", "lab");
        assertThat(List.of(again.added(), again.updated(), again.unchanged())).containsExactly(0L, 0L, 2L);
        IngestCounts renamed = upload(UploadFormat.CSV, "ip,hostname,zone\n10.2.0.1,dmz-web-2,DMZ\n", null);
        assertThat(List.of(renamed.added(), renamed.updated())).containsExactly(0L, 1L);

        assertThat(exported(null)).containsExactly("10.2.0.1 DMZ", "10.2.0.1 lab", "10.2.0.2 lab");
        assertThat(exported("DMZ")).containsExactly("10.2.0.1 DMZ");
        assertThat(indexedAddresses()).as("the dashboard counts addresses: two, in three hosts")
                .containsExactly(2L, 2L);

        assertThat(deleteIn("10.2.0.1", "lab")).isEqualTo(1);
        assertThat(exported(null)).containsExactly("10.2.0.1 DMZ", "10.2.0.2 lab");
        assertThat(indexedAddresses()).as("10.2.0.1 is still indexed, in DMZ").containsExactly(2L, 2L);
        assertThat(deleteIn("10.2.0.0/24", "DMZ")).isEqualTo(1);
        assertThat(indexedAddresses()).containsExactly(1L, 1L);
    }

    @Test
    void aReplaceKeepsExactlyTheUploadsHostsInTheirZones() throws Exception {
        upload(UploadFormat.CSV, "ip,zone\n10.3.0.1,lab\n10.3.0.1,DMZ\n10.3.0.2,lab\n10.3.0.3,\n", null);
        assertThat(indexedAddresses()).containsExactly(3L, 3L);
        IngestCounts replaced = upload(UploadFormat.CSV, "ip,zone\n10.3.0.1,DMZ\n10.3.0.3,lab\n", null,
                IngestMode.REPLACE);
        // Gone: 10.3.0.1 in lab (its address stays, in DMZ), 10.3.0.2, 10.3.0.3 in the default zone.
        assertThat(List.of(replaced.added(), replaced.unchanged(), replaced.removed()))
                .containsExactly(1L, 1L, 3L);
        assertThat(exported(null)).containsExactly("10.3.0.1 DMZ", "10.3.0.3 lab");
        assertThat(indexedAddresses()).containsExactly(2L, 2L);
        assertThat(deleteIn("10.3.0.0/24", null)).as("every zone").isEqualTo(2);
        assertThat(indexedAddresses()).containsExactly(0L, 0L);
    }

    @Test
    void aBadZoneIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> service.checkZone("a\u0007b")).isInstanceOf(UploadRejectedException.class)
                .satisfies(e -> assertThat(((UploadRejectedException) e).problems().listed()).singleElement()
                        .asString().contains("the zone parameter: 'a\\u0007b' contains a control character"));
        assertThatThrownBy(() -> service.checkZone("z".repeat(256)))
                .satisfies(e -> assertThat(((UploadRejectedException) e).problems().listed()).singleElement()
                        .asString().contains("the zone parameter: longer than 255 characters (256)"));
        assertThat(service.checkZone("  ")).isNull();
    }
}
