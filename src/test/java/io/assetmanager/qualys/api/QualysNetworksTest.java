package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.Endpoint;
import io.assetmanager.qualys.simulator.Fault;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import io.assetmanager.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Networks, scanner appliances, and groups placed in a network: the client against the simulator over real loopback
 * HTTP, with what Qualys refuses.
 */
class QualysNetworksTest {

    private static final IpRangeSet SUBSCRIPTION = IpRangeSet.parseList("10.10.0.0/22, 172.16.4.0/23");

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ManualClock time = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private QualysSimulator simulator(Consumer<Scenario.Builder> tweak) throws IOException {
        Scenario.Builder b = Scenario.builder().subscription(SUBSCRIPTION).clock(time);
        tweak.accept(b);
        QualysSimulator sim = QualysSimulator.start(b.build());
        open.add(sim);
        return sim;
    }

    private QualysClient client(QualysSimulator sim) {
        QualysClient c = new QualysClient(QualysClientTest.config(sim).build(), time, time);
        open.add(c);
        return c;
    }

    @Test
    void aDeletedGroupIsGoneAndDeletingOneAlreadyGoneCountsAsDone() throws Exception {
        QualysSimulator sim = simulator(Scenario.Builder::withNetworks);
        QualysClient client = client(sim);
        long id = client.createAssetGroup("AM_dc", IpRangeSet.parseList("10.10.0.1"), GroupScanners.of(1001,
                List.of(43575L)));
        long other = sim.createGroup("Someone else's", IpRangeSet.parseList("10.10.0.2"));

        client.deleteAssetGroup(id);

        assertThat(sim.groupId("AM_dc")).isEmpty();
        assertThat(sim.groupId("Someone else's")).contains(other);
        assertThat(sim.callCount(Endpoint.GROUP_DELETE)).isEqualTo(1);
        client.deleteAssetGroup(id);
        assertThat(sim.callCount(Endpoint.GROUP_DELETE)).isEqualTo(2);
        assertThat(sim.groupCount()).isEqualTo(1);
    }

    @Test
    void groupsAreRenamedAndFoundByIdsInOneCall() throws Exception {
        QualysSimulator sim = simulator(Scenario.Builder::withNetworks);
        QualysClient client = client(sim);
        long a = client.createAssetGroup("AM_a", IpRangeSet.parseList("10.10.0.1"), GroupScanners.of(1001, List.of()));
        long b = client.createAssetGroup("AM_b", IpRangeSet.empty(), GroupScanners.of(1002, List.of(43580L)));
        sim.createGroup("Someone else's", IpRangeSet.parseList("10.10.0.2"));

        client.renameAssetGroup(b, "AM_b2");
        assertThat(sim.groupId("AM_b2")).contains(b);
        assertThat(sim.groupNetwork(b)).as("a rename keeps the network").hasValue(1002);
        long before = sim.callCount(Endpoint.GROUP_LIST);
        var found = client.findAssetGroupsById(List.of(b, a, 999_999L));

        assertThat(found.keySet()).containsExactly(a, b);
        assertThat(found.get(a).ips()).isEqualTo(IpRangeSet.parseList("10.10.0.1"));
        assertThat(found.get(b).networkId()).isEqualTo(1002);
        assertThat(sim.callCount(Endpoint.GROUP_LIST) - before).isEqualTo(1);
        assertThat(found.get(b).title()).isEqualTo("AM_b2");
    }

    @Test
    void networksAndAppliancesAreListed() throws Exception {
        QualysSimulator sim = simulator(Scenario.Builder::withNetworks);
        QualysClient client = client(sim);

        assertThat(client.listNetworks()).containsExactly(new QualysNetwork(0, "Global Default Network"),
                new QualysNetwork(1001, "Data centre"), new QualysNetwork(1002, "Branch offices"),
                new QualysNetwork(1003, "Lab"));
        assertThat(client.listAppliances()).containsExactly(
                new ScannerAppliance(43570, "global_scanner", 0L, "Online"),
                new ScannerAppliance(43575, "dc_scanner_1", 1001L, "Online"),
                new ScannerAppliance(43576, "dc_scanner_2", 1001L, "Offline"),
                new ScannerAppliance(43580, "branch_scanner", 1002L, "Online"));

        assertThat(sim.callCount(Endpoint.NETWORK_LIST)).isEqualTo(1);
        assertThat(sim.callCount(Endpoint.APPLIANCE_LIST)).isEqualTo(1);
        // Each is its own API for the quota.
        assertThat(client.limits(QualysApi.NETWORK).remaining()).isEqualTo(299);
        assertThat(client.limits(QualysApi.APPLIANCE).remaining()).isEqualTo(299);
        assertThat(client.limits(QualysApi.ASSET_GROUP)).isEqualTo(RateLimitStatus.NONE);
    }

