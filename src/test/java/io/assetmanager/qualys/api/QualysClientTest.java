package io.assetmanager.qualys.api;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.Endpoint;
import io.assetmanager.qualys.simulator.HostSource;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import io.assetmanager.qualys.simulator.SimHost;
import io.assetmanager.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the simulator over real loopback HTTP: every call, paging, limits. */
class QualysClientTest {

    static final IpRangeSet SUBSCRIPTION = IpRangeSet.parseList(
            "10.10.0.0/22, 10.20.0.0-10.20.3.255, 172.16.4.0/23, 192.168.10.1-192.168.10.254, 203.0.113.7");
    static final HostSource HOSTS = HostSource.generated(SUBSCRIPTION, 2500, 1_000_000L, 97, 101, 13, 42);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ManualClock time = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    QualysSimulator simulator(Consumer<Scenario.Builder> tweak) throws IOException {
        Scenario.Builder b = Scenario.builder().subscription(SUBSCRIPTION).hosts(HOSTS).clock(time)
                .group("Windows servers", IpRangeSet.parseList("10.10.0.0/24"));
        tweak.accept(b);
        QualysSimulator sim = QualysSimulator.start(b.build());
        open.add(sim);
        return sim;
    }

    QualysSimulator simulator() throws IOException {
        return simulator(b -> { });
    }

