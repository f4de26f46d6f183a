package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRangeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.xml.stream.XMLStreamException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every saved Qualys response in ../shared/reference/qualys-samples (see its INDEX.md) read by the client's own
 * readers. Documentation excerpts with prose around them are cut to their XML part; where an excerpt elides parts
 * with "...", the test says how it is completed.
 */
class QualysSamplesTest {

    private static final Path SAMPLES = Path.of("..", "shared", "reference", "qualys-samples");
    private static final Set<String> COVERED = new TreeSet<>();

    @BeforeAll
    static void samplesPresent() {
        assumeTrue(Files.isDirectory(SAMPLES), "Qualys samples not found at " + SAMPLES.toAbsolutePath()
                + " (../shared is absent): sample tests skipped");
    }

    private static String read(String name) throws IOException {
        COVERED.add(name);
        return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String from(String text, String marker) {
        int i = text.indexOf(marker);
        assertThat(i).as("marker %s", marker).isGreaterThanOrEqualTo(0);
        return text.substring(i);
    }

    private static String between(String text, String start, String end) {
        int i = text.indexOf(start);
        int j = text.lastIndexOf(end);
        assertThat(i).isGreaterThanOrEqualTo(0);
        assertThat(j).isGreaterThan(i);
        return text.substring(i, j + end.length());
    }

    private static List<QualysHost> hosts(String xml, QualysXml.HostPage[] page) throws Exception {
        List<QualysHost> hosts = new ArrayList<>();
        page[0] = QualysXml.readHostPage(stream(xml), hosts::add);
        return hosts;
    }

    /** Parses the .http.txt header block ("name: value" lines). */
    private static RateLimitStatus headers(String text) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).matches("[A-Za-z-]+")) {
                h.put(line.substring(0, colon), List.of(line.substring(colon + 1).strip()));
            }
        }
        return RateLimitStatus.fromHeaders(h, Instant.EPOCH);
    }

    private static QualysRequestExecutor.Call call(String name) {
        return QualysRequestExecutor.Call.post(name, URI.create("https://qualysapi.example"), "/api/2.0/fo/asset/ip/",
                "list", Map.of(), true);
    }

    // ------------------------------------------------------------------------------------------ SIMPLE_RETURN

    @Test
    void ipAddSuccess() throws Exception {
        QualysXml.SimpleReturn sr = QualysXml.readSuccess(stream(read("demisto_ip_add_success_simple_return.xml")));
        assertThat(sr.code()).isNull();
        assertThat(sr.text()).isEqualTo("IPs successfully added to Vulnerability Management");
        assertThat(sr.datetime()).isEqualTo("2021-03-24T15:40:23Z");
    }

    @Test
    void ipsDoNotExist1905IsABadRequestQuotingQualys() throws Exception {
        QualysXml.SimpleReturn sr = QualysXml.readSimpleReturn(stream(read("demisto_simple_return_1905_ips_do_not_exist.xml")));
        assertThat(sr.code()).isEqualTo(1905);
        assertThat(sr.text()).isEqualTo("IP(s) do not exist.");
        QualysException e = QualysRequestExecutor.classify(call("list subscribed IPs"), 400, sr, RateLimitStatus.NONE, null);
        assertThat(e).isInstanceOf(QualysException.BadRequest.class);
        assertThat(e.getMessage()).contains("list subscribed IPs", "1905", "IP(s) do not exist.");
    }

    @Test
    void concurrencyLimit1960() throws Exception {
        QualysXml.SimpleReturn sr = QualysXml.readSimpleReturn(stream(read("doc-derived_simple_return_1960_concurrency_limit.xml")));
        assertThat(sr.code()).isEqualTo(1960);
        assertThat(sr.text()).isEqualTo("This API cannot be run again until 1 currently running API instance has finished.");
        assertThat(sr.item("CALLS_TO_FINISH")).isEqualTo("2");
        QualysException e = QualysRequestExecutor.classify(call("list scanned hosts"), 409, sr, RateLimitStatus.NONE, null);
        assertThat(e).isInstanceOf(QualysException.ConcurrencyLimited.class);
        assertThat(e.getMessage()).contains("1960", "currently running API instance");
    }

    @Test
    void rateLimit1965TakesTheWaitFromTheBodyWhenNoHeaderSaysIt() throws Exception {
        QualysXml.SimpleReturn sr = QualysXml.readSimpleReturn(stream(read("doc-derived_simple_return_1965_rate_limit.xml")));
        assertThat(sr.code()).isEqualTo(1965);
        assertThat(sr.item("SECONDS_TO_WAIT")).isEqualTo("68928");
        QualysException e = QualysRequestExecutor.classify(call("list scanned hosts"), 409, sr, RateLimitStatus.NONE, null);
        assertThat(e).isInstanceOfSatisfying(QualysException.RateLimited.class,
                r -> assertThat(r.waitSeconds()).isEqualTo(68928));
        assertThat(e.getMessage()).contains("1965", "23 hours, 57 minutes and 54 seconds", "68928 s");
    }

    @Test
    void assetGroupEditWithLeadingBlanksAndItemList() throws Exception {
        QualysXml.SimpleReturn sr = QualysXml.readSuccess(stream(read("go-unidentified_asset_group_edit_simple_return.xml")));
        assertThat(sr.text()).isEqualTo("Asset Group Updated Successfully");
        assertThat(sr.item("ID")).isEqualTo("1759735");
    }

    @Test
    void badIds1905WithoutXmlDeclaration() throws Exception {
        for (String name : List.of("graph-qualys_simple_return_1905_bad_ids_detection.xml",
                "graph-qualys_simple_return_1905_bad_ids_kb.xml")) {
            QualysXml.SimpleReturn sr = QualysXml.readSimpleReturn(stream(read(name)));
            assertThat(sr.code()).isEqualTo(1905);
            assertThat(sr.text()).isEqualTo("parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)");
            RateLimitStatus limits = headers(read(name + ".http.txt"));
            assertThat(limits.limit()).isEqualTo(300);
            assertThat(limits.windowSeconds()).isEqualTo(3600);
            assertThat(limits.concurrencyLimit()).isEqualTo(2);
            assertThat(limits.concurrencyRunning()).isEqualTo(0);
            assertThat(limits.toWaitSeconds()).isEqualTo(0);
            QualysException e = QualysRequestExecutor.classify(call("list scanned hosts"), 400, sr, limits, null);
            assertThat(e).isInstanceOf(QualysException.BadRequest.class);
            assertThat(e.getMessage()).contains("1905", "parameter ids has invalid value: abc123");
        }
        assertThat(headers(read("graph-qualys_simple_return_1905_bad_ids_detection.xml.http.txt")).remaining()).isEqualTo(295);
        assertThat(headers(read("graph-qualys_simple_return_1905_bad_ids_kb.xml.http.txt")).remaining()).isEqualTo(292);
    }

    @Test
    void accountExpired2001ArrivesWithHttp200AndNoLimitHeaders() throws Exception {
        String xml = read("graph-qualys_simple_return_2001_account_expired.xml");
        assertThat(headers(read("graph-qualys_simple_return_2001_account_expired.xml.http.txt")).isKnown()).isFalse();
        // Where the client expected a host list, the error document is recognised, not misread as an empty list.
        assertThatThrownBy(() -> QualysXml.readHostPage(stream(xml), h -> { }))
                .isInstanceOfSatisfying(QualysXml.ErrorDocument.class, d -> {
                    assertThat(d.simpleReturn.code()).isEqualTo(2001);
                    assertThat(d.simpleReturn.text()).isEqualTo("This account has expired.");
                    QualysException e = QualysRequestExecutor.classify(call("test connection"), 200, d.simpleReturn,
                            RateLimitStatus.NONE, null);
                    assertThat(e).isInstanceOf(QualysException.AccountProblem.class);
                    assertThat(e.getMessage()).contains("test connection", "2001", "This account has expired.", "HTTP 200");
                });
    }

    @Test
    void qpsEnvelopeIsRefusedNotMisread() throws Exception {
        String xml = read("graph-qualys_qps_invalid_credentials.xml");
        assertThat(headers(read("graph-qualys_qps_invalid_credentials.xml.http.txt")).isKnown()).isFalse();
        assertThatThrownBy(() -> QualysXml.readHostPage(stream(xml), h -> { }))
                .isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("expected HOST_LIST_OUTPUT but the answer is ServiceResponse");
    }

    @Test
    void networkCreateAndUpdateItemLists() throws Exception {
        QualysXml.SimpleReturn create = QualysXml.readSuccess(stream(from(
                read("docctr_network_create_simple_return_item_list.txt"), "<?xml")));
        assertThat(create.text()).isEqualTo("Network created with ID");
        assertThat(create.item("ID")).as("keys are matched without regard to case").isEqualTo("1103");
        QualysXml.SimpleReturn update = QualysXml.readSuccess(stream(from(
                read("docctr_network_update_simple_return_item_list.txt"), "<?xml")));
        assertThat(update.text()).isEqualTo("Network updated");
        assertThat(update.item("id")).isEqualTo("1103");
        assertThat(update.item("name")).isEqualTo("Network 123");
    }

    @Test
    void virtualHostCreate() throws Exception {
        QualysXml.SimpleReturn sr = QualysXml.readSuccess(stream(from(read("docctr_vhost_create_simple_return.txt"), "<?xml")));
        assertThat(sr.text()).isEqualTo("Virtual host successfully created.");
        assertThat(sr.items()).isEmpty();
        assertThat(sr.datetime()).isEqualTo("2018-04-27T08:45:22Z");
    }

    @Test
    void batchReturnIsNotMistakenForASimpleReturn() throws Exception {
        String xml = from(read("docctr_host_purge_batch_return.txt"), "<?xml");
        assertThatThrownBy(() -> QualysXml.readSimpleReturn(stream(xml)))
                .isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("expected SIMPLE_RETURN but the answer is BATCH_RETURN");
    }

    // -------------------------------------------------------------------------------------------- host list

    @Test
    void hostListIdSetWithRateHeaders() throws Exception {
        QualysXml.HostPage[] page = new QualysXml.HostPage[1];
        List<QualysHost> hosts = hosts(read("graph-qualys_host_list_id_set.xml"), page);
        assertThat(hosts).containsExactly(new QualysHost(107800671L, null, null, null, null, null, null));
        assertThat(page[0].warning()).isNull();
        assertThat(page[0].datetime()).isEqualTo("2020-09-29T21:33:33Z");
        RateLimitStatus limits = headers(read("graph-qualys_host_list_id_set.xml.http.txt"));
        assertThat(limits).isEqualTo(new RateLimitStatus(300, 3600, 295, 0, 2, 0, Instant.EPOCH));
    }

    @Test
    void emptyHostListsHaveNoListElement() throws Exception {
        QualysXml.HostPage[] page = new QualysXml.HostPage[1];
        assertThat(hosts(read("graph-qualys_host_list_empty.xml"), page)).isEmpty();
        assertThat(page[0].hosts()).isZero();
        assertThat(page[0].datetime()).isEqualTo("2020-09-24T23:51:12Z");
        assertThat(headers(read("graph-qualys_host_list_empty.xml.http.txt")).remaining()).isEqualTo(297);

        assertThat(hosts(read("graph-qualys_host_list_vm_processed_window.xml"), page)).isEmpty();
        assertThat(page[0].datetime()).isEqualTo("2022-10-28T16:56:25Z");
        assertThat(headers(read("graph-qualys_host_list_vm_processed_window.xml.http.txt")).remaining()).isEqualTo(296);
    }

    @Test
    void truncatedHostListWithPaddedCdataUrl() throws Exception {
        QualysXml.HostPage[] page = new QualysXml.HostPage[1];
        List<QualysHost> hosts = hosts(read("guide-transcribed_host_list_truncated_warning.xml"), page);
        assertThat(hosts).containsExactly(new QualysHost(135151L, io.assetmanager.net.IpAddress.parse("11.11.1.111"),
                "i-0bb87c3281243cdfd", null, "Amazon Linux 2016.09", "EC2", Instant.parse("2017-03-21T13:39:38Z")));
        QualysXml.Warning w = page[0].warning();
        assertThat(w.isNextPage()).isTrue();
        assertThat(w.code()).isEqualTo(1980);
        assertThat(w.text()).isEqualTo("100 record limit exceeded. Use URL to get next batch of results.");
        assertThat(w.url()).isEqualTo("https://qualysapi.p01.eng.sjc01.qualys.com/api/4.0/fo/asset/host/?action=list"
                + "&details=None&truncation_limit=100&cloud_agent_activationkey=0&id_min=145359");
    }

    @Test
    void ec2HostWithMetadataAndLineWrappedDates() throws Exception {
        QualysXml.HostPage[] page = new QualysXml.HostPage[1];
        List<QualysHost> hosts = hosts(from(read("docctr_host_list_ec2_metadata.txt"), "<!DOCTYPE"), page);
        assertThat(hosts).containsExactly(new QualysHost(135151L, io.assetmanager.net.IpAddress.parse("10.97.5.247"),
                "i-0bb87c3281243cdfd", null, "Amazon Linux 2016.09", "EC2", Instant.parse("2017-03-21T13:39:38Z")));
        assertThat(page[0].warning()).isNull();
    }

    @Test
    void detailsAllHostAndAnElidedExcerptIsNotAcceptedAsComplete() throws Exception {
        String text = read("docctr_host_list_details_all_ags.txt");
        QualysHost expected = new QualysHost(2872568L, io.assetmanager.net.IpAddress.parse("10.10.25.182"), null,
                "COM-REG-SLES102", "Linux 2.4-2.6 / Embedded Device / F5 Networks Big-IP / Linux 2.6", "IP",
                Instant.parse("2017-02-05T19:48:17Z"));
        // As printed, the excerpt drops "</HOST_LIST></RESPONSE>": the host streams out, then the reader refuses the
        // document instead of treating a cut-off list as complete.
        List<QualysHost> streamed = new ArrayList<>();
        assertThatThrownBy(() -> QualysXml.readHostPage(stream(from(text, "<HOST_LIST_OUTPUT>")), streamed::add))
                .isInstanceOf(XMLStreamException.class);
        assertThat(streamed).containsExactly(expected);
        // Completed with the elided closing tags, it reads cleanly.
        String completed = "<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST>" + between(text, "<HOST>", "</HOST>")
                + "</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>";
        QualysXml.HostPage[] page = new QualysXml.HostPage[1];
        assertThat(hosts(completed, page)).containsExactly(expected);
    }

    @Test
    void detailsAllKeepsBothVulnerabilityScanDatesAndJudgesFreshnessByTheLater() throws Exception {
        String host = between(read("docctr_host_list_details_all_ags.txt"), "<HOST>", "</HOST>");
        QualysXml.HostPage[] page = new QualysXml.HostPage[1];
        QualysHost asPrinted = hosts(hostList(host), page).get(0);
        assertThat(asPrinted.lastVulnScan()).isEqualTo(Instant.parse("2017-02-05T19:48:17Z"));
        assertThat(asPrinted.lastVmScanned()).isEqualTo(Instant.parse("2017-02-05T19:48:17Z"));
        assertThat(asPrinted.lastScan()).isEqualTo(Instant.parse("2017-02-05T19:48:17Z"));

        // The same host scanned again since: the end date of the last VM scan is later than the vulnerability scan's.
        QualysHost scannedAgain = hosts(hostList(host.replace(
                "<LAST_VM_SCANNED_DATE>2017-02-05T19:48:17Z", "<LAST_VM_SCANNED_DATE>2017-03-01T08:00:00Z")), page).get(0);
        assertThat(scannedAgain.lastVulnScan()).isEqualTo(Instant.parse("2017-02-05T19:48:17Z"));
        assertThat(scannedAgain.lastVmScanned()).isEqualTo(Instant.parse("2017-03-01T08:00:00Z"));
        assertThat(scannedAgain.lastScan()).isEqualTo(Instant.parse("2017-03-01T08:00:00Z"));

        // Only one of the dates (an agent-scanned host): that one; neither: never scanned.
        QualysHost vmOnly = hosts(hostList(host.replaceAll("<LAST_VULN_SCAN_DATETIME>[^<]*</LAST_VULN_SCAN_DATETIME>",
                "")), page).get(0);
        assertThat(vmOnly.lastVulnScan()).isNull();
        assertThat(vmOnly.lastScan()).isEqualTo(Instant.parse("2017-02-05T19:48:17Z"));
        QualysHost never = hosts(hostList(host.replaceAll("<LAST_VULN_SCAN_DATETIME>[^<]*</LAST_VULN_SCAN_DATETIME>", "")
                .replaceAll("<LAST_VM_SCANNED_DATE>[^<]*</LAST_VM_SCANNED_DATE>", "")), page).get(0);
        assertThat(never.lastScan()).isNull();
        assertThat(never.lastVmScanned()).isNull();
    }

    /** One HOST element of a sample as a whole host list page. */
    private static String hostList(String host) {
        return "<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST>" + host + "</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>";
    }

    @Test
    void warning1980Excerpts() throws Exception {
        QualysXml.HostPage[] page = new QualysXml.HostPage[1];
        // The excerpt starts at RESPONSE; the root element it elides is added.
        hosts("<HOST_LIST_OUTPUT>" + between(read("docctr_host_list_warning_1980.txt"), "<RESPONSE>", "</RESPONSE>")
                + "</HOST_LIST_OUTPUT>", page);
        assertThat(page[0].warning().isNextPage()).isTrue();
        assertThat(page[0].warning().text()).isEqualTo("1000 record limit exceeded. Use URL to get next batch of results.");
        assertThat(page[0].warning().url()).isEqualTo("https://qualysapi.qualys.com/api/2.0/fo/asset/host/?action=list&id_min=2400356");

        // Host detection uses the same WARNING; only the WARNING element of that excerpt is complete.
        hosts("<HOST_LIST_OUTPUT><RESPONSE>" + between(read("docctr_hld_truncation_warning.txt"), "<WARNING>", "</WARNING>")
                + "</RESPONSE></HOST_LIST_OUTPUT>", page);
        assertThat(page[0].warning().code()).isEqualTo(1980);
        assertThat(page[0].warning().text()).isEqualTo("100 record limit exceeded. Use URL to get next batch of results.");
        assertThat(page[0].warning().url()).endsWith("/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=100&id_min=5641289");
    }

    // ----------------------------------------------------------------------------------------- asset groups

    @Test
    void assetGroupListSingleWithTrailingComment() throws Exception {
        QualysXml.GroupPage page = QualysXml.readAssetGroups(stream(read("go-unidentified_asset_group_list_single.xml")));
        assertThat(page.groups()).containsExactly(new AssetGroup(1759735L, "AG - Elastic Cloud Dynamic Perimeter",
                IpRangeSet.parseList("10.1.1.1, 10.10.10.11")));
        assertThat(page.warning()).isNull();
    }

    @Test
    void assetGroupListMultiWithAppliancesAndMixedIpSet() throws Exception {
        QualysXml.GroupPage page = QualysXml.readAssetGroups(stream(read("go-unidentified_asset_group_list_multi.xml")));
        // The first group lists its appliances (DEFAULT_APPLIANCE_ID, APPLIANCE_IDS) but no NETWORK_ID.
        assertThat(page.groups()).containsExactly(
                new AssetGroup(1759734L, "AG - New", IpRangeSet.empty(), null, 105102L, List.of(105102L)),
                new AssetGroup(1759735L, "AG - Elastic Cloud Dynamic Perimeter",
                        IpRangeSet.parseList("10.10.10.3-10.10.10.6, 10.10.10.14")));
    }

    @Test
    void assetGroupListWithEchoedRequestAndElision() throws Exception {
        QualysXml.GroupPage page = QualysXml.readAssetGroups(stream(read("qualysdocs_agms_asset_group_list.xml")));
        assertThat(page.groups()).containsExactly(
                new AssetGroup(1024368L, "AG_VM_1", IpRangeSet.parseList("10.10.30.10-10.10.30.30"), 0L, null,
                        List.of()),
                new AssetGroup(7038084L, "Windows", IpRangeSet.parseList("10.10.10.81"), 0L, null, List.of()));
    }

    // ------------------------------------------------------------------------------------------ rate headers

    @Test
    void guideHeaderSetsClassify409sByTheirHeaders() throws Exception {
        String[] samples = read("guide-transcribed_rate_limit_headers.txt").split("# Sample");
        RateLimitStatus ok = headers(samples[1]);
        RateLimitStatus rate = headers(samples[2]);
        RateLimitStatus concurrency = headers(samples[3]);
        assertThat(ok).isEqualTo(new RateLimitStatus(15, 360, 4, 0, 3, 1, Instant.EPOCH));
        assertThat(rate.toWaitSeconds()).isEqualTo(181);
        assertThat(rate.remaining()).isZero();
        assertThat(concurrency.toWaitSeconds()).isNull();
        assertThat(concurrency.remaining()).isNull();
        assertThat(concurrency.concurrencyRunning()).isEqualTo(3);
        // A 409 whose body could not be read is still told apart by its headers.
        assertThat(QualysRequestExecutor.classify(call("list"), 409, null, rate, null))
                .isInstanceOfSatisfying(QualysException.RateLimited.class, r -> assertThat(r.waitSeconds()).isEqualTo(181));
        assertThat(QualysRequestExecutor.classify(call("list"), 409, null, concurrency, null))
                .isInstanceOf(QualysException.ConcurrencyLimited.class).hasMessageContaining("3 of 3 allowed calls running");
    }

    // ---------------------------------------------------------------------------------------------- coverage

    @Test
    void everySampleFileIsCovered() throws Exception {
        // Runs the other tests' reads in this instance too, so the check does not depend on test order.
        for (var m : List.of("ipAddSuccess", "ipsDoNotExist1905IsABadRequestQuotingQualys", "concurrencyLimit1960",
                "rateLimit1965TakesTheWaitFromTheBodyWhenNoHeaderSaysIt", "assetGroupEditWithLeadingBlanksAndItemList",
                "badIds1905WithoutXmlDeclaration", "accountExpired2001ArrivesWithHttp200AndNoLimitHeaders",
                "qpsEnvelopeIsRefusedNotMisread", "networkCreateAndUpdateItemLists", "virtualHostCreate",
                "batchReturnIsNotMistakenForASimpleReturn", "hostListIdSetWithRateHeaders", "emptyHostListsHaveNoListElement",
                "truncatedHostListWithPaddedCdataUrl", "ec2HostWithMetadataAndLineWrappedDates",
                "detailsAllHostAndAnElidedExcerptIsNotAcceptedAsComplete", "warning1980Excerpts",
                "assetGroupListSingleWithTrailingComment", "assetGroupListMultiWithAppliancesAndMixedIpSet",
                "assetGroupListWithEchoedRequestAndElision", "guideHeaderSetsClassify409sByTheirHeaders")) {
            getClass().getDeclaredMethod(m).invoke(this);
        }
        Set<String> present;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("INDEX.md"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(COVERED).as("sample files read by these tests").containsAll(present);
    }
}
