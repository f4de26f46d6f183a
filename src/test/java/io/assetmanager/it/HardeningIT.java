package io.assetmanager.it;

import static io.assetmanager.it.FacesForms.basic;
import static io.assetmanager.it.FacesForms.form;
import static io.assetmanager.it.FacesForms.nonce;
import static io.assetmanager.it.FacesForms.viewState;
import static io.assetmanager.it.SyncApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an independent black-box probe broke, each tried again the way it was found, on real HTTP (raw sockets
 * where a client must misbehave) against the packaged WAR: the disk filled through multipart posts, the stored Qualys
 * password sent to another server, Faces actions run by a GET, the login throttle passed by parallel requests and by
 * many user names, unbounded heavy reads, server details in answers, and CSV cells a spreadsheet
 * splits. docs/SECURITY.md says what each protection is. The server is the verbose-log one of SecurityIT (2 s login
 * locks); it runs in the H2 pass only, as nothing here depends on the database. Long Exclusions are tried in
 * QualysSettingsIT: this server's FINEST logging of the HTTP layer takes half a minute for a 70 kB form.
 */
@ExtendWith(ServerOutput.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "it.db", matches = "postgresql", disabledReason = "runs in the H2 pass")
class HardeningIT {

    /** Hosts of this class; removed at the end (test classes share the database on PostgreSQL). */
    private static final String TEST_RANGE = "10.252.0.0/14";
    private static final String QUALYS_USER = "hardening_user";
    private static final String QUALYS_PASSWORD = "Hd-Qualys!Pw-71c2";

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-verbose-log")
    static WebArchive deployment() {
        return Deployments.packagedWar();
    }

    @ArquillianResource
    private URL base;

    @RegisterExtension
    static final AssetManagerExtension app = AssetManagerExtension.forApplication();

    /** The admin's API login may still be locked by the throttle tests. */
    @AfterAll
    void removeTestHosts() {
        if (base != null) {
            await("the admin's API login works again", () -> admin("DELETE", "/api/v1/indexed-hosts?range="
                    + TEST_RANGE, null, null).statusCode() == 200);
        }
    }

    // ------------------------------------------------------------------------------------------ 1. the disk