    static QualysConfig.Builder config(QualysSimulator sim) {
        return QualysConfig.builder().server(sim.url().toString()).allowPlainHttp(true)
                .username(sim.username()).password(sim.password().toCharArray())
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5))
                .retryBackoff(Duration.ofMillis(20)).concurrencyBackoff(Duration.ofMillis(20))
                .maxRateLimitWait(Duration.ofSeconds(5));
    }

    QualysClient client(QualysConfig.Builder config) {
        QualysClient c = new QualysClient(config.build(), time, time);
        open.add(c);
        return c;
    }

    QualysClient client(QualysSimulator sim) {
        return client(config(sim));
    }

    /** Every other address from {@code prefix}0 below {@code prefix}{@code end}: one range each. */
    static IpRangeSet scattered(String prefix, int end) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (int i = 0; i < end; i += 2) {
            b.add(IpAddress.parse(prefix + i));
        }
        return b.build();
    }

    static List<QualysHost> expectedHosts(boolean withScanDates) {
        List<QualysHost> out = new ArrayList<>();
        for (long i = 0; i < HOSTS.count(); i++) {
            SimHost h = HOSTS.at(i);
            // The later of the two scan dates, LAST_VM_SCANNED_DATE (the scan's end), is the host's last scan.
            boolean dualStack = h.ipv4() != null && h.ipv6() != null;
            out.add(new QualysHost(h.id(), IpAddress.parse(h.ipv4() != null ? h.ipv4() : h.ipv6()), h.dns(),
                    h.netbios(), h.os(), h.trackingMethod(), withScanDates ? h.vmScanned() : null,
                    withScanDates ? h.lastScan() : null, withScanDates ? h.vmScanned() : null,
                    dualStack ? IpAddress.parse(h.ipv6()) : null));
        }
        return out;
    }

    @Test
    void testConnectionSendsBasicAuthAndXRequestedWithAndReportsLimits() throws Exception {
        QualysSimulator sim = simulator(b -> b.rateLimit(300, 3600));
        ConnectionCheck check = client(sim).testConnection();
        assertThat(Instant.parse(check.serverTime())).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(check.limits().limit()).isEqualTo(300);
        assertThat(check.limits().windowSeconds()).isEqualTo(3600);
        assertThat(check.limits().remaining()).isEqualTo(299);
        assertThat(check.limits().concurrencyLimit()).isEqualTo(2);
        assertThat(sim.requests()).singleElement().satisfies(r -> {
            assertThat(r.requestedWith()).isEqualTo("Asset Manager");
            assertThat(r.params()).containsEntry("action", "list").containsEntry("details", "None");
        });
    }

    @Test
    void subscribedIpsComeBackAsTheSameRangeSet() throws Exception {
        QualysSimulator sim = simulator();
        assertThat(client(sim).listSubscribedIps()).isEqualTo(SUBSCRIPTION);
    }

    @Test
    void subscribedIpsFilteredByAList() throws Exception {
        QualysSimulator sim = simulator();
        assertThat(client(sim).listSubscribedIps(IpRangeSet.parseList("10.10.3.250-10.10.4.5, 8.8.8.8")))
                .isEqualTo(IpRangeSet.parseList("10.10.3.250-10.10.3.255"));
    }

    @Test
    void hostListFollowsEveryPageByItsUrlAndDeliversEachHostOnce() throws Exception {
        QualysSimulator sim = simulator();
        List<QualysHost> got = new ArrayList<>();
        List<Long> pageSizes = new ArrayList<>();
        HostListSummary summary = client(sim).listHosts(new QualysHostSink() {
            @Override
            public void accept(QualysHost host) {
                got.add(host);
            }

            @Override
            public void pageDone(int page, long hostsInPage) {
                pageSizes.add(hostsInPage);
            }
        });
        assertThat(got).isEqualTo(expectedHosts(true)).anyMatch(h -> h.ipv6() != null);
        assertThat(summary.hosts()).isEqualTo(2500);
        assertThat(summary.pages()).isEqualTo(3);
        assertThat(pageSizes).containsExactly(1000L, 1000L, 500L);
        // IPv6-only hosts, hosts never scanned, and every IPv4 host inside the subscription.
        assertThat(got).filteredOn(h -> !h.ip().isIpv4()).hasSize(25);
        assertThat(got).filteredOn(h -> h.lastScan() == null).hasSize(192);
        assertThat(got).filteredOn(h -> h.ip().isIpv4()).allMatch(h -> SUBSCRIPTION.contains(h.ip()));
        // Pages 2 and 3 were fetched with the URL Qualys gave, including the parameter the client never sent.
        List<QualysSimulator.RequestRecord> requests = sim.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(requests.get(1).query()).contains("cloud_agent_activationkey=0", "id_min=" + HOSTS.at(1000).id());
        assertThat(requests.get(2).query()).contains("id_min=" + HOSTS.at(2000).id());
    }

    @Test
    void hostListInOneUnlimitedPageWithBasicDetailsOnAnotherApiVersion() throws Exception {
        QualysSimulator sim = simulator();
        List<QualysHost> got = new ArrayList<>();
        HostListSummary summary = client(config(sim).truncationLimit(0).hostListApiVersion("3.0"))
                .listHosts(HostDetails.BASIC, got::add);
        assertThat(summary.pages()).isEqualTo(1);
        assertThat(got).isEqualTo(expectedHosts(false));
        assertThat(sim.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/3.0/fo/asset/host/");
            assertThat(r.params()).containsEntry("truncation_limit", "0").containsEntry("details", "Basic");
        });
    }

    @Test
    void hostIdsOnly() throws Exception {
        QualysSimulator sim = simulator();
        List<Long> ids = new ArrayList<>();
        client(config(sim).truncationLimit(700)).listHosts(HostDetails.NONE, h -> {
            assertThat(h.ip()).isNull();
            ids.add(h.id());
        });
        assertThat(ids).isEqualTo(expectedHosts(false).stream().map(QualysHost::id).toList());
        assertThat(sim.callCount(Endpoint.HOST_LIST)).isEqualTo(4);
    }

    @Test
    void addIpsSplitsLongListsIntoPostedChunksWithVmEnabled() throws Exception {
        QualysSimulator sim = simulator();
        IpRangeSet toAdd = scattered("10.99.0.", 200).union(IpRangeSet.parseList("10.99.1.0/24, 10.99.2.7"));
        QualysClient client = client(config(sim).maxPostBytes(1024));
        int planned = client.sizes().ipChunkCount(toAdd);
        client.addIps(toAdd);
        assertThat(sim.addedIps()).isEqualTo(toAdd);
        assertThat(sim.subscription()).isEqualTo(SUBSCRIPTION.union(toAdd));
        assertThat(sim.addRequests()).hasSize(planned).hasSizeGreaterThan(1);
        assertThat(sim.requests()).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.query()).isEqualTo("action=add");
            assertThat(r.params()).containsEntry("enable_vm", "1");
            assertThat(r.bodyBytes()).as("form body, commas encoded").isLessThanOrEqualTo(1024);
        });
    }

    @Test
    void ipv6IsRefusedBeforeAnythingIsSent() throws Exception {
        QualysSimulator sim = simulator();
        QualysClient client = client(sim);
        IpRangeSet mixed = IpRangeSet.parseList("10.99.0.1, 2001:db8::1");
        assertThatThrownBy(() -> client.addIps(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPv4 only").hasMessageContaining("2001:db8::1");
        assertThatThrownBy(() -> client.replaceAssetGroupIps(1, mixed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.createAssetGroup("g", mixed)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.callCount(Endpoint.ANY)).isZero();
    }

    @Test
    void assetGroupLifecycle() throws Exception {
        QualysSimulator sim = simulator();
        QualysClient client = client(config(sim).maxPostBytes(1024));
        assertThat(client.findAssetGroupByTitle("Asset Manager_DISCOVERED")).isEmpty();
        AssetGroup existing = client.findAssetGroupByTitle("Windows servers").orElseThrow();
        assertThat(existing.ips()).isEqualTo(IpRangeSet.parseList("10.10.0.0/24"));
        assertThat(client.findAssetGroupById(existing.id())).contains(existing);

        IpRangeSet initial = IpRangeSet.parseList("10.10.1.1, 10.10.1.3");
        long id = client.createAssetGroup("Asset Manager_DISCOVERED", initial);
        assertThat(sim.groupId("Asset Manager_DISCOVERED")).contains(id);
        assertThat(client.findAssetGroupByTitle("Asset Manager_DISCOVERED"))
                .contains(new AssetGroup(id, "Asset Manager_DISCOVERED", initial));

        // Many scattered addresses: one set_ips plus add_ips chunks, ending with exactly the set.
        IpRangeSet scattered = scattered("10.20.0.", 250);
        client.replaceAssetGroupIps(id, scattered);
        assertThat(sim.groupIps(id)).contains(scattered);
        assertThat(sim.requests()).filteredOn(r -> "edit".equals(r.params().get("action")))
                .hasSizeGreaterThan(2)
                .first().satisfies(r -> assertThat(r.params()).containsKey("set_ips"));

        client.replaceAssetGroupIps(id, IpRangeSet.empty());
        assertThat(sim.groupIps(id)).contains(IpRangeSet.empty());

        sim.deleteGroup(id); // as someone using the Qualys UI would
        assertThat(client.findAssetGroupById(id)).isEmpty();
    }

    @Test
    void aGroupIsEditedByDifferenceWhenThatTakesFewerRequests() throws Exception {
        QualysSimulator sim = simulator();
        QualysClient client = client(config(sim).maxPostBytes(1024));
        IpRangeSet holds = scattered("10.20.0.", 250).union(scattered("10.20.1.", 250));
        long id = client.createAssetGroup("Asset Manager_DISCOVERED", holds);
        IpRangeSet wanted = holds.difference(IpRangeSet.parseList("10.20.0.4, 10.20.1.0-10.20.1.9"))
                .union(IpRangeSet.parseList("10.20.2.1, 10.20.2.7"));
        int before = sim.requests().size();

        IpRangeSet listed = client.findAssetGroupById(id).orElseThrow().ips();
        GroupEdits edits = client.planGroupEdits(listed, wanted);
        List<IpRangeSet> seen = new ArrayList<>();
        client.editAssetGroupIps(id, listed, edits, seen::add);

        assertThat(sim.groupIps(id)).contains(wanted);
        assertThat(edits.replaces()).isFalse();
        assertThat(sim.requests().subList(before + 1, sim.requests().size()))
                .extracting(r -> r.params().containsKey("remove_ips") ? "remove " + r.params().get("remove_ips")
                        : "add " + r.params().get("add_ips"))
                .containsExactly("remove 10.20.0.4,10.20.1.0,10.20.1.2,10.20.1.4,10.20.1.6,10.20.1.8",
                        "add 10.20.2.1,10.20.2.7");
        assertThat(seen).last().isEqualTo(wanted);

        // Nothing changed: nothing to send.
        assertThat(client.planGroupEdits(wanted, wanted).calls()).isZero();
        assertThat(client.sizes().groupEditCalls(listed, wanted)).isEqualTo(edits.calls());
        // Everything changed: a replacement takes fewer requests than removing and adding.
        GroupEdits replace = client.planGroupEdits(wanted, scattered("10.30.0.", 250));
        assertThat(replace.replaces()).isTrue();
        assertThat(replace.calls()).isEqualTo(client.sizes().ipChunkCount(scattered("10.30.0.", 250)));
        // Emptying a group is one set_ips.
        assertThat(client.planGroupEdits(wanted, IpRangeSet.empty()).edits())
                .extracting(GroupEdits.Edit::parameter).containsExactly("set_ips");
    }

    @Test
    void writeRequestsStayWithinTheBodySizeAFrontEndAccepts() throws Exception {
        QualysSimulator sim = simulator(b -> b.maxPostBytes(4096));
        IpRangeSet many = scattered("10.40.0.", 256).union(scattered("10.40.1.", 256)).union(scattered("10.40.2.", 256));
        client(config(sim).maxPostBytes(4096)).addIps(many);
        assertThat(sim.subscription()).isEqualTo(SUBSCRIPTION.union(many));
        assertThat(sim.requests()).extracting(QualysSimulator.RequestRecord::bodyBytes).allMatch(n -> n <= 4096);

        // A client that believes in larger bodies than the front end takes is refused, and says so.
        QualysSimulator strict = simulator(b -> b.maxPostBytes(2048));
        assertThatThrownBy(() -> client(config(strict).maxPostBytes(4096)).addIps(many))
                .isInstanceOf(QualysException.class).hasMessageContaining("413");
    }

    @Test
    void groupListFollowsTheNextPageUrl() throws Exception {
        QualysSimulator sim = simulator();
        long first = sim.createGroup("Branch offices", IpRangeSet.parseList("10.10.1.0/24"));
        for (int i = 0; i < 1000; i++) {
            sim.createGroup("Branch offices", IpRangeSet.empty());
        }
        assertThat(client(sim).findAssetGroupByTitle("Branch offices"))
                .contains(new AssetGroup(first, "Branch offices", IpRangeSet.parseList("10.10.1.0/24")));
        List<QualysSimulator.RequestRecord> requests = sim.requests();
        assertThat(requests).extracting(QualysSimulator.RequestRecord::method).containsExactly("POST", "GET");
        assertThat(requests.get(1).query()).contains("title=Branch+offices", "id_min=" + (first + 1000));
    }

    @Test
    void createWithALongIpSetSendsTheRestAsAddIps() throws Exception {
        QualysSimulator sim = simulator();
        IpRangeSet ips = scattered("10.10.2.", 250);
        long id = client(config(sim).maxPostBytes(1024)).createAssetGroup("big", ips);
        assertThat(sim.groupIps(id)).contains(ips);
    }

    @Test
    void rateLimitIsWaitedOutBeforeQualysHasToRefuse() throws Exception {
        QualysSimulator sim = simulator(b -> b.rateLimit(2, 1));
        QualysClient client = client(sim);
        for (int i = 0; i < 3; i++) {
            assertThat(client.listSubscribedIps()).isEqualTo(SUBSCRIPTION);
        }
        assertThat(time.waits()).as("the second answer said no calls left for 1 s").containsExactly(Duration.ofSeconds(1));
        assertThat(client.waitedSeconds()).isEqualTo(1);
        assertThat(sim.refusedByLimits()).as("calls refused with 409").isZero();
        assertThat(sim.callCount(Endpoint.IP_LIST)).isEqualTo(3);
    }

    @Test
    void aRateLimitLongerThanTheMaximumWaitFailsWithoutCalling() throws Exception {
        QualysSimulator sim = simulator(b -> b.rateLimit(1, 3600));
        QualysClient client = client(sim);
        client.listSubscribedIps();
        assertThatThrownBy(client::listSubscribedIps).isInstanceOfSatisfying(QualysException.RateLimited.class, e -> {
            assertThat(e.waitSeconds()).isEqualTo(3600);
            assertThat(e.getMessage()).contains("list subscribed IPs", "maximum wait of 5 s");
        });
        assertThat(sim.callCount(Endpoint.IP_LIST)).isEqualTo(1);
        assertThat(time.waits()).isEmpty();
    }

    @Test
    void callsInFlightStayWithinTheConcurrencyLimitQualysAnnounces() throws Exception {
        QualysSimulator sim = simulator(b -> b.concurrencyLimit(1));
        QualysClient client = client(config(sim).maxConcurrentCalls(4));
        client.listSubscribedIps(); // learns X-Concurrency-Limit-Limit: 1
        sim.inject(Endpoint.IP_LIST, 1, 4, io.assetmanager.qualys.simulator.Fault.slow(150));
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try {
                    assertThat(client.listSubscribedIps()).isEqualTo(SUBSCRIPTION);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(sim.maxConcurrentCalls()).isEqualTo(1);
        assertThat(sim.refusedByLimits()).isZero();
    }

    @Test
    void configToStringAndMessagesNeverShowThePassword() throws Exception {
        QualysSimulator sim = simulator();
        QualysConfig config = config(sim).password("Wr0ng-Secret".toCharArray()).build();
        assertThat(config.toString()).doesNotContain("Wr0ng-Secret").contains("hidden");
        QualysClient client = new QualysClient(config);
        open.add(client);
        assertThatThrownBy(client::listSubscribedIps).satisfies(e ->
                assertThat(e.getMessage()).doesNotContain("Wr0ng-Secret").doesNotContain(sim.password()));
    }
}
