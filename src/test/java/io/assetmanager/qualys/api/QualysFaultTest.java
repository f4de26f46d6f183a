package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.simulator.Endpoint;
import io.assetmanager.qualys.simulator.Fault;
import io.assetmanager.qualys.simulator.QualysSimulator;
import io.assetmanager.qualys.simulator.Scenario;
import io.assetmanager.testing.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault the simulator can show gives the typed failure, with a message naming the call and Qualys's code and text. */
class QualysFaultTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ManualClock time = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private QualysSimulator sim;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private QualysSimulator sim() throws IOException {
        sim = QualysSimulator.start(Scenario.builder().subscription(QualysClientTest.SUBSCRIPTION)
                .hosts(QualysClientTest.HOSTS).group("Windows servers", IpRangeSet.parseList("10.10.0.0/24"))
                .clock(time).build());
        open.add(sim);
        return sim;
    }

    private QualysClient client(QualysConfig.Builder b) {
        QualysClient c = new QualysClient(b.build(), time, time);
        open.add(c);
        return c;
    }

    private QualysClient client() throws IOException {
        return client(QualysClientTest.config(sim == null ? sim() : sim));
    }

    private static List<QualysHost> collect(QualysClient client) throws QualysException {
        List<QualysHost> got = new ArrayList<>();
        client.listHosts(got::add);
        return got;
    }

    // ------------------------------------------------------------------------------------------------ 5xx

    @Test
    void aSingleServerErrorOnAListIsRetried() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.IP_LIST, Fault.httpError(503));
        assertThat(client.listSubscribedIps()).isEqualTo(QualysClientTest.SUBSCRIPTION);
        assertThat(sim.callCount(Endpoint.IP_LIST)).isEqualTo(2);
        assertThat(time.waits()).as("the configured retry back-off").containsExactly(Duration.ofMillis(20));
    }

    @Test
    void serverErrorsOnEveryAttemptOfPageTwoGiveServerError() throws Exception {
        QualysClient client = client();
        sim.inject(Endpoint.HOST_LIST, 2, 3, Fault.httpError(500));
        List<QualysHost> got = new ArrayList<>();
        assertThatThrownBy(() -> client.listHosts(got::add)).isInstanceOfSatisfying(QualysException.ServerError.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(500);
            assertThat(e.qualysCode()).contains(999);
            assertThat(e.getMessage()).contains("list scanned hosts", "999", "Internal error. Please contact customer support.");
        });
        assertThat(got).hasSize(1000);
        assertThat(sim.callCount(Endpoint.HOST_LIST)).isEqualTo(4);
        assertThat(time.waits()).as("back-off times the attempt").containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
    }

    @Test
    void maintenance1999AndAnHtmlProxyPageAreServerErrors() throws Exception {
        QualysClient client = client(QualysClientTest.config(sim()).maxAttempts(1));
        sim.injectNext(Endpoint.GROUP_LIST, Fault.httpError(503));
        assertThatThrownBy(() -> client.findAssetGroupById(1)).isInstanceOf(QualysException.ServerError.class)
                .hasMessageContaining("1999").hasMessageContaining("scheduled maintenance");
        sim.injectNext(Endpoint.GROUP_LIST, Fault.httpError(502));
        assertThatThrownBy(() -> client.findAssetGroupById(1)).isInstanceOf(QualysException.ServerError.class)
                .hasMessageContaining("HTTP 502").hasMessageContaining("Bad Gateway");
    }

    // ---------------------------------------------------------------------------------------------- paging

    /** The query of the simulator's next-page URL to the page that starts with host {@code index}. */
    private static String pageQuery(long index) {
        return "action=list&details=All&truncation_limit=1000&cloud_agent_activationkey=0&id_min="
                + QualysClientTest.HOSTS.at(index).id();
    }

    @Test
    void aNextPageUrlThatGoesBackToAnEarlierPageFailsTheList() throws Exception {
        QualysClient client = client();
        // Pages 1, 2 (A), 3 (B), and page 3 links back to A: not the same URL twice in a row, a loop all the same.
        sim.inject(Endpoint.HOST_LIST, 3, 1, Fault.nextPage(pageQuery(1000)));
        List<QualysHost> got = new ArrayList<>();
        assertThatThrownBy(() -> client.listHosts(got::add)).isInstanceOfSatisfying(
                QualysException.MalformedResponse.class, e -> assertThat(e.getMessage()).contains("list scanned hosts",
                        "next-page URL after page 3 repeats page 2", "id_min=" + QualysClientTest.HOSTS.at(1000).id(),
                        "loop"));
        assertThat(sim.callCount(Endpoint.HOST_LIST)).as("page 2 is not read again").isEqualTo(3);
        assertThat(got).hasSize(2500);
    }

    @Test
    void aNextPageTheHostsDoNotAccountForFailsTheList() throws Exception {
        QualysClient client = client();
        // The last page (500 hosts of a 1,000-host page) still links to a page nobody has asked for before.
        sim.inject(Endpoint.HOST_LIST, 3, 1, Fault.nextPage(pageQuery(2499)));
        assertThatThrownBy(() -> collect(client)).isInstanceOfSatisfying(QualysException.MalformedResponse.class,
                e -> assertThat(e.getMessage()).contains("3 pages of at most 1000 hosts brought 2500 hosts",
                        "yet Qualys gave page 4", "more pages than the totals allow",
                        "id_min=" + QualysClientTest.HOSTS.at(2499).id()));
        assertThat(sim.callCount(Endpoint.HOST_LIST)).isEqualTo(3);
    }

    @Test
    void oneUntruncatedPageAllowsNoNextPageAndFullPagesAllowOneMore() {
        assertThat(QualysClient.hostPagesAllowed(1, 10, 0)).get().asString().contains("truncation_limit=0");
        assertThat(QualysClient.hostPagesAllowed(2, 2000, 1000)).isEmpty();
        assertThat(QualysClient.hostPagesAllowed(2, 1999, 1000)).get().asString().contains("more pages than the");
    }

    // ---------------------------------------------------------------------------------------- connection cut

    @Test
    void aConnectionCutMidPageResumesWithoutDuplicates() throws Exception {
        QualysClient client = client();
        sim.inject(Endpoint.HOST_LIST, 2, 1, Fault.cutAfter(120_000));
        List<QualysHost> got = collect(client);
        assertThat(got).isEqualTo(QualysClientTest.expectedHosts(true));
        Set<Long> ids = new HashSet<>();
        got.forEach(h -> assertThat(ids.add(h.id())).isTrue());
        assertThat(sim.callCount(Endpoint.HOST_LIST)).isEqualTo(4);
    }

    @Test
    void aConnectionCutOnEveryAttemptIsATransportFailure() throws Exception {
        QualysClient client = client();
        sim.inject(Endpoint.HOST_LIST, 1, 3, Fault.cutAfter(50_000));
        assertThatThrownBy(() -> collect(client)).isInstanceOfSatisfying(QualysException.Transport.class, e -> {
            assertThat(e.httpStatus()).isZero();
            assertThat(e.getMessage()).contains("list scanned hosts", "after 50000 bytes", "Premature EOF");
        });
    }

    // ------------------------------------------------------------------------------------------------- slow

    @Test
    void aSlowAnswerPastTheReadTimeoutIsATransportFailureAndOneSlowAnswerIsRetried() throws Exception {
        QualysClient client = client(QualysClientTest.config(sim()).readTimeout(Duration.ofMillis(300)));
        sim.inject(Endpoint.IP_LIST, 1, 3, Fault.slow(1200));
        assertThatThrownBy(client::listSubscribedIps).isInstanceOfSatisfying(QualysException.Transport.class, e ->
                assertThat(e.getMessage()).contains("list subscribed IPs", "read timeout", "300 ms"));
        sim.clearFaults();
        sim.injectNext(Endpoint.IP_LIST, Fault.slow(1200));
        assertThat(client.listSubscribedIps()).isEqualTo(QualysClientTest.SUBSCRIPTION);
    }

    // -------------------------------------------------------------------------------- malformed and XXE

    @Test
    void malformedXmlIsAMalformedResponse() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.HOST_LIST, Fault.malformedXml());
        assertThatThrownBy(() -> collect(client)).isInstanceOf(QualysException.MalformedResponse.class)
                .hasMessageContaining("list scanned hosts").hasMessageContaining("not the XML Qualys documents");
        assertThat(sim.callCount(Endpoint.HOST_LIST)).as("not retried").isEqualTo(1);
    }

    @Test
    void anExternalEntityIsNeverResolved(@TempDir Path dir) throws Exception {
        String secret = "SECRET-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        QualysClient client = client();

        sim.injectNext(Endpoint.HOST_LIST, Fault.xxe(file.toString()));
        List<QualysHost> got = new ArrayList<>();
        assertThatThrownBy(() -> client.listHosts(got::add)).isInstanceOf(QualysException.MalformedResponse.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret).contains("xxe"));
        assertThat(got).isEmpty();

        // Where the entity sits in Qualys's error TEXT, which would end up in the message.
        sim.injectNext(Endpoint.GROUP_EDIT, Fault.xxe(file.toString()));
        assertThatThrownBy(() -> client.replaceAssetGroupIps(7_000_001L, IpRangeSet.parseList("10.10.0.1")))
                .isInstanceOf(QualysException.MalformedResponse.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    // ---------------------------------------------------------------------------------------------- account

    @Test
    void anExpiredAccountArrivesWithHttp200AndIsNotRetried() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.IP_LIST, Fault.accountExpired());
        assertThatThrownBy(client::listSubscribedIps).isInstanceOfSatisfying(QualysException.AccountProblem.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(200);
            assertThat(e.qualysCode()).contains(2001);
            assertThat(e.qualysText()).contains("This account has expired.");
            assertThat(e.getMessage()).contains("list subscribed IPs", "2001", "This account has expired.");
        });
        assertThat(sim.callCount(Endpoint.IP_LIST)).isEqualTo(1);
    }

    @Test
    void badCredentialsAreNeverRetried() throws Exception {
        sim();
        QualysClient wrong = client(QualysClientTest.config(sim).password("not-the-password".toCharArray()));
        assertThatThrownBy(wrong::testConnection).isInstanceOfSatisfying(QualysException.BadCredentials.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.qualysCode()).contains(2000);
            assertThat(e.getMessage()).contains("test connection", "2000", "Bad Login/Password")
                    .doesNotContain("not-the-password");
        });
        assertThat(sim.callCount(Endpoint.ANY)).isEqualTo(1);

        // On a POST that changes something, too.
        QualysClient right = client();
        sim.injectNext(Endpoint.GROUP_EDIT, Fault.badCredentials());
        assertThatThrownBy(() -> right.replaceAssetGroupIps(7_000_001L, IpRangeSet.parseList("10.10.0.1")))
                .isInstanceOf(QualysException.BadCredentials.class).hasMessageContaining("Bad Login/Password");
        assertThat(sim.callCount(Endpoint.GROUP_EDIT)).isEqualTo(1);
        assertThat(sim.callCount(Endpoint.GROUP_LIST)).as("no re-list either").isZero();
    }

    @Test
    void aLicenceRefusalOnAddIsAnAccountProblemAndAddsNothing() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.IP_ADD, Fault.licenceRefusal());
        assertThatThrownBy(() -> client.addIps(IpRangeSet.parseList("10.77.0.1")))
                .isInstanceOfSatisfying(QualysException.AccountProblem.class, e -> assertThat(e.getMessage())
                        .contains("add IPs to the subscription", "2012", "User license is not authorized to run this API"));
        assertThat(sim.subscription()).isEqualTo(QualysClientTest.SUBSCRIPTION);
    }

    @Test
    void aBadParameterIsABadRequestQuotingQualys() throws Exception {
        QualysClient client = client();
        assertThatThrownBy(() -> client.replaceAssetGroupIps(42, IpRangeSet.parseList("10.0.0.1")))
                .isInstanceOfSatisfying(QualysException.BadRequest.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("edit asset group IPs", "1905", "parameter id has invalid value: 42");
                });
    }

    // ----------------------------------------------------------------------------------------------- limits

    @Test
    void a409RateLimitIsWaitedOutWhenShortEnough() throws Exception {
        QualysClient client = client(QualysClientTest.config(sim()).maxRateLimitWait(Duration.ofMinutes(5)));
        sim.injectNext(Endpoint.IP_LIST, Fault.rateLimited(60));
        assertThat(client.listSubscribedIps()).isEqualTo(QualysClientTest.SUBSCRIPTION);
        assertThat(time.waits()).as("waited as X-RateLimit-ToWait-Sec asked").containsExactly(Duration.ofSeconds(60));
        assertThat(client.waitedSeconds()).isEqualTo(60);
        assertThat(sim.callCount(Endpoint.IP_LIST)).isEqualTo(2);
    }

    @Test
    void withoutTheWaitHeaderTheWaitInTheBodyIsUsed() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.IP_LIST, Fault.rateLimitedWithoutWaitHeader(2));
        assertThat(client.listSubscribedIps()).isEqualTo(QualysClientTest.SUBSCRIPTION);
        assertThat(time.waits()).as("SECONDS_TO_WAIT").containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a409RateLimitLongerThanTheMaximumFailsClearly() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.IP_ADD, Fault.rateLimited(100));
        assertThatThrownBy(() -> client.addIps(IpRangeSet.parseList("10.77.0.1")))
                .isInstanceOfSatisfying(QualysException.RateLimited.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.waitSeconds()).isEqualTo(100);
                    assertThat(e.getMessage()).contains("add IPs to the subscription", "1965",
                            "This API cannot be run again for another 1 minute and 40 seconds.", "maximum wait of 5 s");
                });
        assertThat(sim.callCount(Endpoint.IP_ADD)).isEqualTo(1);
    }

    @Test
    void a409ConcurrencyLimitIsRetriedThenReported() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.IP_LIST, Fault.concurrencyLimited());
        assertThat(client.listSubscribedIps()).isEqualTo(QualysClientTest.SUBSCRIPTION);
        assertThat(time.waits()).containsExactly(Duration.ofMillis(20));

        sim.inject(Endpoint.IP_LIST, 1, 100, Fault.concurrencyLimited());
        assertThatThrownBy(client::listSubscribedIps).isInstanceOfSatisfying(QualysException.ConcurrencyLimited.class, e ->
                assertThat(e.getMessage()).contains("list subscribed IPs", "1960",
                        "This API cannot be run again until 1 currently running API instance has finished."));
        assertThat(time.waits().subList(1, time.waits().size())).as("ten retries, each waiting one back-off longer")
                .isEqualTo(IntStream.rangeClosed(1, 10).mapToObj(n -> Duration.ofMillis(20L * n)).toList());
        assertThat(sim.callCount(Endpoint.IP_LIST)).isEqualTo(2 + 11);
    }

    // ------------------------------------------------------------------ timeouts on calls that change things

    @Test
    void anAddThatTimedOutButHappenedIsNotRepeated() throws Exception {
        QualysClient client = client(QualysClientTest.config(sim()).readTimeout(Duration.ofMillis(400)));
        sim.injectNext(Endpoint.IP_ADD, Fault.applyThenHang(1500));
        IpRangeSet ips = IpRangeSet.parseList("10.77.0.1-10.77.0.9");
        client.addIps(ips);
        assertThat(sim.addRequests()).containsExactly("10.77.0.1-10.77.0.9");
        assertThat(sim.callCount(Endpoint.IP_LIST)).as("re-listed to check").isEqualTo(1);
        assertThat(sim.subscription().difference(QualysClientTest.SUBSCRIPTION)).isEqualTo(ips);
    }

    @Test
    void anAddThatFailedAndDidNotHappenIsReportedNotRepeated() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.IP_ADD, Fault.httpError(500));
        assertThatThrownBy(() -> client.addIps(IpRangeSet.parseList("10.77.0.1")))
                .isInstanceOf(QualysException.Transport.class)
                .hasMessageContaining("not applied").hasMessageContaining("999");
        assertThat(sim.callCount(Endpoint.IP_ADD)).isEqualTo(1);
        assertThat(sim.addRequests()).isEmpty();
    }

    @Test
    void anEditThatTimedOutIsCheckedByListingTheGroup() throws Exception {
        QualysClient client = client(QualysClientTest.config(sim()).readTimeout(Duration.ofMillis(400)));
        long id = sim.groupId("Windows servers").orElseThrow();
        IpRangeSet ips = IpRangeSet.parseList("10.10.0.5, 10.10.0.9");
        sim.injectNext(Endpoint.GROUP_EDIT, Fault.applyThenHang(1500));
        client.replaceAssetGroupIps(id, ips);
        assertThat(sim.groupIps(id)).contains(ips);
        assertThat(sim.callCount(Endpoint.GROUP_EDIT)).isEqualTo(1);

        sim.injectNext(Endpoint.GROUP_EDIT, Fault.httpError(500));
        assertThatThrownBy(() -> client.replaceAssetGroupIps(id, IpRangeSet.parseList("10.10.0.77")))
                .isInstanceOf(QualysException.Transport.class).hasMessageContaining("was not applied");
        assertThat(sim.groupIps(id)).contains(ips);
    }

    @Test
    void aCreateThatTimedOutFindsTheGroupInsteadOfCreatingASecond() throws Exception {
        QualysClient client = client(QualysClientTest.config(sim()).readTimeout(Duration.ofMillis(400)));
        sim.injectNext(Endpoint.GROUP_ADD, Fault.applyThenHang(1500));
        long id = client.createAssetGroup("Asset Manager_DISCOVERED", IpRangeSet.parseList("10.10.1.1"));
        assertThat(sim.groupId("Asset Manager_DISCOVERED")).contains(id);
        assertThat(sim.groupCount()).isEqualTo(2);
        assertThat(sim.callCount(Endpoint.GROUP_ADD)).isEqualTo(1);
    }

    @Test
    void aLongCreateThatTimedOutIsCompletedByAddingWhatTheFoundGroupLacks() throws Exception {
        QualysClient client = client(QualysClientTest.config(sim()).readTimeout(Duration.ofMillis(400)).maxPostBytes(1024));
        IpRangeSet ips = QualysClientTest.scattered("10.10.1.", 250);
        sim.injectNext(Endpoint.GROUP_ADD, Fault.applyThenHang(1500));
        long id = client.createAssetGroup("Asset Manager_DISCOVERED", ips);
        assertThat(sim.groupId("Asset Manager_DISCOVERED")).contains(id);
        assertThat(sim.groupIps(id)).contains(ips);
        assertThat(sim.callCount(Endpoint.GROUP_ADD)).isEqualTo(1);
        assertThat(sim.requests()).filteredOn(r -> "edit".equals(r.params().get("action"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.params()).containsKey("add_ips").doesNotContainKey("set_ips"));
    }

    @Test
    void aCreateThatFailedAndDidNotHappenIsReportedNotRepeated() throws Exception {
        QualysClient client = client();
        sim.injectNext(Endpoint.GROUP_ADD, Fault.httpError(500));
        assertThatThrownBy(() -> client.createAssetGroup("Asset Manager_DISCOVERED", IpRangeSet.parseList("10.10.1.1")))
                .isInstanceOf(QualysException.Transport.class).hasMessageContaining("create asset group")
                .hasMessageContaining("no group titled \"Asset Manager_DISCOVERED\" exists; it was not repeated");
        assertThat(sim.callCount(Endpoint.GROUP_ADD)).isEqualTo(1);
        assertThat(sim.callCount(Endpoint.GROUP_LIST)).as("looked up by title once").isEqualTo(1);
        assertThat(sim.groupCount()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsATransportFailure() throws Exception {
        sim();
        QualysConfig.Builder cfg = QualysClientTest.config(sim).maxAttempts(1);
        sim.close();
        QualysClient client = client(cfg);
        assertThatThrownBy(client::listSubscribedIps).isInstanceOf(QualysException.Transport.class)
                .hasMessageContaining("cannot connect to 127.0.0.1");
    }
}
