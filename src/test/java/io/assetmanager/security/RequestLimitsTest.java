package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.security.RequestLimits.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {

    private static final long UPLOAD_LIMIT = 128L * 1024 * 1024;
    private static final String MULTIPART = "multipart/form-data; boundary=----x";
    private static final String FORM = "application/x-www-form-urlencoded";

    private static Optional<Refusal> check(String method, String path, String type, long length, boolean chunked,
            boolean viewStateInQuery) {
        return RequestLimits.refusal(method, path, type, length, chunked, viewStateInQuery, UPLOAD_LIMIT);
    }

    @Test
    void multipartReachesOnlyTheInventoryPageAsAPostOfDeclaredSizeWithinTheLimit() {
        assertThat(check("POST", "/inventory.xhtml", MULTIPART, 5_000_000, false, false)).isEmpty();
        assertThat(check("POST", "/login.xhtml", MULTIPART, 5_000_000, false, false)).get()
                .extracting(Refusal::status).isEqualTo(415);
        assertThat(check("POST", "/index.xhtml", " Multipart/Form-Data; boundary=y", 10, false, false)).get()
                .extracting(Refusal::status).isEqualTo(415);
        assertThat(check("POST", "/api/v1/indexed-hosts", MULTIPART, 10, false, false)).get()
                .extracting(Refusal::status).isEqualTo(415);
        assertThat(check("PUT", "/inventory.xhtml", MULTIPART, 10, false, false)).get()
                .extracting(Refusal::status).as("a page takes no PUT").isEqualTo(405);
        assertThat(check("POST", "/inventory.xhtml", MULTIPART, -1, true, false)).contains(
                new Refusal(411, "An upload must declare its size (Content-Length)."));
        long max = UPLOAD_LIMIT + RequestLimits.MULTIPART_OVERHEAD;
        assertThat(check("POST", "/inventory.xhtml", MULTIPART, max, false, false)).isEmpty();
        assertThat(check("POST", "/inventory.xhtml", MULTIPART, max + 1, false, false)).contains(new Refusal(413,
                "The upload is 135,266,305 bytes; at most 135,266,304 are accepted (the inventory upload limit)."));
    }

    @Test
    void onlyAnAdminUploads() {
        assertThat(RequestLimits.multipartFor(MULTIPART, true)).isEmpty();
        assertThat(RequestLimits.multipartFor(MULTIPART, false)).get().extracting(Refusal::status).isEqualTo(403);
        assertThat(RequestLimits.multipartFor(FORM, false)).isEmpty();
        assertThat(RequestLimits.multipartFor(null, false)).isEmpty();
    }

    @Test
    void formsToPagesAndTheLoginAreBoundedButTheApiBoundsItsOwnBodies() {
        assertThat(check("POST", "/login", FORM, RequestLimits.FORM_MAX_BYTES, false, false)).isEmpty();
        assertThat(check("POST", "/login", FORM, 3_000_000, false, false)).contains(
                new Refusal(413, "The form is 3,000,000 bytes; at most 1,048,576 are accepted."));
        assertThat(check("POST", "/settings/qualys.xhtml", FORM, -1, true, false)).get()
                .extracting(Refusal::status).isEqualTo(411);
        assertThat(check("POST", "/logout", null, -1, false, false)).as("an empty POST").isEmpty();
        assertThat(check("POST", "/api/v1/indexed-hosts", "text/plain", 100_000_000, false, false)).isEmpty();
        assertThat(check("PUT", "/api/v1/indexed-hosts", "text/csv", -1, true, false)).isEmpty();
    }

    @Test
    void aGetCarryingAViewStateIsRefusedSoNoFacesActionRunsWithoutTheOriginCheck() {
        assertThat(check("GET", "/inventory.xhtml", null, -1, false, true)).get().extracting(Refusal::status)
                .isEqualTo(400);
        assertThat(check("HEAD", "/settings/qualys.xhtml", null, -1, false, true)).get().extracting(Refusal::status)
                .isEqualTo(400);
        assertThat(check("GET", "/inventory.xhtml", null, -1, false, false)).isEmpty();
        assertThat(check("POST", "/inventory.xhtml", FORM, 500, false, false)).isEmpty();
        // Any method: Faces takes the form from the query string of a PUT, DELETE, OPTIONS or POST as well.
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
            assertThat(check(method, "/inventory.xhtml", FORM, 0, false, true)).as(method).get()
                    .extracting(Refusal::status).isEqualTo(400);
        }
    }

    @Test
    void pagesTakeGetHeadAndPostOnly() {
        for (String method : new String[] {"PUT", "DELETE", "OPTIONS", "PATCH"}) {
            assertThat(check(method, "/settings/qualys.xhtml", null, -1, false, false)).as(method)
                    .contains(new Refusal(405, "A page takes GET, HEAD and POST only, not " + method + "."));
        }
        assertThat(check("DELETE", "/api/v1/indexed-hosts", null, -1, false, false)).as("the API").isEmpty();
    }

    @Test
    void theViewStateIsFoundInAQueryStringHoweverItsNameIsWritten() {
        assertThat(RequestLimits.hasViewState("a=1&jakarta.faces.ViewState=1:2")).isTrue();
        assertThat(RequestLimits.hasViewState("jakarta%2Efaces%2EViewState=1:2")).isTrue();
        assertThat(RequestLimits.hasViewState("x=1&JAKARTA.FACES.VIEWSTATE")).isTrue();
        assertThat(RequestLimits.hasViewState("set=indexed&text=jakarta.faces.ViewState")).as("a value").isFalse();
        assertThat(RequestLimits.hasViewState("%zz=1")).isFalse();
        assertThat(RequestLimits.hasViewState(null)).isFalse();
    }
}
