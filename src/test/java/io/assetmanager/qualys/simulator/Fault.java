package io.assetmanager.qualys.simulator;

/** A misbehaviour the simulator can be told to show on a chosen call. */
public record Fault(Kind kind, long number, String text) {

    public enum Kind {
        /** HTTP {@code number} (500, 502, 503...): 503 carries code 1999 (maintenance), 502 an HTML proxy page, others 999. */
        HTTP_ERROR,
        /** Send {@code number} bytes of the real answer, then drop the connection. */
        CUT_MID_BODY,
        /** Wait {@code number} ms before answering. */
        SLOW,
        /** Carry out the request, then wait {@code number} ms before answering (the client times out not knowing). */
        APPLY_THEN_HANG,
        /** HTTP 200 with XML that is not well-formed. */
        MALFORMED_XML,
        /** HTTP 200 whose DOCTYPE declares an external entity pointing at the file {@code text}, used in a text field. */
        XXE,
        /** HTTP 200 with SIMPLE_RETURN 2001 "This account has expired." and no limit headers (as captured). */
        ACCOUNT_EXPIRED,
        /** HTTP 401 with SIMPLE_RETURN 2000 "Bad Login/Password". */
        BAD_CREDENTIALS,
        /** SIMPLE_RETURN 2012 "User license is not authorized to run this API" (HTTP 200; status unconfirmed). */
        LICENCE_REFUSAL,
        /** HTTP 409, code 1965, X-RateLimit-ToWait-Sec and SECONDS_TO_WAIT = {@code number}. */
        RATE_LIMITED,
        /** HTTP 409, code 1965 and SECONDS_TO_WAIT = {@code number} in the body, but no X-RateLimit-ToWait-Sec header. */
        RATE_LIMITED_NO_WAIT_HEADER,
        /** HTTP 409, code 1960, no ToWait/Remaining headers. */
        CONCURRENCY_LIMITED,
        /** A host-list page whose WARNING 1980 links to the host list with the query {@code text}, last page or not. */
        NEXT_PAGE
    }

    public static Fault httpError(int status) {
        return new Fault(Kind.HTTP_ERROR, status, null);
    }

    public static Fault cutAfter(long bytes) {
        return new Fault(Kind.CUT_MID_BODY, bytes, null);
    }

    public static Fault slow(long millis) {
        return new Fault(Kind.SLOW, millis, null);
    }

    public static Fault applyThenHang(long millis) {
        return new Fault(Kind.APPLY_THEN_HANG, millis, null);
    }

    public static Fault malformedXml() {
        return new Fault(Kind.MALFORMED_XML, 0, null);
    }

    public static Fault xxe(String localFile) {
        return new Fault(Kind.XXE, 0, localFile);
    }

    public static Fault accountExpired() {
        return new Fault(Kind.ACCOUNT_EXPIRED, 0, null);
    }

    public static Fault badCredentials() {
        return new Fault(Kind.BAD_CREDENTIALS, 0, null);
    }

    public static Fault licenceRefusal() {
        return new Fault(Kind.LICENCE_REFUSAL, 0, null);
    }

    public static Fault rateLimited(long seconds) {
        return new Fault(Kind.RATE_LIMITED, seconds, null);
    }

    public static Fault rateLimitedWithoutWaitHeader(long seconds) {
        return new Fault(Kind.RATE_LIMITED_NO_WAIT_HEADER, seconds, null);
    }

    /** The page's next-page URL is the host list with this query (e.g. an earlier page's), as a buggy server's. */
    public static Fault nextPage(String query) {
        return new Fault(Kind.NEXT_PAGE, 0, query);
    }

    public static Fault concurrencyLimited() {
        return new Fault(Kind.CONCURRENCY_LIMITED, 0, null);
    }
}
