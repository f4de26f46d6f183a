package io.assetmanager.it;

import static io.assetmanager.it.SyncApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inventory end to end on Payara Micro with the packaged WAR: the REST API over HTTP (every upload format,
 * merge and replace, paging, order and filters, rejected uploads, limits, roles, export) and the Inventory page in
 * a real Chromium. Every test starts from an empty inventory and leaves it empty.
 */
@ExtendWith(ArquillianExtension.class)
class InventoryIT {

    private static final String API = "/api/v1/indexed-hosts";
    /** The upload limit the build gives the test server (ASSETMANAGER_INVENTORY_MAX_UPLOAD_BYTES in pom.xml). */
    private static final int TEST_UPLOAD_LIMIT = 1024 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.packagedWar();
    }

    @RegisterExtension
    static final AssetManagerExtension app = AssetManagerExtension.forApplication();

    @ArquillianResource
    private URL base;

    private WebSession http;

    @BeforeEach
    void startEmpty() {
        http = app.anonymous();
        emptyInventory();
    }

    /** Also after each test, so that later test classes on a shared database find no hosts of ours. */
    @AfterEach
    void emptyInventory() {
        for (String range : new String[] {"0.0.0.0/0", "::/0"}) {
            assertThat(delete(API + "?range=" + encode(range), "admin").statusCode()).isEqualTo(200);
        }
        assertThat(total()).isZero();
    }

    @Test
    void mergeAddsAndUpdatesAndReplaceRemovesWhatTheUploadDoesNotList() {
        assertThat(counts(upload("text/plain", "", "10.0.0.1\n10.0.0.2\n10.0.0.3\n"))).isEqualTo("3 3 0 0 0");
        // The same addresses again, one new: nothing to update, the known ones are unchanged.
        assertThat(counts(upload("text/plain", "", "10.0.0.3\n10.0.0.2\n10.0.0.4\n"))).isEqualTo("3 1 0 2 0");
        // A hostname for a known host is an update; an absent detail keeps the stored one.
        assertThat(counts(upload("text/csv", "", "ip,hostname\n10.0.0.1,web-1\n10.0.0.2,\n"))).isEqualTo("2 0 1 1 0");
        assertThat(counts(upload("text/plain", "", "10.0.0.1\n"))).isEqualTo("1 0 0 1 0");
        assertThat(host("10.0.0.1").getString("hostname")).isEqualTo("web-1");
        assertThat(total()).isEqualTo(4);

        HttpResponse<String> replaced = upload("text/plain", "?mode=replace&source=weekly-scan",
                "10.0.0.2\n10.0.0.4\n10.0.0.9\n");
        assertThat(counts(replaced)).isEqualTo("3 1 0 2 2");
        assertThat(json(replaced.body()).getString("mode")).isEqualTo("replace");
        assertThat(addresses(list(""))).containsExactly("10.0.0.2", "10.0.0.4", "10.0.0.9");
        assertThat(host("10.0.0.9").getString("source")).isEqualTo("weekly-scan");
        assertThat(host("10.0.0.2").getString("source")).isEqualTo("weekly-scan");
    }

    /**
     * Another change holds the inventory (here the test itself, as an upload or a sync run on another instance would,
     * by holding the dashboard counts' row): an upload waits the deployment's inventory lock wait (20 s in the tests),
     * then gets 409 with the reason, and nothing of it is written; once the other change is over, the same upload
     * passes.
     */
    @Test
    void anUploadThatClashesWithAnotherChangeGets409AndWritesNothing() throws Exception {
        assertThat(counts(upload("text/plain", "", "10.0.0.1\n"))).isEqualTo("1 1 0 0 0");
        try (java.sql.Connection other = ServerDatabase.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (var st = other.createStatement();
                    var rs = st.executeQuery("SELECT count_indexed FROM coverage_counts WHERE id = 1 FOR UPDATE")) {
                assertThat(rs.next()).isTrue();
            }
            HttpResponse<String> clash = upload("text/plain", "?mode=replace", "10.0.0.2\n10.0.0.3\n");
            other.rollback();
            assertThat(clash.statusCode()).as(clash.body()).isEqualTo(409);
            assertThat(json(clash.body()).getString("error")).startsWith("The inventory was not changed: another"
                    + " change of the inventory, or a sync run storing its snapshot, held the dashboard counts for"
                    + " more than 20 s").endsWith("Nothing was written; send it again in a minute.");
        }
        assertThat(addresses(list(""))).as("nothing of the refused upload").containsExactly("10.0.0.1");
        assertThat(counts(upload("text/plain", "?mode=replace", "10.0.0.2\n10.0.0.3\n"))).isEqualTo("2 2 0 0 1");
        assertThat(addresses(list(""))).containsExactly("10.0.0.2", "10.0.0.3");
    }

    @Test
    void csvJsonAndNmapXmlUploadsKeepTheirDetails() throws IOException {
        assertThat(counts(upload("text/csv; charset=UTF-8", "", """
                ip,hostname,mac,zone
                10.1.0.1,web-1,00-1a-2b-3c-4d-5e,DMZ
                2001:db8::10,db.example.org,,core
                """))).isEqualTo("2 2 0 0 0");
        JsonObject web = host("10.1.0.1");
        assertThat(web.getString("mac")).isEqualTo("00:1A:2B:3C:4D:5E");
        assertThat(web.getString("zone")).isEqualTo("DMZ");
        assertThat(web.getString("source")).isEqualTo("api:admin");
        assertThat(web.getString("firstSeen")).isEqualTo(web.getString("lastSeen"));

        // A host is an address in a zone: 10.1.0.1 in DMZ-2 is another device than the one in DMZ.
        assertThat(counts(upload("application/json", "", """
                [{"ip": "10.1.0.1", "zone": "DMZ-2"}, {"ip": "10.1.0.2", "hostname": "web-2"}]
                """))).isEqualTo("2 2 0 0 0");
        JsonArray twins = list("?range=10.1.0.1").getJsonArray("hosts");
        assertThat(twins).extracting(h -> h.asJsonObject().getString("zone") + " "
                + h.asJsonObject().getString("hostname", "-")).containsExactly("DMZ web-1", "DMZ-2 -");
        assertThat(host("10.1.0.2").getString("hostname")).isEqualTo("web-2");
        assertThat(host("10.1.0.2").getString("zone")).as("no zone given").isEqualTo("default");
        HttpResponse<String> badZone = delete(API + "/10.1.0.1?zone=" + encode("a\u0007b"), "admin");
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(badZone.body()).contains("zone: ");
        HttpResponse<String> deleted = delete(API + "/10.1.0.1?zone=DMZ-2", "admin");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(json(deleted.body()).getInt("removed")).isEqualTo(1);
        assertThat(host("10.1.0.1").getString("zone")).as("the host in DMZ stays").isEqualTo("DMZ");
        HttpResponse<String> gone = delete(API + "/10.1.0.1?zone=DMZ-2", "admin");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("10.1.0.1 is not an indexed host in zone DMZ-2");

        String nmap = resource("/nmap/nmap-ports-127.0.0.1.xml");
        assertThat(counts(upload("application/xml", "?source=nmap", nmap))).isEqualTo("1 1 0 0 0");
        assertThat(host("127.0.0.1").getString("hostname")).isEqualTo("localhost");
        assertThat(counts(upload("text/xml", "", resource("/nmap/nmap-ping-127.0.0.1.xml")))).isEqualTo("1 0 0 1 0");
        // A list scan reports no host as up: nothing to index.
        assertThat(counts(upload("application/xml", "", resource("/nmap/nmap-list-127.0.0.1.xml"))))
                .isEqualTo("0 0 0 0 0");
        assertThat(total()).isEqualTo(4);
    }

    @Test
    void listsArePagedInAddressOrderAcrossFamiliesAndFiltered() {
        List<String> lines = new ArrayList<>(List.of("10.0.0.10", "10.0.0.9", "::1", "2001:db8::1", "192.168.1.1",
                "9.255.255.255", "fe80::1", "2001:db8::2", "10.0.1.0", "128.0.0.1"));
        Collections.shuffle(lines, new Random(7));
        assertThat(counts(upload("text/plain", "", String.join("\n", lines)))).isEqualTo("10 10 0 0 0");
        assertThat(counts(upload("text/csv", "", "ip,hostname\n10.0.0.9,Web-Nine\n10.0.0.10,db-ten\n192.168.1.1,web_x\n")))
                .isEqualTo("3 0 3 0 0");

        List<String> all = new ArrayList<>();
        String next = null;
        do {
            JsonObject page = list("?limit=3" + (next == null ? "" : "&after=" + encode(next)));
            assertThat(page.getInt("total")).isEqualTo(10);
            all.addAll(addresses(page));
            next = page.isNull("next") ? null : page.getString("next");
        } while (next != null);
        assertThat(all).containsExactly("::1", "9.255.255.255", "10.0.0.9", "10.0.0.10", "10.0.1.0", "128.0.0.1",
                "192.168.1.1", "2001:db8::1", "2001:db8::2", "fe80::1");
        assertThat(addresses(list("?offset=4&limit=2"))).containsExactly("10.0.1.0", "128.0.0.1");

        JsonObject cidr = list("?range=" + encode("10.0.0.0/24"));
        assertThat(addresses(cidr)).containsExactly("10.0.0.9", "10.0.0.10");
        assertThat(cidr.getInt("total")).isEqualTo(2);
        assertThat(addresses(list("?range=" + encode("10.0.0.10-200.0.0.0")))).containsExactly("10.0.0.10",
                "10.0.1.0", "128.0.0.1", "192.168.1.1");
        assertThat(addresses(list("?range=" + encode("2001:db8::/32")))).containsExactly("2001:db8::1", "2001:db8::2");
        assertThat(addresses(list("?hostname=WEB"))).containsExactly("10.0.0.9", "192.168.1.1");
        // LIKE wildcards in the filter are plain characters.
        assertThat(addresses(list("?hostname=_"))).containsExactly("192.168.1.1");
        assertThat(addresses(list("?hostname=web&range=" + encode("192.168.0.0/16")))).containsExactly("192.168.1.1");

        HttpResponse<String> badRange = http.send(basic(API + "?range=10.0.0.0/33", "viewer").GET().build());
        assertThat(badRange.statusCode()).isEqualTo(400);
        assertThat(json(badRange.body()).getString("error")).contains("10.0.0.0/33").contains("prefix length");

        // 10.0.0.9 in zone lab too: a page that ends with its default zone's host goes on with lab's.
        assertThat(counts(upload("text/csv", "", "ip,zone\n10.0.0.9,lab\n"))).isEqualTo("1 1 0 0 0");
        List<String> hosts = new ArrayList<>();
        String after = "";
        do {
            JsonObject page = list("?range=" + encode("10.0.0.0/24") + "&limit=1" + after);
            page.getJsonArray("hosts").forEach(h -> hosts.add(h.asJsonObject().getString("ip") + " "
                    + h.asJsonObject().getString("zone")));
            after = page.isNull("next") ? null
                    : "&after=" + encode(page.getString("next")) + "&afterZone=" + encode(page.getString("nextZone"));
        } while (after != null);
        assertThat(hosts).containsExactly("10.0.0.9 default", "10.0.0.9 lab", "10.0.0.10 default");
        HttpResponse<String> lonely = http.send(basic(API + "?afterZone=lab", "viewer").GET().build());
        assertThat(lonely.statusCode()).isEqualTo(400);
        assertThat(lonely.body()).contains("afterZone: give it with after");
        HttpResponse<String> badZone = http.send(basic(API + "?zone=" + encode("a\u0007b"), "viewer").GET().build());
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(badZone.body()).contains("zone: ");
        HttpResponse<String> emptyZone = delete(API + "/10.0.0.9?zone=", "admin");
        assertThat(emptyZone.statusCode()).as("an empty zone deletes nothing, in no zone").isEqualTo(400);
        assertThat(emptyZone.body()).contains("zone: empty");
        assertThat(list("?range=10.0.0.9").getInt("total")).isEqualTo(2);
    }

    @Test
    void aBadUploadIsRejectedWithItsLinesAndWritesNothing() {
        upload("text/plain", "", "10.2.0.1\n10.2.0.2\n");

        HttpResponse<String> text = upload("text/plain", "?mode=replace", "10.2.0.3\n10.2.0.300\n\nnot-an-ip\n");
        assertThat(text.statusCode()).isEqualTo(400);
        JsonObject rejected = json(text.body());
        assertThat(rejected.getString("error")).contains("nothing was written");
        assertThat(rejected.getInt("problemCount")).isEqualTo(2);
        assertThat(problems(rejected)).containsExactly("2 ip", "4 ip");

        JsonObject csv = json(upload("text/csv", "", "ip,owner\n10.2.0.9,me\n").body());
        assertThat(problems(csv)).containsExactly("1 unknown column 'owner' (known columns: ip, hostname, mac, zone)");
        JsonObject mac = json(upload("text/csv", "", "ip,mac\n10.2.0.9,00:11:22\n10.2.0.10,aa:bb:cc:dd:ee:ff\n").body());
        assertThat(problems(mac)).containsExactly("2 mac");
        JsonObject brokenJson = json(upload("application/json", "", "[\n{\"ip\": \"10.2.0.9\"},\n{\"ip\": }\n]").body());
        assertThat(problems(brokenJson)).singleElement().asString().startsWith("3 broken JSON");
        JsonObject brokenXml = json(upload("application/xml", "", "<nmaprun>\n<host>\n</nmaprun>").body());
        assertThat(problems(brokenXml)).singleElement().asString().startsWith("3 broken XML");
        JsonObject xxe = json(upload("application/xml", "", "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun [\n"
                + "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<nmaprun><host><status state=\"up\"/>"
                + "<address addr=\"10.2.0.9\" addrtype=\"ipv4\"/><hostnames><hostname name=\"&xxe;\"/></hostnames>"
                + "</host></nmaprun>").body());
        assertThat(problems(xxe)).singleElement().asString().contains("DOCTYPE with declarations");
        HttpResponse<String> wrongType = upload("application/octet-stream", "", "10.2.0.9\n");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType.body()).toString()).contains("application/octet-stream").contains("text/csv");
        assertThat(upload("text/plain", "?mode=everything", "10.2.0.9\n").statusCode()).isEqualTo(400);

        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 150; i++) {
            many.append("10.2.1.").append(i).append(i % 2 == 0 ? "\n" : "x\n");
        }
        JsonObject lots = json(upload("text/plain", "", many.toString()).body());
        assertThat(lots.getInt("problemCount")).isEqualTo(75);
        assertThat(lots.getJsonArray("problems")).hasSize(75);
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            more.append("bad\n");
        }
        JsonObject capped = json(upload("text/plain", "", more.toString()).body());
        assertThat(capped.getInt("problemCount")).isEqualTo(130);
        assertThat(capped.getJsonArray("problems")).hasSize(100);
        assertThat(capped.getString("error")).contains("the first 100 listed");

        assertThat(addresses(list(""))).containsExactly("10.2.0.1", "10.2.0.2");
    }

    @Test
    void uploadsOverTheSizeLimitAreRefusedWhetherTheirLengthIsDeclaredOrNot() {
        // HTTP/1.1: the JDK client's HTTP/2 (h2c) streams wait forever for a server that answers before reading the
        // whole body, which is what this test needs the server to do (curl reads the early answer either way).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] big = lines(TEST_UPLOAD_LIMIT / 10 + 1000);
        assertThat(big.length).isGreaterThan(TEST_UPLOAD_LIMIT);
        HttpResponse<String> declared = send(client, basic(API, "admin").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared.body()).getString("error")).contains("limit of " + TEST_UPLOAD_LIMIT + " bytes");
        // Without a Content-Length (chunked), the count of bytes read stops it.
        HttpResponse<String> streamed = send(client, basic(API, "admin").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(json(streamed.body()).getString("error")).contains("larger than the limit");
        assertThat(total()).isZero();
        byte[] fits = lines(60_000);
        assertThat(fits.length).isLessThan(TEST_UPLOAD_LIMIT);
        HttpResponse<String> accepted = send(client, basic(API, "admin").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fits))).build());
        assertThat(counts(accepted)).isEqualTo("60000 60000 0 0 0");
        assertThat(total()).isEqualTo(60_000);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call to " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void viewersReadAdminsWriteAnonymousCallersAreAskedToLogIn() {
        upload("text/plain", "", "10.3.0.1\n10.3.0.2\n10.3.0.3\n");
        assertThat(http.get(API).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(http.resolve(API)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("10.3.0.9")).build()).statusCode()).isEqualTo(401);

        HttpResponse<String> viewerList = http.send(basic(API, "viewer").GET().build());
        assertThat(viewerList.statusCode()).isEqualTo(200);
        assertThat(json(viewerList.body()).getInt("total")).isEqualTo(3);
        HttpResponse<String> viewerUpload = http.send(basic(API, "viewer").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("10.3.0.9\n")).build());
        assertThat(viewerUpload.statusCode()).isEqualTo(403);
        assertThat(delete(API + "/10.3.0.1", "viewer").statusCode()).isEqualTo(403);
        assertThat(delete(API + "?range=" + encode("10.3.0.0/24"), "viewer").statusCode()).isEqualTo(403);
        assertThat(total()).isEqualTo(3);

        HttpResponse<String> one = delete(API + "/10.3.0.1", "admin");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one.body()).getInt("removed")).isEqualTo(1);
        assertThat(delete(API + "/10.3.0.1", "admin").statusCode()).isEqualTo(404);
        assertThat(delete(API, "admin").statusCode()).isEqualTo(400);
        HttpResponse<String> range = delete(API + "?range=" + encode("10.3.0.2-10.3.0.255"), "admin");
        assertThat(json(range.body()).getInt("removed")).isEqualTo(2);
        assertThat(total()).isZero();
    }

    @Test
    void theCsvExportIsInAddressOrderAndDefusesFormulas() {
        upload("text/csv", "?source=" + encode("=HYPERLINK(\"http://evil\")"),
                "ip,hostname,zone\n10.4.0.2,b,\"-1+1\"\n10.4.0.1,a,@zone\n2001:db8::4,c,\n");
        HttpResponse<String> csv = http.send(basic(API + "?range=" + encode("10.4.0.0/24"), "viewer")
                .header("Accept", "text/csv").GET().build());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("ip,hostname,mac,zone,source,first_seen,last_seen");
        assertThat(rows).hasSize(3);
        assertThat(rows[1]).startsWith("10.4.0.1,a,,'@zone,\"'=HYPERLINK(\"\"http://evil\"\")\",");
        assertThat(rows[2]).startsWith("10.4.0.2,b,,'-1+1,");

        WebSession page = app.session("viewer");
        HttpResponse<String> pageExport = page.get("/inventory/export.csv?hostname=c");
        assertThat(pageExport.statusCode()).isEqualTo(200);
        assertThat(pageExport.body().split("\r\n")).hasSize(2);
        assertThat(pageExport.body()).contains("\r\n2001:db8::4,c,,default,");
        assertThat(app.anonymous().get("/inventory/export.csv").statusCode()).isEqualTo(302);
    }

    @Test
    void theInventoryPageUploadsShowsTheSummaryAndPagesThroughTheRows() throws IOException {
        WebSession viewer = app.session("viewer");
        HttpResponse<String> viewerPage = viewer.get("/inventory.xhtml");
        assertThat(viewerPage.statusCode()).isEqualTo(200);
        assertThat(viewerPage.body()).contains("hostsForm:hosts").doesNotContain("uploadForm", "Delete range");

        StringBuilder csv = new StringBuilder("ip,hostname\n");
        for (int i = 1; i <= 120; i++) {
            csv.append("10.5.0.").append(i).append(",host-").append(i).append('\n');
        }
        Path file = Files.createTempFile("inventory-", ".csv");
        Files.writeString(file, csv);
        Path bad = Files.createTempFile("inventory-bad-", ".txt");
        Files.writeString(bad, "10.5.1.1\n10.5.1.2\nnot-an-address\n");

        Browser browser = app.browser("admin");
        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1400, 1000));
        browser.open("/inventory.xhtml");
        assertThat(driver.findElement(By.cssSelector("label[for='uploadForm:source']")).getText())
                .contains("Source");
        assertThat(driver.findElement(By.cssSelector("label[for='hostsForm:rangeFilter']")).getText())
                .isEqualTo("IP, range or CIDR");

        driver.findElement(By.cssSelector("#uploadForm\\:file input[type=file]")).sendKeys(file.toString());
        WebElement preview = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("uploadPreviewText")).stream().findFirst().orElse(null));
        assertThat(preview.getText()).contains("will add 120, update 0, remove 0");
        assertThat(total()).as("picking a file writes nothing").isZero();
        driver.findElement(By.id("uploadForm:applyUpload")).click();
        WebElement summary = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("uploadForm:uploadSummary")).stream().findFirst().orElse(null));
        assertThat(summary.getText()).contains("120 hosts in the upload (merge): 120 added, 0 updated, 0 unchanged, 0 removed");
        browser.waitForAjax();
        assertThat(cells(driver, 1)).hasSize(50).startsWith("host-1", "host-2", "host-3").endsWith("host-50");
        assertThat(driver.findElement(By.cssSelector("#hostsForm\\:hosts .ui-paginator-current")).getText())
                .isEqualTo("1-50 of 120 hosts");

        driver.findElement(By.cssSelector("#hostsForm\\:hosts .ui-paginator-next")).click();
        browser.waitForAjax();
        assertThat(cells(driver, 1)).hasSize(50).startsWith("host-51").endsWith("host-100");
        driver.findElement(By.cssSelector("#hostsForm\\:hosts .ui-paginator-last")).click();
        browser.waitForAjax();
        assertThat(cells(driver, 1)).containsExactlyElementsOf(hostNames(101, 120));
        driver.findElement(By.cssSelector("#hostsForm\\:hosts .ui-paginator-prev")).click();
        browser.waitForAjax();
        assertThat(cells(driver, 1)).hasSize(50).startsWith("host-51");

        driver.findElement(By.xpath("//th[.//span[text()='Hostname']]")).click();
        browser.waitForAjax();
        assertThat(cells(driver, 1)).startsWith("host-1", "host-10", "host-100", "host-101");

        WebElement range = driver.findElement(By.id("hostsForm:rangeFilter"));
        range.sendKeys("10.5.0.10-10.5.0.12");
        driver.findElement(By.id("hostsForm:applyFilter")).click();
        browser.waitForAjax();
        assertThat(cells(driver, 0)).containsExactly("10.5.0.10", "10.5.0.11", "10.5.0.12");
        assertThat(driver.findElement(By.id("hostsForm:export")).getAttribute("href"))
                .endsWith("/inventory/export.csv?range=10.5.0.10-10.5.0.12");

        driver.findElement(By.cssSelector("#uploadForm\\:file input[type=file]")).sendKeys(bad.toString());
        WebElement problems = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("uploadProblems")).stream().findFirst().orElse(null));
        assertThat(problems.getText()).contains("was rejected and nothing was written: 1 problem(s)")
                .contains("line 3: ip: 'not-an-address'");
        assertThat(total()).isEqualTo(120);
    }

    @Test
    void replaceAndDeleteByRangeShowWhatTheyWouldDoAndWaitForATypedConfirmation() throws IOException {
        assertThat(counts(upload("text/plain", "", "10.7.0.1\n10.7.0.2\n10.7.0.3\n10.8.0.1\n")))
                .isEqualTo("4 4 0 0 0");
        Path file = Files.createTempFile("inventory-replace-", ".csv");
        Files.writeString(file, "ip,hostname\n10.7.0.1,renamed\n10.7.0.9,new-host\n");

        Browser browser = app.browser("admin");
        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1400, 1000));
        browser.open("/inventory.xhtml");
        driver.findElement(By.cssSelector("label[for='uploadForm:mode:1']")).click();
        browser.waitForAjax();
        driver.findElement(By.cssSelector("#uploadForm\\:file input[type=file]")).sendKeys(file.toString());
        WebElement preview = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("uploadPreviewText")).stream().findFirst().orElse(null));
        assertThat(preview.getText()).contains("(2 hosts, replace): will add 1, update 1, remove 3");
        assertThat(total()).as("picking a file writes nothing").isEqualTo(4);

        driver.findElement(By.id("uploadForm:applyUpload")).click();
        browser.waitForAjax();
        assertThat(driver.findElement(By.id("uploadPreview")).getText())
                .contains("Type REPLACE to remove every host the file does not list; nothing was written");
        assertThat(total()).as("Apply without the typed word writes nothing").isEqualTo(4);
        driver.findElement(By.id("uploadForm:confirmation")).sendKeys("REPLACE");
        driver.findElement(By.id("uploadForm:applyUpload")).click();
        WebElement summary = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("uploadForm:uploadSummary")).stream().findFirst().orElse(null));
        assertThat(summary.getText()).contains("1 added, 1 updated, 0 unchanged, 3 removed");
        assertThat(addresses(list(""))).containsExactly("10.7.0.1", "10.7.0.9");

        driver.findElement(By.id("hostsForm:deleteRange")).sendKeys("10.7.0.0/24");
        driver.findElement(By.id("hostsForm:deleteRangeButton")).click();
        WebElement deletePreview = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("deletePreviewText")).stream().findFirst().orElse(null));
        assertThat(deletePreview.getText()).contains("Will delete 2 indexed host(s) in 10.7.0.0-10.7.0.255");
        assertThat(total()).as("asking to delete deletes nothing").isEqualTo(2);
        driver.findElement(By.id("hostsForm:confirmDeleteRange")).click();
        browser.waitForAjax();
        assertThat(driver.findElement(By.id("deletePreview")).getText())
                .contains("Type DELETE to delete these hosts; nothing was deleted");
        assertThat(total()).isEqualTo(2);
        driver.findElement(By.id("hostsForm:deleteConfirmation")).sendKeys("DELETE");
        driver.findElement(By.id("hostsForm:confirmDeleteRange")).click();
        browser.waitForAjax();
        assertThat(driver.findElement(By.id("hostsForm:messages")).getText())
                .contains("2 host(s) deleted in 10.7.0.0-10.7.0.255");
        assertThat(total()).isZero();
    }

    /**
     * An nmap scan has no zone column: the page's Zone field gives its hosts one, the Zone filter (the zones present,
     * the default zone for hosts without one) shows them a page at a time, and the export holds the same rows.
     */
    @Test
    void anNmapUploadGetsTheZoneGivenAndThePageFiltersAndExportsByZone() throws IOException {
        assertThat(counts(upload("text/csv", "", "ip,hostname,zone\n10.6.1.1,cmdb-1,lab\n10.6.1.2,cmdb-2,\n")))
                .isEqualTo("2 2 0 0 0");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner=\"nmap\">\n");
        for (int i = 1; i <= 60; i++) {
            xml.append("<host><status state=\"up\"/><address addr=\"10.6.0.").append(i)
                    .append("\" addrtype=\"ipv4\"/><hostnames><hostname name=\"scan-").append(i)
                    .append("\" type=\"PTR\"/></hostnames></host>\n");
        }
        Path scan = Files.createTempFile("inventory-scan-", ".xml");
        Files.writeString(scan, xml.append("</nmaprun>\n"));

        Browser browser = app.browser("admin");
        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1400, 1000));
        browser.open("/inventory.xhtml");
        WebElement zone = driver.findElement(By.id("uploadForm:zone"));
        zone.sendKeys("DMZ", Keys.TAB);
        browser.waitForAjax();
        driver.findElement(By.cssSelector("#uploadForm\\:file input[type=file]")).sendKeys(scan.toString());
        WebElement preview = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("uploadPreviewText")).stream().findFirst().orElse(null));
        assertThat(preview.getText()).contains("(60 hosts, merge, zone DMZ where the file gives none): will add 60");
        driver.findElement(By.id("uploadForm:applyUpload")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("uploadForm:uploadSummary")).stream().findFirst().orElse(null));
        browser.waitForAjax();

        driver.findElement(By.id("hostsForm:zoneFilter")).click();
        WebElement panel = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(
                By.id("hostsForm:zoneFilter_panel")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(panel.findElements(By.cssSelector("li")).stream().map(WebElement::getText).toList())
                .containsExactly("All zones", "DMZ", "default (hosts without a zone)", "lab");
        panel.findElement(By.xpath(".//li[normalize-space()='DMZ']")).click();
        browser.clickAndWait(driver.findElement(By.id("hostsForm:applyFilter")));
        assertThat(driver.findElement(By.cssSelector("#hostsForm\\:hosts .ui-paginator-current")).getText())
                .isEqualTo("1-50 of 60 hosts");
        assertThat(cells(driver, 0)).hasSize(50).startsWith("10.6.0.1", "10.6.0.2").endsWith("10.6.0.50");
        assertThat(cells(driver, 3)).hasSize(50).containsOnly("DMZ");
        browser.clickAndWait(driver.findElement(By.cssSelector("#hostsForm\\:hosts .ui-paginator-next")));
        assertThat(cells(driver, 0)).hasSize(10).startsWith("10.6.0.51").endsWith("10.6.0.60");
        browser.clickAndWait(driver.findElement(By.cssSelector("#hostsForm\\:hosts .ui-paginator-prev")));
        assertThat(cells(driver, 0)).hasSize(50).startsWith("10.6.0.1").endsWith("10.6.0.50");

        String href = driver.findElement(By.id("hostsForm:export")).getAttribute("href");
        assertThat(href).endsWith("/inventory/export.csv?zone=DMZ");
        HttpResponse<String> export = app.session("viewer").get("/inventory/export.csv?zone=DMZ");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).matches(
                "attachment; filename=\"inventory_zone-DMZ_\\d{4}-\\d{2}-\\d{2}\\.csv\"");
        String[] rows = export.body().split("\r\n");
        assertThat(rows).hasSize(61);
        assertThat(rows[1]).startsWith("10.6.0.1,scan-1,,DMZ,upload:admin:" + scan.getFileName() + ",");
        assertThat(rows[60]).startsWith("10.6.0.60,scan-60,,DMZ,");

        driver.findElement(By.id("hostsForm:zoneFilter")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(
                By.xpath("//div[@id='hostsForm:zoneFilter_panel']//li[normalize-space()='default (hosts without a zone)']"))
                .isDisplayed() ? d : null);
        driver.findElement(By.xpath(
                "//div[@id='hostsForm:zoneFilter_panel']//li[normalize-space()='default (hosts without a zone)']")).click();
        browser.clickAndWait(driver.findElement(By.id("hostsForm:applyFilter")));
        assertThat(cells(driver, 0)).containsExactly("10.6.1.2");
        assertThat(cells(driver, 3)).as("a host without a zone is in the default zone").containsExactly("default");

        assertThat(list("?zone=DMZ&limit=1").getInt("total")).isEqualTo(60);
        assertThat(addresses(list("?zone=default"))).containsExactly("10.6.1.2");
        HttpResponse<String> badZone = upload("text/plain", "?zone=" + encode("a\u0007b"), "10.6.2.1\n");
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(badZone.body()).contains("the zone parameter: 'a\\\\u0007b' contains a control character");
        assertThat(total()).as("a rejected upload writes nothing").isEqualTo(62);
    }

    private static List<String> hostNames(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            names.add("host-" + i);
        }
        return names;
    }

    private static List<String> cells(WebDriver driver, int column) {
        return driver.findElements(By.cssSelector("#hostsForm\\:hosts tbody tr td:nth-child(" + (column + 1) + ")"))
                .stream().map(WebElement::getText).toList();
    }

    private HttpResponse<String> upload(String contentType, String query, String body) {
        return http.send(basic(API + query, "admin").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> delete(String path, String user) {
        return http.send(basic(path, user).DELETE().build());
    }

    private JsonObject list(String query) {
        HttpResponse<String> response = http.send(basic(API + query, "viewer").GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private long total() {
        return list("?limit=1").getJsonNumber("total").longValue();
    }

    private JsonObject host(String ip) {
        JsonArray hosts = list("?range=" + encode(ip)).getJsonArray("hosts");
        assertThat(hosts).as(ip).hasSize(1);
        return hosts.getJsonObject(0);
    }

    private HttpRequest.Builder basic(String path, String user) {
        return app.api(user).request(path).timeout(Duration.ofMinutes(2));
    }

    /** "hosts added updated unchanged removed" of a successful upload. */
    private static String counts(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject counts = json(response.body());
        return counts.getInt("hosts") + " " + counts.getInt("added") + " " + counts.getInt("updated") + " "
                + counts.getInt("unchanged") + " " + counts.getInt("removed");
    }

    /** "line message-start" of each listed problem; for field problems just the field name. */
    private static List<String> problems(JsonObject rejected) {
        return rejected.getJsonArray("problems").getValuesAs(JsonObject.class).stream().map(p -> {
            String message = p.getString("message");
            int colon = message.indexOf(':');
            boolean field = colon > 0 && List.of("ip", "hostname", "mac", "zone").contains(message.substring(0, colon));
            return p.getInt("line") + " " + (field ? message.substring(0, colon) : message);
        }).toList();
    }

    private static List<String> addresses(JsonObject page) {
        return page.getJsonArray("hosts").getValuesAs(JsonObject.class).stream().map(h -> h.getString("ip")).toList();
    }

    private static byte[] lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("10.").append(100 + (i >> 16)).append('.').append((i >> 8) & 0xFF).append('.')
                    .append(i & 0xFF).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InventoryIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