    @Test
    void aGroupCreatedInANetworkWithAppliancesIsListedWithThem() throws Exception {
        QualysSimulator sim = simulator(Scenario.Builder::withNetworks);
        QualysClient client = client(sim);
        IpRangeSet ips = IpRangeSet.parseList("10.10.1.1, 10.10.1.3");

        long id = client.createAssetGroup("Asset Manager_Data centre", ips,
                new GroupScanners(1001L, List.of(43576L), 43575L));

        assertThat(sim.requests()).last().satisfies(r -> assertThat(r.params())
                .containsEntry("network_id", "1001")
                .containsEntry("appliance_ids", "43576,43575") // the default is listed too
                .containsEntry("default_appliance_id", "43575"));
        assertThat(client.findAssetGroupById(id)).contains(new AssetGroup(id, "Asset Manager_Data centre", ips,
                1001L, 43575L, List.of(43576L, 43575L)));

        // Appliances can change later; the network stays.
        client.setAssetGroupAppliances(id, List.of(43575L), 43575L);
        assertThat(client.findAssetGroupById(id)).contains(new AssetGroup(id, "Asset Manager_Data centre", ips,
                1001L, 43575L, List.of(43575L)));

        // A group without a network is in the Global Default Network.
        long plain = client.createAssetGroup("Windows servers", IpRangeSet.parseList("10.10.0.0/24"));
        assertThat(client.findAssetGroupById(plain).orElseThrow().networkId()).isEqualTo(0L);
    }

    @Test
    void qualysRefusesUnknownNetworksAndAppliancesAndAppliancesOfAnotherNetwork() throws Exception {
        QualysSimulator sim = simulator(Scenario.Builder::withNetworks);
        QualysClient client = client(sim);
        IpRangeSet ips = IpRangeSet.parseList("10.10.1.1");

        assertThatThrownBy(() -> client.createAssetGroup("g", ips, GroupScanners.of(4242, List.of())))
                .isInstanceOf(QualysException.BadRequest.class)
                .hasMessageContaining("create asset group").hasMessageContaining("code 1905")
                .hasMessageContaining("network_id has invalid value: 4242 (no such network)");
        assertThatThrownBy(() -> client.createAssetGroup("g", ips, GroupScanners.of(1001, List.of(99999L))))
                .isInstanceOf(QualysException.BadRequest.class)
                .hasMessageContaining("appliance_ids has invalid value: 99999 (no such scanner appliance)");
        assertThatThrownBy(() -> client.createAssetGroup("g", ips, GroupScanners.of(1001, List.of(43575L, 43580L))))
                .isInstanceOf(QualysException.BadRequest.class)
                .hasMessageContaining("scanner appliance 43580 belongs to network 1002, not to the asset group's"
                        + " network 1001");
        // The Lab network has no appliance: the group can be made, but nothing can scan it.
        assertThatThrownBy(() -> client.createAssetGroup("g", ips, GroupScanners.of(1003, List.of(43570L))))
                .hasMessageContaining("belongs to network 0, not to the asset group's network 1003");
        assertThat(sim.groupId("g")).isEmpty();
        long lab = client.createAssetGroup("g", ips, GroupScanners.of(1003, List.of()));
        assertThat(client.findAssetGroupById(lab).orElseThrow().applianceIds()).isEmpty();

        long dc = client.createAssetGroup("dc", ips, GroupScanners.of(1001, List.of(43575L)));
        assertThatThrownBy(() -> client.setAssetGroupAppliances(dc, List.of(43580L), null))
                .isInstanceOf(QualysException.BadRequest.class)
                .hasMessageContaining("edit asset group appliances")
                .hasMessageContaining("set_appliance_ids has invalid value: 43580");
        assertThat(client.findAssetGroupById(dc).orElseThrow().applianceIds()).containsExactly(43575L);
    }

