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
 * row's own zone wins, and the export's Zone filter finds them, the default zone holding the hosts without one.
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
        UploadBatch batch = service.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), format,
                IngestMode.MERGE);
        batch.setUploadZone(service.checkZone(zone));
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            IngestCounts counts = new InventoryWriter.Merge(c, batch, IngestMode.MERGE, "test", NOW).run();
            c.commit();
            return counts;
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
                "10.9.0.1 ", "127.0.0.1 DMZ");
        assertThat(exported("DMZ")).containsExactly("10.1.0.2 DMZ", "127.0.0.1 DMZ");
        assertThat(exported("lab")).containsExactly("10.1.0.1 lab");
        assertThat(exported("default")).as("no zone stored, or the zone named default")
                .containsExactly("10.1.0.3 default", "10.9.0.1 ");
        assertThat(exported("dmz")).as("an exact match").isEmpty();
    }

    @Test
    void aKnownHostGetsTheUploadsZoneAndKeepsItsOwnWhenNoneIsGiven() throws Exception {
        upload(UploadFormat.TEXT, "10.2.0.1\n10.2.0.2\n", "lab");
        IngestCounts moved = upload(UploadFormat.TEXT, "10.2.0.1\n", "DMZ");
        assertThat(List.of(moved.updated(), moved.unchanged())).containsExactly(1L, 0L);
        IngestCounts kept = upload(UploadFormat.TEXT, "10.2.0.1\n10.2.0.2\n", null);
        assertThat(List.of(kept.updated(), kept.unchanged())).containsExactly(0L, 2L);
        assertThat(exported(null)).containsExactly("10.2.0.1 DMZ", "10.2.0.2 lab");
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