    @Test
    @Order(1)
    void multipartFromAnonymousUsersAndViewersIsRefusedUnreadAndLeavesNothingOnDisk() throws Exception {
        Set<Path> before = uploadFiles();
        byte[] fiveMegabytes = multipart("file", "big.bin", new byte[5 * 1024 * 1024]);
        // Within the test server's upload limit and above what the server keeps in memory: parsed, it would be
        // written to disk.
        byte[] uploadSized = multipart("uploadForm:file", "hosts.txt", new byte[1536 * 1024]);
        String type = "multipart/form-data; boundary=" + BOUNDARY;

        Raw anonymous = raw("POST", "/login.xhtml", Map.of("Content-Type", type), fiveMegabytes, null);
        assertThat(anonymous.status).isEqualTo(415);
        assertThat(anonymous.body).contains("Only the Inventory page takes uploads");
        assertThat(raw("POST", "/index.xhtml", Map.of("Content-Type", type), fiveMegabytes, null).status)
                .isEqualTo(415);
        assertThat(raw("POST", "/inventory.xhtml", Map.of("Content-Type", type), uploadSized, null).status)
                .as("anonymous, to the upload page").isEqualTo(403);
        assertThat(raw("POST", "/api/v1/indexed-hosts?mode=merge", Map.of("Content-Type", type,
                "Authorization", basic("admin", Deployments.ADMIN_PASSWORD)), fiveMegabytes, null).status)
                .as("the REST API takes plain bodies only").isEqualTo(415);
        Raw chunked = raw("POST", "/inventory.xhtml", Map.of("Content-Type", type, "Transfer-Encoding", "chunked"),
                "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), null);
        assertThat(chunked.status).isEqualTo(411);

        WebSession viewer = app.session("viewer");
        Raw viewerUpload = raw("POST", "/inventory.xhtml", Map.of("Content-Type", type), uploadSized, viewer);
        assertThat(viewerUpload.status).isEqualTo(403);
        assertThat(viewerUpload.body).contains("Only an admin can upload");
        assertThat(raw("POST", "/coverage.xhtml", Map.of("Content-Type", type), fiveMegabytes, viewer).status)
                .isEqualTo(415);

        // Past the limit by its declared size: refused before a byte of the body is read.
        WebSession admin = app.session("admin");
        Raw huge = raw("POST", "/inventory.xhtml", Map.of("Content-Type", type, "Content-Length", "314572800"),
                new byte[4096], admin);
        assertThat(huge.status).isEqualTo(413);
        // The test server's inventory limit is 1 MiB (pom.xml), plus 1 MiB for what multipart adds.
        assertThat(huge.body).contains("The upload is 314,572,800 bytes; at most 2,097,152 are accepted");

        assertThat(uploadFiles()).as("temporary upload files in the server's folders").isEqualTo(before);
    }

    @Test
    @Order(2)
    void anAdminsUploadIsOnDiskWhileItArrivesAndDeletedWhenTheRequestEnds() throws Exception {
        Set<Path> before = uploadFiles();
        WebSession admin = app.session("admin");
        // 1.5 MiB: more than the 1 MiB the server keeps in memory, so the part goes to disk; more than the test
        // server's inventory limit (1 MiB, pom.xml) too, so the upload is refused after it was read, with a message.
        String content = "# a comment line that makes the file larger than what the server keeps in memory\n"
                .repeat(19_000) + "10.252.0.1\n";
        byte[] bytes = uploadBody(admin.get("/inventory.xhtml"), true, content);
        // All but the last 256 KiB, then a pause: the container has written the part, larger than
        // the 1 MiB it keeps in memory, to its temporary folder.
        int pause = bytes.length - 256 * 1024;
        List<Path> whileArriving = new ArrayList<>();
        Raw answer = raw("POST", "/inventory.xhtml", Map.of("Content-Type", "multipart/form-data; boundary="
                + BOUNDARY, "Faces-Request", "partial/ajax"), bytes, admin, pause, () -> {
                    await("the upload's temporary file in " + runtimeFolders(), () -> {
                        Set<Path> added = difference(uploadFiles(), before);
                        whileArriving.addAll(added);
                        return !added.isEmpty();
                    });
                });
        assertThat(answer.status).isEqualTo(200);
        // Read whole, then refused by the page's own size check (the test server's limit is 1 MiB).
        assertThat(answer.body).contains("validationFailed");
        assertThat(whileArriving).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(uploadFiles()).isEqualTo(before);
        assertThat(hostsIn("10.252.0.1")).isZero();

        // An upload cut short: the admin's connection closes after 1.5 MiB of the 2 MiB it declared. The part the
        // container had started writing is deleted too.
        HttpResponse<String> again = admin.get("/inventory.xhtml");
        byte[] declared = uploadBody(again, true, "#".repeat(2_000_000));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("POST /inventory.xhtml HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nCookie: JSESSIONID=" + admin.sessionId().orElseThrow()
                    + "\r\nFaces-Request: partial/ajax\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                    + "\r\nContent-Length: " + declared.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(declared, 0, 1536 * 1024);
            socket.getOutputStream().flush();
            await("the cut upload's temporary file", () -> !difference(uploadFiles(), before).isEmpty());
        }
        await("the cut upload's file to be deleted", () -> uploadFiles().equals(before));

        // A body of the declared length without its closing boundary: refused, and nothing left either.
        byte[] unclosed = uploadBody(admin.get("/inventory.xhtml"), true, "#".repeat(1_500_000));
        unclosed = java.util.Arrays.copyOf(unclosed, unclosed.length - ("\r\n--" + BOUNDARY + "--\r\n").length());
        Raw malformed = raw("POST", "/inventory.xhtml", Map.of("Content-Type", "multipart/form-data; boundary="
                + BOUNDARY, "Faces-Request", "partial/ajax"), unclosed, admin);
        // An AJAX request: answered 200 with Faces's error element, in one plain sentence.
        assertThat(malformed.body).contains("The request failed").doesNotContain("Upload applied", "Exception");
        await("the malformed upload's file to be deleted", () -> uploadFiles().equals(before));
    }

    private static Set<Path> difference(Set<Path> now, Set<Path> before) {
        Set<Path> added = new HashSet<>(now);
        added.removeAll(before);
        return added;
    }

    // --------------------------------------------------------------------- 2. the stored Qualys password

    @Test
    @Order(3)
    void theStoredPasswordGoesOnlyToTheServerAndUserItWasSavedFor() throws IOException {
        List<String> atFirst = new CopyOnWriteArrayList<>();
        List<String> atListener = new CopyOnWriteArrayList<>();
        HttpServer first = listener(atFirst);
        HttpServer other = listener(atListener);
        try {
            QualysSettingsPage page = QualysSettingsPage.open(app.browser());
            String firstUrl = "http://127.0.0.1:" + first.getAddress().getPort();
            String otherUrl = "http://127.0.0.1:" + other.getAddress().getPort();
            page.enabled(false).server(firstUrl).username(QUALYS_USER).password(QUALYS_PASSWORD).submit();
            String credentials = basic(QUALYS_USER, QUALYS_PASSWORD);
            assertThat(atFirst).as("the connection test reached the first server").contains(credentials);

            // Only the server name changes, the password field stays empty: nothing is saved or sent.
            page.server(otherUrl).submit();
            assertThat(page.messageFor("password")).hasValue("Type the password again: the stored password is sent"
                    + " only to the server and username it was saved for, and Server Name changed");
            assertThat(atListener).as("requests that reached the other server").isEmpty();
            page.reload();
            assertThat(page.server()).isEqualTo(firstUrl);
            page.username("someone_else").submit();
            assertThat(page.messageFor("password")).hasValueSatisfying(m -> assertThat(m).endsWith("Username changed"));
            assertThat(atListener).isEmpty();

            // Typed again, the change is saved, audited and tested against the new server.
            page.reload().server(otherUrl).password(QUALYS_PASSWORD).submit();
            assertThat(page.reload().server()).isEqualTo(otherUrl);
            assertThat(atListener).contains(credentials);
            // Newest first (the table shows ten): the two rows of this save.
            List<String> audit = page.auditRows();
            assertThat(String.join("\n", audit.subList(0, 2))).contains("Server Name", otherUrl, "Password");
            assertThat(String.join("\n", audit)).doesNotContain(QUALYS_PASSWORD);
        } finally {
            first.stop(0);
            other.stop(0);
        }
    }

    // ----------------------------------------------------------------------- 3. Faces actions on a GET

    @Test
    @Order(4)
    void aGetCarryingAViewStateRunsNoAction() {
        assertThat(admin("POST", "/api/v1/indexed-hosts?mode=merge", "text/plain", "10.252.9.1\n").statusCode())
                .isEqualTo(200);
        WebSession admin = app.session("admin");
        HttpResponse<String> page = admin.get("/inventory.xhtml");
        HttpResponse<String> forged = admin.get("/inventory.xhtml?" + form(
                "hostsForm", "hostsForm",
                "hostsForm:deleteRange", "10.252.9.0/24",
                "hostsForm:deleteRangeButton", "hostsForm:deleteRangeButton",
                "jakarta.faces.ViewState", viewState(page.body())));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("submitted as the body of a POST only");
        assertThat(hostsIn("10.252.9.0/24")).as("hosts left in the range").isEqualTo(1);
        // Nor with another method, or a POST, carrying the form in the address.
        String query = form("hostsForm", "hostsForm", "hostsForm:deleteRange", "10.252.9.0/24",
                "hostsForm:deleteRangeButton", "hostsForm:deleteRangeButton", "primefaces.nonce", nonce(page),
                "jakarta.faces.ViewState", viewState(page.body()));
        for (String method : List.of("PUT", "DELETE", "OPTIONS", "POST")) {
            HttpResponse<String> answer = admin.send(HttpRequest.newBuilder(admin.resolve("/inventory.xhtml?" + query))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertThat(answer.statusCode()).as(method).isEqualTo(400);
        }
        assertThat(admin.send(HttpRequest.newBuilder(admin.resolve("/inventory.xhtml"))
                .method("PUT", HttpRequest.BodyPublishers.ofString(query)).build()).statusCode())
                .as("a page takes no PUT").isEqualTo(405);
        assertThat(hostsIn("10.252.9.0/24")).as("hosts left in the range").isEqualTo(1);

        long runs = json(admin("GET", "/api/v1/sync/runs?limit=1", null, null)).getJsonNumber("total").longValue();
        HttpResponse<String> history = admin.get("/sync-history.xhtml");
        assertThat(admin.get("/sync-history.xhtml?" + form("history", "history", "history:runNow", "history:runNow",
                "jakarta.faces.ViewState", viewState(history.body()))).statusCode()).isEqualTo(400);
        assertThat(json(admin("GET", "/api/v1/sync/runs?limit=1", null, null)).getJsonNumber("total").longValue())
                .isEqualTo(runs);

        // A number parameter that is no number is a 400 naming it, on every list of the REST API.
        for (String path : List.of("/api/v1/indexed-hosts?limit=abc", "/api/v1/approvals?limit=abc",
                "/api/v1/sync/runs?limit=abc", "/api/v1/sync/scanned?limit=abc")) {
            HttpResponse<String> bad = admin("GET", path, null, null);
            assertThat(bad.statusCode()).as(path).isEqualTo(400);
            assertThat(bad.body()).as(path).contains("Query parameter 'limit' must be a whole number from 1 to",
                    "not 'abc'");
        }
    }

    // ------------------------------------------------------------------------------ 4, 5. password checks

    @Test
    @Order(5)
    void parallelLoginsGetNoMorePasswordChecksThanTheThrottleAllows() throws Exception {
        int logLinesBefore = count(ServerOutput.text(), "Failed login (HTTP Basic) for user name 'viewer'");
        List<Integer> statuses = together(39, i -> app.anonymous().getWithBasic("/api/v1/me", "viewer",
                "parallel-guess-" + i).statusCode());
        // Each password checked and found wrong is logged; the answer is 401, or 429 for the one that starts the lock.
        long wrong = statuses.stream().filter(s -> s == 401).count();
        await("the server's log lines of the checks", () -> count(ServerOutput.text(),
                "Failed login (HTTP Basic) for user name 'viewer'") - logLinesBefore > wrong);
        int checked = count(ServerOutput.text(), "Failed login (HTTP Basic) for user name 'viewer'") - logLinesBefore;
        assertThat(checked).as("wrong passwords checked; answers " + statuses).isBetween(1, 5);
        assertThat(statuses).filteredOn(s -> s == 401).hasSizeLessThanOrEqualTo(checked);
        assertThat(statuses).as("refused without a check").filteredOn(s -> s == 429)
                .hasSizeGreaterThanOrEqualTo(39 - checked);
        // The 40th, with the right password, comes while the user name is locked.
        assertThat(app.anonymous().getWithBasic("/api/v1/me", "viewer", Deployments.VIEWER_PASSWORD)
                .statusCode()).isEqualTo(429);
        await("viewer's lock to pass", () -> app.anonymous().getWithBasic("/api/v1/me", "viewer",
                Deployments.VIEWER_PASSWORD).statusCode() == 200);
    }

    @Test
    @Order(6)
    void manyUserNamesFromOneAddressAreLockedBeforeTheirPasswordsAreChecked() throws Exception {
        List<HttpResponse<String>> answers = together(200, i -> app.anonymous().getWithBasic("/api/v1/me",
                "made-up-" + i, "guess"));
        long checked = answers.stream().filter(a -> a.statusCode() == 401).count();
        assertThat(checked).as("passwords checked for 200 made-up user names").isBetween(1L, 20L);
        assertThat(answers).filteredOn(a -> a.statusCode() == 429).hasSize(200 - (int) checked)
                .allSatisfy(a -> assertThat(a.body()).as("the address, not a user name, is refused")
                        .containsPattern("Too many failed logins for [0-9a-f.:]+: try again in"));
        // The log holds at most 20 lines a minute of them, and says how many it left out.
        assertThat(count(ServerOutput.text(), "for user name 'made-up-")).isLessThanOrEqualTo(20);
        // The address is locked for every user name for a moment, then works again.
        await("the address lock to pass", () -> app.anonymous().getWithBasic("/api/v1/me", "admin",
                Deployments.ADMIN_PASSWORD).statusCode() == 200);
    }

    // ------------------------------------------------------------------------------------- 7. heavy reads

    @Test
    @Order(7)
    void aUserRunsAtMostTwoExportsOrScanningListsAtOnce() throws Exception {
        // 150,000 hosts: an export of about 11 MB, more than the sockets buffer when its reader stops reading. In
        // uploads of 50,000, within the test server's 1 MiB upload limit.
        for (int upload = 0; upload < 3; upload++) {
            StringBuilder hosts = new StringBuilder();
            for (int i = upload * 50_000; i < (upload + 1) * 50_000; i++) {
                hosts.append("10.").append(253 + i / 65_536).append('.').append(i / 256 % 256).append('.')
                        .append(i % 256).append('\n');
            }
            assertThat(admin("POST", "/api/v1/indexed-hosts?mode=merge", "text/plain", hosts.toString())
                    .statusCode()).isEqualTo(200);
        }
        WebSession viewer = app.session("viewer");
        String export = "/inventory/export.csv?range=" + TEST_RANGE;
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                stalled.add(stalledDownload(export, viewer));
            }
            await("the viewer's third export to be refused", () -> viewer.get(export).statusCode() == 429);
            HttpResponse<String> third = viewer.get(export);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(third.body()).contains("At most 2 exports or filtered lists run at once for one user");
            HttpResponse<String> list = app.anonymous().getWithBasic("/api/v1/coverage/indexed?text=zz",
                    "viewer", Deployments.VIEWER_PASSWORD);
            assertThat(list.statusCode()).as("a text-filtered list over the API").isEqualTo(429);
            assertThat(app.anonymous().getWithBasic("/api/v1/coverage/indexed?range=10.253.0.0/24", "viewer",
                    Deployments.VIEWER_PASSWORD).statusCode()).as("a list by address is cheap").isEqualTo(200);
            assertThat(app.session("admin").get(export).statusCode())
                    .as("another user").isEqualTo(200);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        await("the viewer's exports to end with their connections", () -> viewer.get(export).statusCode() == 200);
    }

    // -------------------------------------------------------------------------------- 8. what answers tell

    @Test
    @Order(8)
    void answersNameNeitherTheServerNorItsExceptions() throws Exception {
        HttpResponse<String> bigForm = app.anonymous().postForm("/login", "username", "a".repeat(3_000_000),
                "password", "x");
        assertThat(bigForm.statusCode()).isEqualTo(413);
        assertThat(bigForm.body()).contains("at most 1,048,576 are accepted");
        assertThat(bigForm.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        Raw trace = raw("TRACE", "/", Map.of(), null, null);
        assertThat(trace.status).isEqualTo(405);
        assertThat(trace.head.toLowerCase()).doesNotContain("server:", "x-powered-by");
        WebSession admin = app.session("admin");
        HttpResponse<String> page = admin.get("/");
        assertThat(page.headers().firstValue("Server")).isEmpty();

        HttpResponse<String> missing = admin.get("/no-such-page.xhtml");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no page or file at this address.")
                .doesNotContain("ExternalContext");

        // A Faces AJAX request with a view the server does not know: the page reloads, no exception named.
        HttpResponse<String> history = admin.get("/sync-history.xhtml");
        HttpResponse<String> expired = facesAjax(admin, "/sync-history.xhtml", "history:runNow", nonce(history),
                "-1:-1");
        assertThat(expired.body()).contains("<redirect").doesNotContain("Exception", "exception");
        // A postback whose script nonce is not its page's (sent by hand or from another session), AJAX or not: 400
        // saying so, before any action, where PrimeFaces noticed it only while rendering the answer.
        HttpResponse<String> historyPage = admin.get("/sync-history.xhtml");
        for (String nonce : List.of("not-the-pages-nonce", "")) {
            HttpResponse<String> foreign = facesAjax(admin, "/sync-history.xhtml", "history:none", nonce,
                    viewState(historyPage.body()));
            assertThat(foreign.statusCode()).as("nonce '" + nonce + "': " + foreign.body()).isEqualTo(400);
            assertThat(foreign.body()).contains("The form did not come from a page this session opened")
                    .doesNotContain("Exception", "exception");
        }
        HttpResponse<String> plainPost = admin.postForm("/sync-history.xhtml", "history", "history",
                "primefaces.nonce", "not-the-pages-nonce", "jakarta.faces.ViewState", viewState(historyPage.body()));
        assertThat(plainPost.statusCode()).as("a plain form post: " + plainPost.body()).isEqualTo(400);
        assertThat(plainPost.body()).contains("The form did not come from a page this session opened");
        assertThat(facesAjax(admin, "/sync-history.xhtml", "history:none", nonce(historyPage),
                viewState(historyPage.body())).statusCode()).as("the page's own nonce").isEqualTo(200);
        // ...and one whose action fails (an upload without the count of files PrimeFaces's uploader sends): one plain
        // sentence, where Faces named the exception class and its message.
        HttpResponse<String> inventory = admin.get("/inventory.xhtml");
        Raw failing = raw("POST", "/inventory.xhtml", Map.of("Content-Type", "multipart/form-data; boundary="
                + BOUNDARY, "Faces-Request", "partial/ajax"), uploadBody(inventory, false, "10.252.7.1\n"), admin);
        assertThat(failing.status).isEqualTo(200);
        assertThat(failing.body).contains("<error>", "The request failed; reload the page and try again.")
                .doesNotContain("Exception", "exception", "at io.", "at jakarta.");
        assertThat(hostsIn("10.252.7.1")).isZero();
    }

    // ------------------------------------------------------------------------------------------ 9. CSV

    @Test
    @Order(9)
    void aCellHoldingASemicolonIsExportedAsOneQuotedCell() {
        assertThat(admin("POST", "/api/v1/indexed-hosts?mode=merge", "text/csv",
                "ip,hostname,mac,zone\n10.252.8.1,,,\"x;=1+1\"\n").statusCode()).isEqualTo(200);
        String csv = app.session("viewer").get("/inventory/export.csv?range=10.252.8.1")
                .body();
        assertThat(csv.split("\r\n")[1]).startsWith("10.252.8.1,,,\"x;=1+1\",");
        String coverage = app.session("viewer")
                .get("/coverage/export?set=indexed&range=10.252.8.1").body();
        assertThat(coverage).contains("10.252.8.1");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static final String BOUNDARY = "----AssetManagerTestBoundary7f3a";

    /** An answer read off a raw socket. */
    private record Raw(int status, String head, String body) {
    }

    private Raw raw(String method, String path, Map<String, String> headers, byte[] body, WebSession session)
            throws IOException {
        return raw(method, path, headers, body, session, body == null ? 0 : body.length, () -> { });
    }

    /**
     * Sends a request by hand (a writer thread, so an answer that comes before the body is read still arrives):
     * the first {@code pauseAt} bytes of the body, then {@code whilePaused}, then the rest.
     */
    private Raw raw(String method, String path, Map<String, String> headers, byte[] body, WebSession session,
            int pauseAt, Runnable whilePaused) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null && !headers.containsKey("Content-Length") && !headers.containsKey("Transfer-Encoding")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            if (session != null) {
                head.append("Cookie: JSESSIONID=").append(session.sessionId().orElseThrow()).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> sent = writer.submit(() -> {
                if (body == null) {
                    return null;
                }
                try {
                    out.write(body, 0, pauseAt);
                    out.flush();
                    whilePaused.run();
                    out.write(body, pauseAt, body.length - pauseAt);
                    out.flush();
                } catch (IOException e) {
                    // The server answered without reading the body, and closed: its answer is read below.
                }
                return null;
            });
            byte[] answer = socket.getInputStream().readAllBytes();
            try {
                sent.get();
            } catch (Exception e) {
                throw new AssertionError("sending the body failed: " + e, e);
            } finally {
                writer.shutdownNow();
            }
            String text = new String(answer, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer to " + method + " " + path + ": " + text).isPositive();
            return new Raw(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
        }
    }

    /** Starts a download and stops reading it, with a small receive buffer, so the server blocks writing it. */
    private Socket stalledDownload(String path, WebSession session) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nCookie: JSESSIONID=" + session.sessionId().orElseThrow() + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] first = in.readNBytes(12);
        assertThat(new String(first, StandardCharsets.US_ASCII)).as("the stalled export started").endsWith("200");
        return socket;
    }

    /**
     * What PrimeFaces's uploader on the Inventory page sends for one file (an AJAX request in the page's view),
     * with or without the count of files it adds.
     */
    private static byte[] uploadBody(HttpResponse<String> page, boolean withFileCount, String content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String[]> fields = new ArrayList<>(List.of(new String[] {"jakarta.faces.partial.ajax", "true"},
                new String[] {"jakarta.faces.source", "uploadForm:file"},
                new String[] {"jakarta.faces.partial.execute", "uploadForm:file"},
                new String[] {"jakarta.faces.partial.render", "uploadForm:uploadResult"},
                new String[] {"uploadForm", "uploadForm"}, new String[] {"uploadForm:mode", "merge"},
                new String[] {"primefaces.nonce", nonce(page)},
                new String[] {"jakarta.faces.ViewState", viewState(page.body())}));
        if (withFileCount) {
            fields.add(new String[] {"uploadForm:file_totalFilesCount", "1"});
        }
        for (String[] field : fields) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0]
                    + "\"\r\n\r\n" + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(multipart("uploadForm:file", "hosts.txt", content.getBytes(StandardCharsets.UTF_8)));
        return body.toByteArray();
    }

    private static byte[] multipart(String name, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * The temporary upload files in the server's folders: Payara Micro's runtime folders under the temporary
     * directory, which hold the container's temporary folder of each application.
     */
    private static Set<Path> uploadFiles() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> files = new HashSet<>();
        try (Stream<Path> list = Files.list(tmp)) {
            List<Path> roots = list.filter(p -> p.getFileName().toString().startsWith("payaramicro-rt")).toList();
            assertThat(roots).as("Payara Micro's runtime folders in " + tmp).isNotEmpty();
            for (Path root : roots) {
                try (Stream<Path> all = Files.walk(root)) {
                    all.filter(p -> p.getFileName().toString().startsWith("upload_")).forEach(files::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    // A folder of a server that is just stopping: not this one.
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list " + tmp, e);
        }
        return files;
    }

    private static List<Path> runtimeFolders() {
        try (Stream<Path> list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith("payaramicro-rt")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpServer listener(List<String> authorizations) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            // An empty host list, as Qualys answers a connection test: new credentials are tested before they are
            // saved, and only credentials that pass are stored.
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><HOST_LIST_OUTPUT><RESPONSE>"
                    + "<DATETIME>2026-12-01T00:00:00Z</DATETIME></RESPONSE></HOST_LIST_OUTPUT>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private HttpResponse<String> facesAjax(WebSession session, String path, String source, String nonce,
            String viewState) {
        String form = source.substring(0, source.indexOf(':'));
        return session.send(HttpRequest.newBuilder(session.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(form(form, form,
                        "jakarta.faces.partial.ajax", "true",
                        "jakarta.faces.source", source,
                        "jakarta.faces.partial.execute", source,
                        source, source,
                        "primefaces.nonce", nonce,
                        "jakarta.faces.ViewState", viewState))).build());
    }

    private <T> List<T> together(int requests, java.util.function.IntFunction<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(requests, 40));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(n);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> admin(String method, String path, String type, String body) {
        return app.api().send(method, path, type, body);
    }

    private long hostsIn(String range) {
        return json(admin("GET", "/api/v1/indexed-hosts?limit=1&range=" + range, null, null))
                .getJsonNumber("total").longValue();
    }

    /** Waits for a condition for at most a minute. */
    private static void await(String what, BooleanSupplier condition) {
        Wait.until(what, Duration.ofMinutes(1), condition);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

}