    @Test
    void aGroupsNetworkCannotBeChangedByAnEdit() throws Exception {
        QualysSimulator sim = simulator(Scenario.Builder::withNetworks);
        QualysClient client = client(sim);
        long id = client.createAssetGroup("dc", IpRangeSet.parseList("10.10.1.1"), GroupScanners.of(1001, List.of()));

        // The client offers no such edit; Qualys has no such parameter and says so.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sim.url() + "/api/2.0/fo/asset/group/?action=edit"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (sim.username() + ":" + sim.password()).getBytes(StandardCharsets.UTF_8)))
                .header("X-Requested-With", "test")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("id=" + id + "&set_network_id=1002")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        QualysXml.SimpleReturn sr = QualysXml.readSimpleReturn(answer.body().getBytes(StandardCharsets.UTF_8));
        assertThat(sr.code()).isEqualTo(1901);
        assertThat(sr.text()).isEqualTo("Unrecognized parameter(s): set_network_id");
        assertThat(client.findAssetGroupById(id).orElseThrow().networkId()).isEqualTo(1001L);
    }

    @Test
    void withoutTheNetworksFeatureListingNetworksFailsSayingSo() throws Exception {
        QualysSimulator sim = simulator(b -> b.appliance(43570, "scanner", 0, "Online"));
        QualysClient client = client(sim);

        assertThatThrownBy(client::listNetworks).isInstanceOfSatisfying(QualysException.NetworksNotEnabled.class, e -> {
            assertThat(e.getMessage()).contains("list networks", "Networks feature (Network Support)",
                    "code 1905", "Network Support is not enabled for this subscription.");
            assertThat(e.qualysCode()).contains(1905);
            assertThat(e.getCause()).isInstanceOf(QualysException.BadRequest.class);
        });
        assertThat(sim.callCount(Endpoint.NETWORK_LIST)).as("a refusal is not retried").isEqualTo(1);
        // Appliances still list, without a network.
        assertThat(client.listAppliances()).containsExactly(new ScannerAppliance(43570, "scanner", null, "Online"));
        // Groups carry no network, and cannot be given one.
        long id = client.createAssetGroup("g", IpRangeSet.parseList("10.10.1.1"), new GroupScanners(null,
                List.of(43570L), null));
        assertThat(client.findAssetGroupById(id)).contains(new AssetGroup(id, "g", IpRangeSet.parseList("10.10.1.1"),
                null, null, List.of(43570L)));
        assertThatThrownBy(() -> client.createAssetGroup("h", IpRangeSet.empty(), GroupScanners.of(0, List.of())))
                .isInstanceOf(QualysException.BadRequest.class).hasMessageContaining("not enabled");
    }

    @Test
    void aLicenceRefusalOfTheNetworkListIsReadAsNetworksNotEnabled() throws Exception {
        QualysSimulator sim = simulator(Scenario.Builder::withNetworks);
        sim.injectNext(Endpoint.NETWORK_LIST, Fault.licenceRefusal());
        assertThatThrownBy(client(sim)::listNetworks).isInstanceOf(QualysException.NetworksNotEnabled.class)
                .hasMessageContaining("code 2012");
    }

    @Test
    void theListsAreRetriedAndLimitedLikeTheOtherCalls() throws Exception {
        QualysSimulator sim = simulator(b -> b.withNetworks().rateLimit(2, 3600));
        QualysClient client = client(sim);
        sim.injectNext(Endpoint.NETWORK_LIST, Fault.httpError(503));
        sim.injectNext(Endpoint.APPLIANCE_LIST, Fault.cutAfter(300));

        assertThat(client.listNetworks()).hasSize(4);
        assertThat(client.listAppliances()).hasSize(4);
        assertThat(sim.callCount(Endpoint.NETWORK_LIST)).isEqualTo(2);
        assertThat(sim.callCount(Endpoint.APPLIANCE_LIST)).isEqualTo(2);

        sim.injectNext(Endpoint.NETWORK_LIST, Fault.malformedXml());
        assertThatThrownBy(client::listNetworks).isInstanceOf(QualysException.MalformedResponse.class)
                .hasMessageContaining("list networks");

        // Two calls an hour per API, counted apart (the refusals above were not run, so not counted; the cut
        // answer was): each list has had its two, and the client does not send a third.
        assertThat(client.listNetworks()).hasSize(4);
        assertThatThrownBy(client::listNetworks).isInstanceOfSatisfying(QualysException.RateLimited.class,
                e -> assertThat(e.getMessage()).contains("list networks"));
        assertThatThrownBy(client::listAppliances).isInstanceOfSatisfying(QualysException.RateLimited.class,
                e -> assertThat(e.getMessage()).contains("list scanner appliances"));
        assertThat(sim.callCount(Endpoint.NETWORK_LIST)).isEqualTo(4);
        assertThat(sim.callCount(Endpoint.APPLIANCE_LIST)).isEqualTo(2);
    }

