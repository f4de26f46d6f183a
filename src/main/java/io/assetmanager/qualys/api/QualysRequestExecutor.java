package io.assetmanager.qualys.api;

import io.assetmanager.platform.Sleeper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;

import javax.net.ssl.SSLException;
import javax.xml.stream.XMLStreamException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place that talks HTTP to Qualys: authentication headers, timeouts, the concurrency gate, rate-limit waits,
 * bounded retries and the translation of every failure into a {@link QualysException}. Endpoint methods in
 * {@link QualysClient} describe a call and how to read its answer, nothing more.
 *
 * <p>Policy: a call blocked by a limit (HTTP 409, codes 1960/1965) was not run, so it is repeated after the wait
 * Qualys asks for (up to {@link QualysConfig#maxRateLimitWait()} in total), whatever the call. Server errors and
 * transport failures are retried (up to {@link QualysConfig#maxAttempts()}) only for idempotent calls. Bad
 * credentials and account problems are never retried: repeated bad logins lock Qualys accounts.
 */
final class QualysRequestExecutor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QualysRequestExecutor.class.getName());
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_CONCURRENCY_RETRIES = 10;
    private static final String REQUESTED_WITH = "Asset Manager";

    private final QualysConfig config;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Client client;
    private final ConcurrencyGate gate;
    private final Map<String, RateLimitStatus> limitsByPath = new ConcurrentHashMap<>();
    private volatile RateLimitStatus lastLimits = RateLimitStatus.NONE;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong waitedMillis = new AtomicLong();

    QualysRequestExecutor(QualysConfig config, Sleeper sleeper, Clock clock) {
        this.config = config;
        this.sleeper = sleeper;
        this.clock = clock;
        this.client = ClientBuilder.newBuilder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.gate = new ConcurrencyGate(config.maxConcurrentCalls());
    }

    /** Reads a successful answer's body. May be called again for a retry, so it must be able to start over. */
    interface BodyReader<T> {
        T read(InputStream body) throws XMLStreamException, IOException;

        /** Called before each attempt, 1-based. */
        default void beforeAttempt(int attempt) {
        }

        /** Whether a failure part-way through the body may be retried (false once it cannot resume safely). */
        default boolean canRetry() {
            return true;
        }
    }

    /**
     * One request. POST calls put {@code action} in the query and the other parameters in a form body (long IP lists
     * never go into a URL); GET calls are used for next-page URLs Qualys hands out, sent as they are.
     */
    record Call(String name, String method, URI uri, Map<String, String> form, boolean idempotent) {

        static Call post(String name, URI base, String path, String action, Map<String, String> form, boolean idempotent) {
            URI uri = URI.create(base + path + "?action=" + action);
            return new Call(name, "POST", uri, new LinkedHashMap<>(form), idempotent);
        }

        static Call get(String name, URI uri, boolean idempotent) {
            return new Call(name, "GET", uri, Map.of(), idempotent);
        }

        String path() {
            return uri.getRawPath();
        }

        String describe() {
            return method + " " + uri.getRawPath();
        }
    }

    RateLimitStatus lastLimits() {
        return lastLimits;
    }

    /** The limit headers of the last answer from the API at {@code path}; {@link RateLimitStatus#NONE} before one. */
    RateLimitStatus limits(String path) {
        return limitsByPath.getOrDefault(path, RateLimitStatus.NONE);
    }

    long callCount() {
        return calls.get();
    }

    long waitedMillis() {
        return waitedMillis.get();
    }

    <T> T execute(Call call, BodyReader<T> reader) throws QualysException {
        int attempt = 0;
        int concurrencyRetries = 0;
        long waitedMillis = 0;
        while (true) {
            attempt++;
            waitedMillis += waitForRateLimit(call, waitedMillis);
            reader.beforeAttempt(attempt);
            QualysException failure;
            try {
                return once(call, reader);
            } catch (QualysException e) {
                failure = e;
            }
            if (failure instanceof QualysException.RateLimited rl) {
                long waitMs = rl.waitSeconds() >= 0 ? rl.waitSeconds() * 1000 : config.concurrencyBackoff().toMillis();
                if (waitedMillis + waitMs > config.maxRateLimitWait().toMillis()) {
                    throw new QualysException.RateLimited(call.name(), rl.httpStatus(), rl.qualysCode().orElse(null),
                            rl.qualysText().orElse(null), rl.waitSeconds(), "that is more than the configured maximum"
                            + " wait of " + config.maxRateLimitWait().toSeconds() + " s; try again later");
                }
                LOG.log(System.Logger.Level.INFO, "{0}: rate limited, waiting {1} ms as Qualys asks", call.name(), waitMs);
                sleep(call, waitMs);
                waitedMillis += waitMs;
                attempt--; // a blocked call was not run: it does not use up an attempt
                continue;
            }
            if (failure instanceof QualysException.ConcurrencyLimited) {
                if (++concurrencyRetries > MAX_CONCURRENCY_RETRIES) {
                    throw failure;
                }
                long waitMs = config.concurrencyBackoff().toMillis() * concurrencyRetries;
                LOG.log(System.Logger.Level.INFO, "{0}: concurrency limit reached, retrying in {1} ms", call.name(), waitMs);
                sleep(call, waitMs);
                attempt--;
                continue;
            }
            boolean retryable = failure instanceof QualysException.ServerError
                    || failure instanceof QualysException.Transport;
            if (retryable && call.idempotent() && reader.canRetry() && attempt < config.maxAttempts()) {
                long waitMs = config.retryBackoff().toMillis() * attempt;
                LOG.log(System.Logger.Level.WARNING, "{0}: attempt {1} failed ({2}), retrying in {3} ms",
                        call.name(), attempt, failure.getMessage(), waitMs);
                sleep(call, waitMs);
                continue;
            }
            throw failure;
        }
    }

    /** Waits before a call when the last answer for the same API said none are left. Returns the milliseconds waited. */
    private long waitForRateLimit(Call call, long alreadyWaited) throws QualysException {
        RateLimitStatus s = limitsByPath.get(call.path());
        if (s == null || s.remaining() == null || s.remaining() > 0 || s.toWaitSeconds() == null || s.toWaitSeconds() <= 0) {
            return 0;
        }
        long waitMs = Duration.between(clock.instant(), s.observedAt().plusSeconds(s.toWaitSeconds())).toMillis();
        if (waitMs <= 0) {
            return 0;
        }
        if (alreadyWaited + waitMs > config.maxRateLimitWait().toMillis()) {
            throw new QualysException.RateLimited(call.name(), 0, null, null, (waitMs + 999) / 1000,
                    "the last answer said no calls are left; that is more than the configured maximum wait of "
                            + config.maxRateLimitWait().toSeconds() + " s, so the call was not sent");
        }
        LOG.log(System.Logger.Level.INFO, "{0}: no calls left in the rate window, waiting {1} ms", call.name(), waitMs);
        sleep(call, waitMs);
        return waitMs;
    }

    private void sleep(Call call, long millis) throws QualysException {
        waitedMillis.addAndGet(millis);
        try {
            sleeper.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QualysException.Transport(call.name(), "interrupted while waiting to retry", e);
        }
    }

    private <T> T once(Call call, BodyReader<T> reader) throws QualysException {
        try {
            gate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QualysException.Transport(call.name(), "interrupted while waiting for a free call slot", e);
        }
        Response response = null;
        GuardedStream body = null;
        try {
            calls.incrementAndGet();
            response = send(call);
            int status = response.getStatus();
            RateLimitStatus limits = RateLimitStatus.fromHeaders(response.getStringHeaders(), clock.instant());
            if (limits.isKnown()) {
                lastLimits = limits;
                limitsByPath.put(call.path(), limits);
                gate.adjust(limits.concurrencyLimit());
            }
            if (status != 200) {
                throw errorAnswer(call, status, response, limits);
            }
            body = new GuardedStream(response.readEntity(InputStream.class));
            try {
                return reader.read(body);
            } catch (QualysXml.ErrorDocument e) {
                throw classify(call, status, e.simpleReturn, limits, null);
            } catch (XMLStreamException e) {
                if (body.failure != null) {
                    throw transport(call, body.failure, body.count);
                }
                throw new QualysException.MalformedResponse(call.name(), status,
                        "the answer is not the XML Qualys documents (" + call.describe() + "): "
                        + String.valueOf(e.getMessage()).replaceAll("\\s+", " "), e);
            } catch (IOException e) {
                throw transport(call, e, body.count);
            }
        } catch (ProcessingException e) {
            throw transport(call, e, -1);
        } finally {
            if (body != null) {
                try {
                    body.close();
                } catch (IOException | RuntimeException ignored) {
                    // the connection is gone anyway
                }
            }
            if (response != null) {
                try {
                    response.close();
                } catch (RuntimeException ignored) {
                    // ditto
                }
            }
            gate.release();
        }
    }

    private Response send(Call call) {
        Invocation.Builder b = client.target(call.uri()).request("application/xml", "text/xml", "*/*")
                .header("X-Requested-With", REQUESTED_WITH)
                .header("Authorization", basicAuthorization());
        if (call.method().equals("GET")) {
            return b.get();
        }
        Form form = new Form();
        call.form().forEach(form::param);
        return b.post(Entity.form(form));
    }

    private String basicAuthorization() {
        char[] password = config.password();
        char[] joined = new char[config.username().length() + 1 + password.length];
        config.username().getChars(0, config.username().length(), joined, 0);
        joined[config.username().length()] = ':';
        System.arraycopy(password, 0, joined, config.username().length() + 1, password.length);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(joined));
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        String value = "Basic " + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(password, '\0');
        Arrays.fill(joined, '\0');
        Arrays.fill(raw, (byte) 0);
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return value;
    }

    /** A non-200 answer: read a bounded amount of its body and classify it. */
    private QualysException errorAnswer(Call call, int status, Response response, RateLimitStatus limits) {
        byte[] bytes = new byte[0];
        try (InputStream in = response.readEntity(InputStream.class)) {
            if (in != null) {
                bytes = in.readNBytes(MAX_ERROR_BODY);
            }
        } catch (IOException | ProcessingException | IllegalStateException e) {
            // keep what we have: the status alone still says a lot
        }
        QualysXml.SimpleReturn sr = null;
        String snippet = null;
        if (bytes.length > 0) {
            try {
                sr = QualysXml.readSimpleReturn(bytes);
            } catch (XMLStreamException | IOException e) {
                snippet = snippet(bytes);
            }
        }
        return classify(call, status, sr, limits, snippet);
    }

    private static String snippet(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8)
                .replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Turns an answer (HTTP status plus SIMPLE_RETURN when there was one) into the failure a caller can act on. */
    static QualysException classify(Call call, int status, QualysXml.SimpleReturn sr, RateLimitStatus limits,
                                    String nonXmlBody) {
        Integer code = sr == null ? null : sr.code();
        String text = sr == null ? null : sr.text();
        String where = call.describe() + (nonXmlBody == null || nonXmlBody.isEmpty() ? "" : "; body: " + nonXmlBody);
        String name = call.name();
        if ((code != null && code == 2000) || status == 401) {
            return new QualysException.BadCredentials(name, status, code, text, where
                    + "; check user name, password, API access and the platform URL (not retried: repeated bad"
                    + " logins lock Qualys accounts)");
        }
        if (code != null && code >= 2001 && code <= 2099) {
            return new QualysException.AccountProblem(name, status, code, text, where);
        }
        if ((code != null && code == 1965) || status == 429
                || (status == 409 && code == null && limits.toWaitSeconds() != null && limits.toWaitSeconds() > 0)) {
            long wait = -1;
            if (limits.toWaitSeconds() != null && limits.toWaitSeconds() > 0) {
                wait = limits.toWaitSeconds();
            } else if (sr != null && sr.item("SECONDS_TO_WAIT") != null) {
                try {
                    wait = Long.parseLong(sr.item("SECONDS_TO_WAIT").strip());
                } catch (NumberFormatException ignored) {
                    wait = -1;
                }
            }
            return new QualysException.RateLimited(name, status, code, text, wait, where);
        }
        if ((code != null && (code == 1960 || code == 1920)) || status == 409) {
            return new QualysException.ConcurrencyLimited(name, status, code, text, where
                    + (limits.concurrencyLimit() != null ? "; " + limits.concurrencyRunning() + " of "
                    + limits.concurrencyLimit() + " allowed calls running" : ""));
        }
        if ((code != null && (code == 999 || code == 1999 || code == 1981)) || status >= 500) {
            return new QualysException.ServerError(name, status, code, text, where);
        }
        if (code != null || (status >= 400 && status < 500)) {
            return new QualysException.BadRequest(name, status, code, text, where);
        }
        if (status == 200) {
            return new QualysException.MalformedResponse(name, status, "SIMPLE_RETURN without a CODE where data was"
                    + " expected" + (text == null ? "" : ": \"" + text + "\"") + " (" + where + ")", null);
        }
        return new QualysException.ServerError(name, status, code, text, "unexpected HTTP status; " + where);
    }

    private QualysException transport(Call call, Throwable t, long bytesRead) {
        String after = bytesRead > 0 ? " after " + bytesRead + " bytes of the answer" : "";
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpRetryException h && h.responseCode() == 401) {
                return new QualysException.BadCredentials(call.name(), 401, null, null, call.describe()
                        + "; check user name, password, API access and the platform URL (not retried)");
            }
            if (c instanceof SocketTimeoutException) {
                boolean connect = String.valueOf(c.getMessage()).toLowerCase().contains("connect");
                return new QualysException.Transport(call.name(), connect
                        ? "could not connect to " + call.uri().getAuthority() + " within "
                        + config.connectTimeout().toSeconds() + " s (connect timeout)"
                        : "no data for " + config.readTimeout().toMillis() + " ms (read timeout)" + after
                        + " (" + call.describe() + ")", t);
            }
            if (c instanceof ConnectException) {
                return new QualysException.Transport(call.name(), "cannot connect to " + call.uri().getAuthority()
                        + ": " + c.getMessage(), t);
            }
            if (c instanceof UnknownHostException) {
                return new QualysException.Transport(call.name(), "unknown host " + call.uri().getHost(), t);
            }
            if (c instanceof SSLException) {
                return new QualysException.Transport(call.name(), "TLS failure with " + call.uri().getAuthority()
                        + ": " + c.getMessage(), t);
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new QualysException.Transport(call.name(), "connection failed" + after + " (" + call.describe() + "): "
                + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()), t);
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Remembers an I/O failure of the HTTP body, which the XML parser would otherwise report as bad XML. Reports
     * nothing {@linkplain #available() available}: the JDK's chunked HTTP stream answers that question by reading
     * ahead whatever the socket holds and copying its growing buffer each time, so a parser that asks (as a
     * BufferedInputStream does on every read) while a fast server sends a large page fills the heap with copies of
     * the page (seen at 100,000 hosts a page: most of a 512 MiB heap, the run spending most of its time in GC).
     */
    private static final class GuardedStream extends FilterInputStream {
        IOException failure;
        long count;

        GuardedStream(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public int read() throws IOException {
            try {
                int c = super.read();
                if (c >= 0) {
                    count++;
                }
                return c;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** Keeps calls in flight within our own maximum and the concurrency limit Qualys last announced. */
    static final class ConcurrencyGate {
        private final int max;
        private int limit;
        private int inFlight;

        ConcurrencyGate(int max) {
            this.max = max;
            this.limit = max;
        }

        synchronized void acquire() throws InterruptedException {
            while (inFlight >= limit) {
                wait();
            }
            inFlight++;
        }

        synchronized void release() {
            inFlight--;
            notifyAll();
        }

        synchronized void adjust(Integer qualysLimit) {
            if (qualysLimit != null && qualysLimit > 0) {
                limit = Math.min(max, qualysLimit);
                notifyAll();
            }
        }
    }

}
