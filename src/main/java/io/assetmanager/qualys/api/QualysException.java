package io.assetmanager.qualys.api;

import java.util.Optional;

/**
 * A failed Qualys call. The subclass says what a caller can do about it; the message always names the call that
 * failed and quotes Qualys's code and text when Qualys sent them. Messages never contain credentials.
 */
public abstract class QualysException extends Exception {

    private final String call;
    private final int httpStatus;
    private final Integer qualysCode;
    private final String qualysText;

    protected QualysException(String call, int httpStatus, Integer qualysCode, String qualysText, String detail,
                              Throwable cause) {
        super(message(call, httpStatus, qualysCode, qualysText, detail), cause);
        this.call = call;
        this.httpStatus = httpStatus;
        this.qualysCode = qualysCode;
        this.qualysText = qualysText;
    }

    private static String message(String call, int httpStatus, Integer code, String text, String detail) {
        StringBuilder sb = new StringBuilder();
        sb.append("Qualys call \"").append(call).append("\" failed");
        if (code != null || text != null) {
            sb.append(": Qualys");
            if (code != null) {
                sb.append(" code ").append(code);
            }
            if (text != null) {
                sb.append(" \"").append(text).append('"');
            }
        }
        if (httpStatus > 0) {
            sb.append(" (HTTP ").append(httpStatus).append(')');
        }
        if (detail != null && !detail.isBlank()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** The call that failed, e.g. {@code list subscribed IPs}. */
    public String call() {
        return call;
    }

    /** HTTP status of the answer, 0 when there was no answer (transport failures). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Qualys's CODE from SIMPLE_RETURN, when it sent one. */
    public Optional<Integer> qualysCode() {
        return Optional.ofNullable(qualysCode);
    }

    /** Qualys's TEXT from SIMPLE_RETURN, when it sent one. */
    public Optional<String> qualysText() {
        return Optional.ofNullable(qualysText);
    }

    /** Code 2000 or HTTP 401: wrong user name or password, no API access, or the account lives on another platform. Never retried. */
    public static final class BadCredentials extends QualysException {
        public BadCredentials(String call, int httpStatus, Integer code, String text, String detail) {
            super(call, httpStatus, code, text, detail, null);
        }
    }

    /** Codes 2001-2012: the account is expired, inactive, unregistered, needs SecureID, or its licence refuses this API. */
    public static final class AccountProblem extends QualysException {
        public AccountProblem(String call, int httpStatus, Integer code, String text, String detail) {
            super(call, httpStatus, code, text, detail, null);
        }
    }

    /** HTTP 409 with code 1965: the rate limit is used up; {@link #waitSeconds()} says when the next call is allowed. */
    public static final class RateLimited extends QualysException {
        private final long waitSeconds;

        public RateLimited(String call, int httpStatus, Integer code, String text, long waitSeconds, String detail) {
            super(call, httpStatus, code, text,
                    (waitSeconds >= 0 ? "Qualys asks to wait " + waitSeconds + " s" : "no wait time given")
                            + (detail == null ? "" : "; " + detail), null);
            this.waitSeconds = waitSeconds;
        }

        /** Seconds to wait before the next call, -1 when Qualys did not say. */
        public long waitSeconds() {
            return waitSeconds;
        }
    }

    /** HTTP 409 with code 1960: too many calls of this API are running at once for the subscription. */
    public static final class ConcurrencyLimited extends QualysException {
        public ConcurrencyLimited(String call, int httpStatus, Integer code, String text, String detail) {
            super(call, httpStatus, code, text, detail, null);
        }
    }

    /** Codes 19xx and other 4xx answers: Qualys refused the parameters. Retrying unchanged will fail again. */
    public static final class BadRequest extends QualysException {
        public BadRequest(String call, int httpStatus, Integer code, String text, String detail) {
            super(call, httpStatus, code, text, detail, null);
        }
    }

    /**
     * Qualys refused to list networks: most likely the subscription lacks the Network Support feature. Qualys does
     * not document what it answers then (docs/SYNC.md, "Qualys networks and appliances"), so any refusal of the
     * parameters (4xx, codes 19xx) or licence refusal (code 2012) of the network list becomes this, with Qualys's own
     * code and text in the message so that a different cause still shows.
     */
    public static final class NetworksNotEnabled extends QualysException {
        public NetworksNotEnabled(QualysException refusal) {
            super(refusal.call(), refusal.httpStatus(), refusal.qualysCode().orElse(null),
                    refusal.qualysText().orElse(null), "Qualys refused to list networks, which it does when the"
                            + " subscription does not have the Networks feature (Network Support) enabled; ask Qualys"
                            + " support to enable it to map zones to networks", refusal);
        }
    }

    /** HTTP 5xx, code 999 (internal error), 1999 (maintenance) or 1981 (busy). */
    public static final class ServerError extends QualysException {
        public ServerError(String call, int httpStatus, Integer code, String text, String detail) {
            super(call, httpStatus, code, text, detail, null);
        }
    }

    /** No complete answer: connection refused or reset, timeout, TLS failure, body cut off. */
    public static final class Transport extends QualysException {
        public Transport(String call, String detail, Throwable cause) {
            super(call, 0, null, null, detail, cause);
        }
    }

    /** An answer that is not the XML Qualys documents (not well-formed, unexpected root, forbidden DTD content). */
    public static final class MalformedResponse extends QualysException {
        public MalformedResponse(String call, int httpStatus, String detail, Throwable cause) {
            super(call, httpStatus, null, null, detail, cause);
        }
    }
}