    @Test
    void listsAreReadDefensively() throws Exception {
        QualysXml.NetworkPage networks = QualysXml.readNetworks(stream("""
                <!DOCTYPE NETWORK_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/network/network_list_output.dtd">
                <NETWORK_LIST_OUTPUT><REQUEST><DATETIME>2026-01-01T00:00:00Z</DATETIME></REQUEST><RESPONSE>
                  <DATETIME>2026-01-01T00:00:00Z</DATETIME>
                  <NETWORK_LIST>
                    <NETWORK><NAME>
                      <![CDATA[ Zone A ]]>
                    </NAME><ID> 1103 </ID><SCANNER_APPLIANCE_LIST><SCANNER_APPLIANCE><ID>7</ID><NAME>x</NAME>
                    </SCANNER_APPLIANCE></SCANNER_APPLIANCE_LIST></NETWORK>
                    <NETWORK><ID>1104</ID></NETWORK>
                  </NETWORK_LIST>
                </RESPONSE></NETWORK_LIST_OUTPUT>
                <!-- CONFIDENTIAL AND PROPRIETARY INFORMATION. //-->"""));
        assertThat(networks.networks()).containsExactly(new QualysNetwork(1103, "Zone A"), new QualysNetwork(1104, ""));
        assertThat(QualysXml.readNetworks(stream("<NETWORK_LIST_OUTPUT><RESPONSE><DATETIME>x</DATETIME></RESPONSE>"
                + "</NETWORK_LIST_OUTPUT>")).networks()).isEmpty();
        assertThatThrownBy(() -> QualysXml.readNetworks(stream("<NETWORK_LIST_OUTPUT><RESPONSE><NETWORK_LIST>"
                + "<NETWORK><NAME>n</NAME></NETWORK></NETWORK_LIST></RESPONSE></NETWORK_LIST_OUTPUT>")))
                .hasMessageContaining("NETWORK without ID");

        QualysXml.AppliancePage appliances = QualysXml.readAppliances(stream("<APPLIANCE_LIST_OUTPUT><RESPONSE>"
                + "<APPLIANCE_LIST><APPLIANCE><ID>43576</ID><NAME><![CDATA[dc]]></NAME><NETWORK_ID/><STATUS>Online"
                + "</STATUS></APPLIANCE><APPLIANCE><ID>43577</ID><VLANS><VLAN><ID>1</ID></VLAN></VLANS></APPLIANCE>"
                + "</APPLIANCE_LIST></RESPONSE></APPLIANCE_LIST_OUTPUT>"));
        assertThat(appliances.appliances()).containsExactly(new ScannerAppliance(43576, "dc", null, "Online"),
                new ScannerAppliance(43577, "", null, null));

        QualysXml.GroupPage groups = QualysXml.readAssetGroups(stream("<ASSET_GROUP_LIST_OUTPUT><RESPONSE>"
                + "<ASSET_GROUP_LIST><ASSET_GROUP><ID>1</ID><TITLE>t</TITLE><NETWORK_ID>1001</NETWORK_ID>"
                + "<DEFAULT_APPLIANCE_ID>43575</DEFAULT_APPLIANCE_ID><APPLIANCE_IDS>43576, 43575</APPLIANCE_IDS>"
                + "</ASSET_GROUP></ASSET_GROUP_LIST></RESPONSE></ASSET_GROUP_LIST_OUTPUT>"));
        assertThat(groups.groups()).containsExactly(new AssetGroup(1, "t", IpRangeSet.empty(), 1001L, 43575L,
                List.of(43576L, 43575L)));
        assertThatThrownBy(() -> QualysXml.readAssetGroups(stream("<ASSET_GROUP_LIST_OUTPUT><RESPONSE>"
                + "<ASSET_GROUP_LIST><ASSET_GROUP><ID>1</ID><APPLIANCE_IDS>43576, x</APPLIANCE_IDS></ASSET_GROUP>"
                + "</ASSET_GROUP_LIST></RESPONSE></ASSET_GROUP_LIST_OUTPUT>")))
                .hasMessageContaining("ID \"x\" is not a positive number");
    }

    @Test
    void theDefaultApplianceIsAlwaysAmongTheAppliancesSent() {
        assertThat(new GroupScanners(5L, List.of(1L, 2L, 1L), 3L).applianceIds()).containsExactly(1L, 2L, 3L);
        assertThat(GroupScanners.of(5, List.of(2L, 1L)).defaultApplianceId()).isEqualTo(2L);
        assertThatThrownBy(() -> new GroupScanners(-1L, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ByteArrayInputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
