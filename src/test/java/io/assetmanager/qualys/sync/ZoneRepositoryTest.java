package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.coverage.OnBothDatabases;
import io.assetmanager.coverage.TestDatabase;
import io.assetmanager.coverage.TestDatabase.Kind;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZoneMapping;
import io.assetmanager.qualys.zones.ZoneSettings;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The zone mapping and the zone groups as stored, on H2 and PostgreSQL. */
class ZoneRepositoryTest extends OnBothDatabases {

    private static final OffsetDateTime T1 = OffsetDateTime.parse("2026-12-01T10:00:00Z");
    private static final OffsetDateTime T2 = OffsetDateTime.parse("2026-12-02T10:00:00Z");

    private static List<String> audit(TestDatabase db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT changed_by, field, old_value, new_value FROM settings_audit"
                        + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " → " + rs.getString(4));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theMappingIsStoredAuditedAndTheGroupsGoFromInUseToOrphanToDeleted(Kind kind) throws Exception {
        TestDatabase db = db(kind);
        ZoneRepository zones = new ZoneRepository(db.dataSource());
        assertThat(zones.settings().enabled()).as("Off after the migration").isFalse();

        List<String> changes = zones.save(true, List.of(new ZoneMapping("dc", 1001, 43575L),
                new ZoneMapping("lab", 1003, null)), "alice", T1, null);

        ZoneSettings stored = zones.settings();
        assertThat(stored.enabled()).isTrue();
        assertThat(stored.mappings()).containsExactly(
                java.util.Map.entry("dc", new ZoneMapping("dc", 1001, 43575L)),
                java.util.Map.entry("lab", new ZoneMapping("lab", 1003, null)));
        assertThat(stored.updatedBy()).isEqualTo("alice");
        assertThat(changes).containsExactly("Asset Mapping by Zone: Off → On",
                "Zone mapping: dc: unmapped → network 1001, appliance 43575",
                "Zone mapping: lab: unmapped → network 1003, no appliance");
        assertThat(audit(db)).containsExactly("alice | Asset Mapping by Zone | Off → On",
                "alice | Zone mapping: dc | unmapped → network 1001, appliance 43575",
                "alice | Zone mapping: lab | unmapped → network 1003, no appliance");
        // Described as the caller names them (the service: by the names Qualys lists).
        assertThat(zones.save(true, List.of(new ZoneMapping("dc", 1001, 43575L), new ZoneMapping("lab", 1003, null),
                new ZoneMapping("edge", 1004, null)), "alice", T1, stored.updatedAt(), m -> "the " + m.zone() + " map"))
                .containsExactly("Zone mapping: edge: unmapped → the edge map");
        stored = zones.settings();
        zones.save(true, List.of(new ZoneMapping("dc", 1001, 43575L), new ZoneMapping("lab", 1003, null)), "alice",
                T1, stored.updatedAt());
        stored = zones.settings();
        assertThat(zones.save(true, List.of(new ZoneMapping("lab", 1003, null), new ZoneMapping("dc", 1001, 43575L)),
                "bob", T2, stored.updatedAt())).as("the same mapping again changes nothing").isEmpty();
        assertThatThrownBy(() -> zones.save(false, List.of(), "carol", T2, null))
                .as("a page opened before alice's save").isInstanceOf(ZoneMappingChangedException.class)
                .hasMessage("Nothing was saved: alice saved the zone mapping at 2026-12-01 10:00 UTC after this page"
                        + " was opened. Reload the page to see it, then make your change again.");
        assertThat(zones.settings().mappings()).hasSize(2);
        assertThat(zones.save(true, List.of(new ZoneMapping("dc", 1002, null)), "bob", T2, stored.updatedAt()))
                .containsExactly(
                "Zone mapping: dc: network 1001, appliance 43575 → network 1002, no appliance",
                "Zone mapping: lab: network 1003, no appliance → unmapped");

        zones.recordGroup("dc", 77, "AM_dc", new ZoneMapping("dc", 1002, null), T1, null);
        zones.recordGroup("lab", 78, "AM_lab", new ZoneMapping("lab", 1003, 43590L), T1, null);
        zones.groupPushed("dc", IpRangeSet.parseList("10.0.0.1, 10.0.0.3-10.0.0.4"), T1, null);
        zones.applianceSet("dc", 43580L, null);
        zones.renameGroup("dc", "AM2_dc", null);
        zones.markOrphans(Set.of("dc"), T1, null);
        zones.markOrphans(Set.of("dc"), T2, null);

        List<ZoneGroup> groups = zones.groups();
        assertThat(groups).extracting(ZoneGroup::zone).containsExactly("dc", "lab");
        ZoneGroup dc = groups.get(0);
        assertThat(dc.qualysId()).isEqualTo(77);
        assertThat(dc.title()).isEqualTo("AM2_dc");
        assertThat(dc.applianceId()).isEqualTo(43580L);
        assertThat(dc.pushedRanges()).isEqualTo("10.0.0.1,10.0.0.3-10.0.0.4");
        assertThat(dc.pushedCount()).isEqualTo(BigInteger.valueOf(3));
        assertThat(dc.isOrphan()).isFalse();
        ZoneGroup lab = groups.get(1);
        assertThat(lab.applianceId()).isEqualTo(43590L);
        assertThat(lab.orphanSince()).as("the first time it was found an orphan").isEqualTo(T1);
        zones.markOrphans(Set.of("dc", "lab"), T2, null);
        assertThat(zones.groups().get(1).isOrphan()).as("its zone pushed again: back in use").isFalse();
        zones.markOrphans(Set.of("dc"), T2, null);
        assertThat(zones.groups().get(1).orphanSince()).isEqualTo(T2);

        assertThat(zones.orphanDeleted("dc", 77, "bob", T2)).as("in use: not deleted").isFalse();
        assertThat(zones.orphanDeleted("lab", 78, "bob", T2)).isTrue();
        assertThat(zones.groups()).extracting(ZoneGroup::zone).containsExactly("dc");
        assertThat(audit(db)).last().isEqualTo("bob | Orphaned zone group deleted: lab | group 78 → deleted in Qualys");

        zones.markOrphans(Set.of(), T2, null);
        zones.recordGroup("dc", 90, "AM_dc", new ZoneMapping("dc", 1001, null), T2, null);
        assertThat(zones.groups()).singleElement().satisfies(g -> {
            assertThat(g.qualysId()).isEqualTo(90);
            assertThat(g.networkId()).isEqualTo(1001);
            assertThat(g.isOrphan()).as("a new record is in use").isFalse();
            assertThat(g.pushedRanges()).isNull();
        });
    }
}
