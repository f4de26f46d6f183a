package io.assetmanager.qualys.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for the Qualys API v2 ({@code /api/2.0/fo/asset/ip/}, {@code /api/{2.0-5.0}/fo/asset/host/},
 * {@code /api/2.0/fo/asset/group/}, and the lists of {@code /api/2.0/fo/network/} and {@code /api/2.0/fo/appliance/})
 * over real HTTP on the loopback interface, with the XML shapes and quirks of the real service (remote DOCTYPE,
 * comments around the root, CDATA padding, no XML declaration on errors), WARNING 1980 paging, the six limit headers,
 * rate and concurrency limits with their 409 bodies, and fault injection.
 *
 * <p>Run it on its own (it prints URL and credentials):
 * <pre>mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.assetmanager.qualys.simulator.QualysSimulator -Dexec.args="--port 8089 --hosts 5000"</pre>
 */
public final class QualysSimulator implements AutoCloseable {

    private static final Pattern HOST_PATH = Pattern.compile("/api/([2-5]\\.0)/fo/asset/host/?");
    private static final String EVALUATION = "<!-- This report was generated with an evaluation version of Qualys //-->";
    private static final String CONFIDENTIAL = "<!-- CONFIDENTIAL AND PROPRIETARY INFORMATION. Qualys provides the"
            + " QualysGuard Service \"As Is,\" without any warranty of any kind. Qualys makes no warranty that the"
            + " information contained in this report is complete or error-free. Copyright 2025, Qualys, Inc. //-->";

    static {
        // Without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per call that the real
        // service does not have. Read once, when the JDK server first starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Scenario scenario;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;

    // State, guarded by 'this'.
    private IpRangeSet subscription;
    private final TreeMap<Long, Group> groups = new TreeMap<>();
    private long nextGroupId = 7_000_001L;
    private final IpRangeSet.Builder added = IpRangeSet.builder();
    private final List<String> addRequests = new ArrayList<>();
    private final Deque<RequestRecord> requests = new ArrayDeque<>();

    private final Map<Endpoint, AtomicLong> callCounts = new EnumMap<>(Endpoint.class);
    private final List<FaultRule> faults = Collections.synchronizedList(new ArrayList<>());
    private volatile HostSource hosts;
    private final Map<String, Deque<Long>> callTimes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicLong refusedByLimits = new AtomicLong();
    private final AtomicLong hostListAnswers = new AtomicLong();
    private final AtomicLong hostListBytes = new AtomicLong();
    private final AtomicLong hostListCpuNanos = new AtomicLong();
    private final AtomicLong hostListWallNanos = new AtomicLong();

    /**
     * What serving the host list has cost the simulator so far, so that a benchmark can tell its own figures from the
     * simulator's: answers and bytes sent, CPU time of the threads that wrote them, and their wall time (which also
     * counts the time the client took to read: the writes wait for it).
     */
    public record Serving(long answers, long bytes, double cpuSeconds, double wallSeconds) {
        public Serving minus(Serving earlier) {
            return new Serving(answers - earlier.answers, bytes - earlier.bytes, cpuSeconds - earlier.cpuSeconds,
                    wallSeconds - earlier.wallSeconds);
        }
    }

    /**
     * An asset group. IPs added with {@code add_ips} are collected and merged when the group is next read, so that a
     * large group sent in thousands of chunks costs one merge, not one per chunk.
     */
    private static final class Group {
        private final long id;
        private final String title;
        private final long networkId;
        private final List<Long> applianceIds;
        private final Long defaultApplianceId;
        private IpRangeSet ips;
        private IpRangeSet.Builder pending;

        Group(long id, String title, IpRangeSet ips) {
            this(id, title, ips, 0, List.of(), null);
        }

        Group(long id, String title, IpRangeSet ips, long networkId, List<Long> applianceIds, Long defaultApplianceId) {
            this.id = id;
            this.title = title;
            this.ips = ips;
            this.networkId = networkId;
            this.applianceIds = List.copyOf(applianceIds);
            this.defaultApplianceId = defaultApplianceId;
        }

        long id() {
            return id;
        }

        String title() {
            return title;
        }

        /** The same group with other IPs, title or appliances; the network stays (Qualys cannot change it). */
        Group with(String newTitle, IpRangeSet newIps, List<Long> newAppliances, Long newDefault) {
            return new Group(id, newTitle, newIps, networkId, newAppliances, newDefault);
        }

        synchronized IpRangeSet ips() {
            if (pending != null) {
                ips = pending.addAll(ips).build();
                pending = null;
            }
            return ips;
        }

        synchronized void add(IpRangeSet more) {
            if (pending == null) {
                pending = IpRangeSet.builder();
            }
            pending.addAll(more);
        }
    }

    /** One request as the simulator saw it: method, path, raw query and the merged parameters. */
    /** One request as received; {@code bodyBytes} is the size of a POST's form body (0 for a GET). */
    public record RequestRecord(String method, String path, String query, Map<String, String> params,
                                String requestedWith, int bodyBytes) {
    }

    private static final class FaultRule {
        final Endpoint endpoint;
        int skip;
        int times;
        final Fault fault;

        FaultRule(Endpoint endpoint, int skip, int times, Fault fault) {
            this.endpoint = endpoint;
            this.skip = skip;
            this.times = times;
            this.fault = fault;
        }
    }

    private QualysSimulator(Scenario scenario, int port) throws IOException {
        this.scenario = scenario;
        this.subscription = scenario.subscription;
        scenario.groups.forEach((title, ips) -> {
            long id = nextGroupId++;
            groups.put(id, new Group(id, title, ips));
        });
        for (Endpoint e : Endpoint.values()) {
            callCounts.put(e, new AtomicLong());
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger threadNo = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "qualys-simulator-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts a simulator on 127.0.0.1; port 0 picks a free one. */
    public static QualysSimulator start(Scenario scenario, int port) throws IOException {
        return new QualysSimulator(scenario, port);
    }

    public static QualysSimulator start(Scenario scenario) throws IOException {
        return start(scenario, 0);
    }

    /** {@code http://127.0.0.1:port}, the "server" to give the client (with plain HTTP allowed). */
    public URI url() {
        return url;
    }

    public String username() {
        return scenario.username;
    }

    public String password() {
        return scenario.password;
    }

    // ------------------------------------------------------------------------------------------ faults and state

    /** Makes the {@code nth} (1-based, counted from now) call of {@code endpoint} and the {@code times - 1} after it misbehave. */
    public void inject(Endpoint endpoint, int nth, int times, Fault fault) {
        faults.add(new FaultRule(endpoint, nth - 1, times, fault));
    }

    /** Makes the next call of {@code endpoint} misbehave. */
    public void injectNext(Endpoint endpoint, Fault fault) {
        inject(endpoint, 1, 1, fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** The scanned hosts the host list serves from now on (the scenario's until this is called). */
    public void replaceHosts(HostSource hosts) {
        this.hosts = hosts;
    }

    /** The scanned hosts the host list serves now. */
    public HostSource hosts() {
        HostSource replaced = hosts;
        return replaced != null ? replaced : scenario.hosts;
    }

    public synchronized IpRangeSet subscription() {
        return subscription;
    }

    /** Everything added through {@code action=add} so far. */
    public synchronized IpRangeSet addedIps() {
        return added.build();
    }

    /** The {@code ips} value of each add request, in order. */
    public synchronized List<String> addRequests() {
        return List.copyOf(addRequests);
    }

    public synchronized Optional<IpRangeSet> groupIps(long id) {
        return Optional.ofNullable(groups.get(id)).map(Group::ips);
    }

    /** Group ID by title. */
    public synchronized Optional<Long> groupId(String title) {
        return groups.values().stream().filter(g -> g.title().equals(title)).map(Group::id).findFirst();
    }

    /** The network a group was created in (0: the Global Default Network, or no network without the feature). */
    public synchronized java.util.OptionalLong groupNetwork(long id) {
        Group g = groups.get(id);
        return g == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(g.networkId);
    }

    /** A group's scanner appliances, in the order given. */
    public synchronized List<Long> groupAppliances(long id) {
        Group g = groups.get(id);
        return g == null ? List.of() : g.applianceIds;
    }

    /** Every group's title, in ID order. */
    public synchronized List<String> groupTitles() {
        return groups.values().stream().sorted(java.util.Comparator.comparingLong(Group::id)).map(Group::title)
                .toList();
    }

    public synchronized int groupCount() {
        return groups.size();
    }

    /** Creates a group directly (as someone using the Qualys UI would). */
    public synchronized long createGroup(String title, IpRangeSet ips) {
        long id = nextGroupId++;
        groups.put(id, new Group(id, title, ips));
        return id;
    }

    /** Adds IPs to the subscription directly (as someone using the Qualys UI would); not counted as an add request. */
    public synchronized void subscribe(IpRangeSet ips) {
        subscription = subscription.union(ips);
    }

    /** Deletes a group directly (as someone using the Qualys UI would). */
    public synchronized void deleteGroup(long id) {
        groups.remove(id);
    }

    public long callCount(Endpoint endpoint) {
        return callCounts.get(endpoint).get();
    }

    /** The most recent requests (up to 10,000), oldest first. */
    public synchronized List<RequestRecord> requests() {
        return List.copyOf(requests);
    }

    public Serving hostListServing() {
        return new Serving(hostListAnswers.get(), hostListBytes.get(), hostListCpuNanos.get() / 1e9,
                hostListWallNanos.get() / 1e9);
    }

    /** Most calls of one API seen running at the same time. */
    public int maxConcurrentCalls() {
        return maxRunning.get();
    }

    /** Calls refused with 409 because of the scenario's rate or concurrency limit (not counting injected faults). */
    public long refusedByLimits() {
        return refusedByLimits.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------- dispatch

    private void handle(HttpExchange ex) throws IOException {
        try {
            dispatch(ex);
        } catch (CutConnection c) {
            // Drop the connection without finishing the chunked body: an IOException out of the handler makes
            // the JDK server close the socket (closing the exchange would send the final chunk instead).
            throw new IOException("simulated connection cut");
        } catch (UncheckedIOException e) {
            ex.close();
            throw e.getCause();
        }
        ex.close();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        int[] bodyBytes = {0};
        Map<String, String> params = parseParams(ex, bodyBytes);
        Endpoint endpoint = endpoint(path, params.get("action"));
        callCounts.get(endpoint).incrementAndGet();
        callCounts.get(Endpoint.ANY).incrementAndGet();
        record(new RequestRecord(method, path, ex.getRequestURI().getRawQuery(), params,
                ex.getRequestHeaders().getFirst("X-Requested-With"), bodyBytes[0]));
        if (bodyBytes[0] > scenario.maxPostBytes) {
            // As a front-end proxy refuses a body over its limit: HTML, not Qualys XML, and nothing applied.
            byte[] html = "<html><head><title>413 Request Entity Too Large</title></head><body><h1>413 Request Entity Too Large</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(413, html.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(html);
            }
            return;
        }

        if (!authorized(ex)) {
            simpleReturn(ex, 401, Map.of(), 2000, "Bad Login/Password", null, false);
            return;
        }
        if (ex.getRequestHeaders().getFirst("X-Requested-With") == null) {
            simpleReturn(ex, 400, Map.of(), 1903, "Missing required parameter(s): X-Requested-With header", null, false);
            return;
        }
        Fault fault = takeFault(endpoint);
        if (fault != null && fault.kind() == Fault.Kind.SLOW) {
            pause(fault.number());
            fault = null;
        }
        if (fault != null && respondWithFault(ex, endpoint, fault)) {
            return;
        }
        String limitKey = path.replaceAll("/+$", "");
        Map<String, String> limitHeaders;
        AtomicInteger run = running.computeIfAbsent(limitKey, k -> new AtomicInteger());
        int now = run.incrementAndGet();
        try {
            maxRunning.accumulateAndGet(now, Math::max);
            if (now > scenario.concurrencyLimit) {
                refusedByLimits.incrementAndGet();
                concurrencyRefusal(ex, now);
                return;
            }
            limitHeaders = rateLimit(limitKey);
            if (limitHeaders == null) {
                refusedByLimits.incrementAndGet();
                long wait = secondsUntilFree(limitKey);
                rateRefusal(ex, wait, now);
                return;
            }
            limitHeaders.put("X-Concurrency-Limit-Limit", Integer.toString(scenario.concurrencyLimit));
            limitHeaders.put("X-Concurrency-Limit-Running", Integer.toString(now));
            long hangAfter = fault != null && fault.kind() == Fault.Kind.APPLY_THEN_HANG ? fault.number() : 0;
            long cutAfter = fault != null && fault.kind() == Fault.Kind.CUT_MID_BODY ? fault.number() : -1;
            String nextPage = fault != null && fault.kind() == Fault.Kind.NEXT_PAGE ? fault.text() : null;
            serve(ex, endpoint, method, params, limitHeaders, hangAfter, cutAfter, nextPage);
        } finally {
            run.decrementAndGet();
        }
    }

    private static Endpoint endpoint(String path, String action) {
        String p = path.endsWith("/") ? path : path + "/";
        boolean list = "list".equals(action);
        if (p.equals("/api/2.0/fo/asset/ip/")) {
            return list ? Endpoint.IP_LIST : "add".equals(action) ? Endpoint.IP_ADD : Endpoint.OTHER;
        }
        if (HOST_PATH.matcher(path).matches()) {
            return list ? Endpoint.HOST_LIST : Endpoint.OTHER;
        }
        if (p.equals("/api/2.0/fo/network/")) {
            return list ? Endpoint.NETWORK_LIST : Endpoint.OTHER;
        }
        if (p.equals("/api/2.0/fo/appliance/")) {
            return list ? Endpoint.APPLIANCE_LIST : Endpoint.OTHER;
        }
        if (p.equals("/api/2.0/fo/asset/group/")) {
            if (action == null) {
                return Endpoint.OTHER;
            }
            return switch (action) {
                case "list" -> Endpoint.GROUP_LIST;
                case "add" -> Endpoint.GROUP_ADD;
                case "edit" -> Endpoint.GROUP_EDIT;
                case "delete" -> Endpoint.GROUP_DELETE;
                default -> Endpoint.OTHER;
            };
        }
        return Endpoint.OTHER;
    }

    private synchronized void record(RequestRecord r) {
        requests.addLast(r);
        while (requests.size() > 10_000) {
            requests.removeFirst();
        }
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return decoded.equals(scenario.username + ":" + scenario.password);
    }

    private Fault takeFault(Endpoint endpoint) {
        synchronized (faults) {
            for (FaultRule rule : faults) {
                if (rule.times <= 0 || (rule.endpoint != Endpoint.ANY && rule.endpoint != endpoint)) {
                    continue;
                }
                if (rule.skip > 0) {
                    rule.skip--;
                    continue;
                }
                rule.times--;
                return rule.fault;
            }
        }
        return null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> parseParams(HttpExchange ex, int[] bodyBytes) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        addParams(params, ex.getRequestURI().getRawQuery());
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if ("POST".equals(ex.getRequestMethod()) && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            try (InputStream in = ex.getRequestBody()) {
                byte[] body = in.readAllBytes();
                bodyBytes[0] = body.length;
                addParams(params, new String(body, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void addParams(Map<String, String> params, String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v); // the last instance wins, as in Qualys
        }
    }

    // ------------------------------------------------------------------------------------------------- limits

    /** Counts the call; the headers to send, or null when the rate limit refuses it. */
    private Map<String, String> rateLimit(String key) {
        Deque<Long> times = callTimes.computeIfAbsent(key, k -> new ArrayDeque<>());
        long now = scenario.clock.millis();
        long windowMs = scenario.rateLimitWindowSeconds * 1000L;
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - windowMs) {
                times.removeFirst();
            }
            if (times.size() >= scenario.rateLimitCalls) {
                return null;
            }
            times.addLast(now);
            int remaining = scenario.rateLimitCalls - times.size();
            long toWait = remaining > 0 ? 0 : Math.max(1, (times.peekFirst() + windowMs - now + 999) / 1000);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("X-RateLimit-Limit", Integer.toString(scenario.rateLimitCalls));
            h.put("X-RateLimit-Window-Sec", Integer.toString(scenario.rateLimitWindowSeconds));
            h.put("X-RateLimit-ToWait-Sec", Long.toString(toWait));
            h.put("X-RateLimit-Remaining", Integer.toString(remaining));
            return h;
        }
    }

    private long secondsUntilFree(String key) {
        Deque<Long> times = callTimes.get(key);
        synchronized (times) {
            long now = scenario.clock.millis();
            long oldest = times.isEmpty() ? now : times.peekFirst();
            return Math.max(1, (oldest + scenario.rateLimitWindowSeconds * 1000L - now + 999) / 1000);
        }
    }

    private void rateRefusal(HttpExchange ex, long wait, int runningNow) throws IOException {
        rateRefusal(ex, wait, runningNow, true);
    }

    private void rateRefusal(HttpExchange ex, long wait, int runningNow, boolean waitHeader) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-RateLimit-Limit", Integer.toString(scenario.rateLimitCalls));
        h.put("X-RateLimit-Window-Sec", Integer.toString(scenario.rateLimitWindowSeconds));
        h.put("X-Concurrency-Limit-Limit", Integer.toString(scenario.concurrencyLimit));
        h.put("X-Concurrency-Limit-Running", Integer.toString(runningNow));
        if (waitHeader) {
            h.put("X-RateLimit-ToWait-Sec", Long.toString(wait));
        }
        h.put("X-RateLimit-Remaining", "0");
        simpleReturn(ex, 409, h, 1965, "This API cannot be run again for another " + duration(wait) + ".",
                Map.of("SECONDS_TO_WAIT", Long.toString(wait)), false);
    }

    private void concurrencyRefusal(HttpExchange ex, int runningNow) throws IOException {
        // As in the guide's sample: limit and concurrency headers, but no ToWait/Remaining.
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-RateLimit-Limit", Integer.toString(scenario.rateLimitCalls));
        h.put("X-RateLimit-Window-Sec", Integer.toString(scenario.rateLimitWindowSeconds));
        h.put("X-Concurrency-Limit-Limit", Integer.toString(scenario.concurrencyLimit));
        h.put("X-Concurrency-Limit-Running", Integer.toString(Math.max(runningNow - 1, scenario.concurrencyLimit)));
        int toFinish = Math.max(1, runningNow - scenario.concurrencyLimit);
        simpleReturn(ex, 409, h, 1960, "This API cannot be run again until " + toFinish + " currently running API"
                + " instance" + (toFinish == 1 ? " has" : "s have") + " finished.",
                Map.of("CALLS_TO_FINISH", Integer.toString(toFinish)), false);
    }

    /** "23 hours, 57 minutes and 54 seconds", as in Qualys's 1965 text. */
    static String duration(long seconds) {
        long h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
        List<String> parts = new ArrayList<>();
        if (h > 0) {
            parts.add(h + (h == 1 ? " hour" : " hours"));
        }
        if (m > 0) {
            parts.add(m + (m == 1 ? " minute" : " minutes"));
        }
        if (s > 0 || parts.isEmpty()) {
            parts.add(s + (s == 1 ? " second" : " seconds"));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    // ------------------------------------------------------------------------------------------------- faults

    /** Sends the fault's answer; false for faults that shape a normal answer instead. */
    private boolean respondWithFault(HttpExchange ex, Endpoint endpoint, Fault fault) throws IOException {
        switch (fault.kind()) {
            case HTTP_ERROR -> {
                int status = (int) fault.number();
                if (status == 502) {
                    byte[] html = ("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
                            + "<p>The proxy server received an invalid response from an upstream server.</p></body></html>")
                            .getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "text/html; charset=iso-8859-1");
                    ex.sendResponseHeaders(502, html.length);
                    ex.getResponseBody().write(html);
                } else if (status == 503) {
                    simpleReturn(ex, 503, Map.of(), 1999, "We are performing scheduled maintenance on our System."
                            + " Please try again later.", null, false);
                } else {
                    simpleReturn(ex, status, Map.of(), 999, "Internal error. Please contact customer support.",
                            null, false);
                }
                return true;
            }
            case MALFORMED_XML -> {
                ex.getResponseHeaders().set("Content-Type", "application/xml");
                ex.sendResponseHeaders(200, 0);
                try (Writer w = writer(ex.getResponseBody())) {
                    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<" + root(endpoint) + ">\n<RESPONSE>\n"
                            + "<DATETIME>" + now() + "</DATETIME>\n<HOST_LIST><HOST><ID>1</ID><IP>10.0.0.1</IP>\n"
                            + "</HOST_LIST>\n</" + root(endpoint) + ">\n");
                }
                return true;
            }
            case XXE -> {
                ex.getResponseHeaders().set("Content-Type", "application/xml");
                ex.sendResponseHeaders(200, 0);
                String fileUri = java.nio.file.Path.of(fault.text()).toUri().toString();
                String doctype = "<!DOCTYPE %s [\n  <!ENTITY xxe SYSTEM \"" + fileUri + "\">\n]>\n";
                try (Writer w = writer(ex.getResponseBody())) {
                    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n");
                    if (endpoint == Endpoint.HOST_LIST) {
                        w.write(String.format(doctype, "HOST_LIST_OUTPUT"));
                        w.write("<HOST_LIST_OUTPUT><RESPONSE><DATETIME>" + now() + "</DATETIME><HOST_LIST><HOST>"
                                + "<ID>1</ID><IP>10.0.0.1</IP><DNS>&xxe;</DNS></HOST></HOST_LIST></RESPONSE>"
                                + "</HOST_LIST_OUTPUT>\n");
                    } else {
                        w.write(String.format(doctype, "SIMPLE_RETURN"));
                        w.write("<SIMPLE_RETURN><RESPONSE><DATETIME>" + now() + "</DATETIME><CODE>1905</CODE>"
                                + "<TEXT>&xxe;</TEXT></RESPONSE></SIMPLE_RETURN>\n");
                    }
                }
                return true;
            }
            case ACCOUNT_EXPIRED -> {
                simpleReturnWithType(ex, 200, "text/xml;charset=UTF-8", Map.of(), 2001, "This account has expired.",
                        null, true);
                return true;
            }
            case BAD_CREDENTIALS -> {
                simpleReturn(ex, 401, Map.of(), 2000, "Bad Login/Password", null, false);
                return true;
            }
            case LICENCE_REFUSAL -> {
                simpleReturn(ex, 200, Map.of(), 2012, "User license is not authorized to run this API", null, true);
                return true;
            }
            case RATE_LIMITED -> {
                rateRefusal(ex, fault.number(), 1);
                return true;
            }
            case RATE_LIMITED_NO_WAIT_HEADER -> {
                rateRefusal(ex, fault.number(), 1, false);
                return true;
            }
            case CONCURRENCY_LIMITED -> {
                concurrencyRefusal(ex, scenario.concurrencyLimit + 1);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static String root(Endpoint e) {
        return switch (e) {
            case IP_LIST -> "IP_LIST_OUTPUT";
            case HOST_LIST -> "HOST_LIST_OUTPUT";
            case GROUP_LIST -> "ASSET_GROUP_LIST_OUTPUT";
            case NETWORK_LIST -> "NETWORK_LIST_OUTPUT";
            case APPLIANCE_LIST -> "APPLIANCE_LIST_OUTPUT";
            default -> "SIMPLE_RETURN";
        };
    }

    // ------------------------------------------------------------------------------------------------ answers

    private void serve(HttpExchange ex, Endpoint endpoint, String method, Map<String, String> params,
                       Map<String, String> limitHeaders, long hangAfter, long cutAfter, String nextPage)
            throws IOException {
        Answer answer = switch (endpoint) {
            case IP_LIST -> ipList(params);
            case IP_ADD -> "POST".equals(method) ? ipAdd(params) : Answer.error(400, 1908,
                    "Request method (GET or POST) is incompatible with specified parameter(s): action");
            case HOST_LIST -> hostList(ex, params, nextPage);
            case GROUP_LIST -> groupList(ex, params);
            case GROUP_ADD -> "POST".equals(method) ? groupAdd(params) : Answer.error(400, 1908,
                    "Request method (GET or POST) is incompatible with specified parameter(s): action");
            case GROUP_EDIT -> "POST".equals(method) ? groupEdit(params) : Answer.error(400, 1908,
                    "Request method (GET or POST) is incompatible with specified parameter(s): action");
            case NETWORK_LIST -> networkList();
            case APPLIANCE_LIST -> applianceList();
            case GROUP_DELETE -> "POST".equals(method) ? groupDelete(params) : Answer.error(400, 1908,
                    "Request method (GET or POST) is incompatible with specified parameter(s): action");
            default -> params.get("action") == null
                    ? Answer.error(400, 1903, "Missing required parameter(s): action")
                    : Answer.error(400, 1905, "parameter action has invalid value: " + params.get("action"));
        };
        if (hangAfter > 0) {
            pause(hangAfter);
        }
        if (answer.error) {
            simpleReturn(ex, answer.status, limitHeaders, answer.code, answer.text, null, false);
            return;
        }
        Headers h = ex.getResponseHeaders();
        limitHeaders.forEach(h::set);
        h.set("Server", "Qualys");
        h.set("Content-Type", "application/xml");
        ex.sendResponseHeaders(200, 0); // chunked, like the real service
        OutputStream out = ex.getResponseBody();
        if (cutAfter >= 0) {
            out = new CuttingStream(out, cutAfter);
        }
        if (endpoint != Endpoint.HOST_LIST) {
            try (Writer w = writer(out)) {
                answer.body.write(w);
            }
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        CountingStream counted = new CountingStream(out);
        try (Writer w = writer(counted)) {
            answer.body.write(w);
        } finally {
            hostListWallNanos.addAndGet(System.nanoTime() - wall);
            hostListCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
            hostListBytes.addAndGet(counted.count);
            hostListAnswers.incrementAndGet();
        }
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    @FunctionalInterface
    private interface BodyWriter {
        void write(Writer w) throws IOException;
    }

    private record Answer(boolean error, int status, int code, String text, BodyWriter body) {
        static Answer error(int status, int code, String text) {
            return new Answer(true, status, code, text, null);
        }

        static Answer ok(BodyWriter body) {
            return new Answer(false, 200, 0, null, body);
        }
    }

    private static Writer writer(OutputStream out) {
        return new OutputStreamWriter(new BufferedOutputStream(out, 1 << 16), StandardCharsets.UTF_8);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void prolog(Writer w, String root, String dtdPath) throws IOException {
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE " + root + " SYSTEM \"https://"
                + scenario.platformHost + dtdPath + "\">\n" + EVALUATION + " \n");
    }

    private static void trailer(Writer w) throws IOException {
        w.write("\n" + EVALUATION + " \n" + CONFIDENTIAL + " \n");
    }

    private static String cdata(String s) {
        return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A SIMPLE_RETURN answer; error answers have no XML declaration, as captured. */
    private void simpleReturn(HttpExchange ex, int status, Map<String, String> headers, int code, String text,
                              Map<String, String> items, boolean declaration) throws IOException {
        simpleReturnWithType(ex, status, "application/xml", headers, code, text, items, declaration);
    }

    private void simpleReturnWithType(HttpExchange ex, int status, String type, Map<String, String> headers, int code,
                                      String text, Map<String, String> items, boolean declaration) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (declaration) {
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n");
        }
        sb.append("<!DOCTYPE SIMPLE_RETURN SYSTEM \"https://").append(scenario.platformHost)
                .append("/api/2.0/simple_return.dtd\">\n<SIMPLE_RETURN>\n  <RESPONSE>\n    <DATETIME>").append(now())
                .append("</DATETIME>\n");
        if (code != 0) {
            sb.append("    <CODE>").append(code).append("</CODE>\n");
        }
        sb.append("    <TEXT>").append(xmlText(text)).append("</TEXT>\n");
        appendItems(sb, items);
        sb.append("  </RESPONSE>\n</SIMPLE_RETURN>\n");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Headers h = ex.getResponseHeaders();
        headers.forEach(h::set);
        h.set("Server", "Qualys");
        h.set("Content-Type", type);
        ex.sendResponseHeaders(status, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void appendItems(StringBuilder sb, Map<String, String> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        sb.append("    <ITEM_LIST>\n");
        items.forEach((k, v) -> sb.append("      <ITEM>\n        <KEY>").append(k).append("</KEY>\n        <VALUE>")
                .append(xmlText(v)).append("</VALUE>\n      </ITEM>\n"));
        sb.append("    </ITEM_LIST>\n");
    }

    private Answer success(String text, Map<String, String> items) {
        return Answer.ok(w -> {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE SIMPLE_RETURN SYSTEM \"https://"
                    + scenario.platformHost + "/api/2.0/simple_return.dtd\">\n");
            StringBuilder sb = new StringBuilder("<SIMPLE_RETURN>\n  <RESPONSE>\n    <DATETIME>" + now()
                    + "</DATETIME>\n    <TEXT>" + xmlText(text) + "</TEXT>\n");
            appendItems(sb, items);
            sb.append("  </RESPONSE>\n</SIMPLE_RETURN>\n");
            w.write(sb.toString());
        });
    }

    private static void writeIpSet(Writer w, IpRangeSet ips, String indent) throws IOException {
        if (ips.isEmpty()) {
            return;
        }
        w.write(indent + "<IP_SET>\n");
        StringBuilder sb = new StringBuilder(64);
        for (IpRange r : ips) {
            sb.setLength(0);
            sb.append(indent).append("  ");
            if (r.isSingle()) {
                sb.append("<IP>").append(r).append("</IP>\n");
            } else {
                sb.append("<IP_RANGE>").append(r).append("</IP_RANGE>\n");
            }
            w.write(sb.toString());
        }
        w.write(indent + "</IP_SET>\n");
    }

    /** Parses an {@code ips} value; IPv4 only, like the real IP and asset group endpoints. */
    private static IpRangeSet parseIps(String name, String value) {
        IpRangeSet set = IpRangeSet.parseList(value);
        if (!set.ipv6().isEmpty()) {
            throw new IpParseException(value, "IPv6 is not accepted here");
        }
        return set;
    }

    // IP list / add

    private Answer ipList(Map<String, String> params) {
        IpRangeSet set;
        synchronized (this) {
            set = subscription;
        }
        if (params.containsKey("ips")) {
            try {
                set = set.intersection(parseIps("ips", params.get("ips")));
            } catch (IpParseException e) {
                return Answer.error(400, 1905, "parameter ips has invalid value: " + params.get("ips"));
            }
        }
        IpRangeSet result = set;
        return Answer.ok(w -> {
            prolog(w, "IP_LIST_OUTPUT", "/api/2.0/fo/asset/ip/ip_list_output.dtd");
            w.write("<IP_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>" + now() + "</DATETIME>\n");
            writeIpSet(w, result, "    ");
            w.write("  </RESPONSE>\n</IP_LIST_OUTPUT>");
            trailer(w);
        });
    }

    private Answer ipAdd(Map<String, String> params) {
        String ips = params.get("ips");
        if (ips == null || ips.isBlank()) {
            return Answer.error(400, 1903, "Missing required parameter(s): ips");
        }
        if (!"1".equals(params.get("enable_vm")) && !"1".equals(params.get("enable_pc"))) {
            return Answer.error(400, 1922, "Please specify at least one of the following parameters: enable_vm, enable_pc");
        }
        IpRangeSet set;
        try {
            set = parseIps("ips", ips);
        } catch (IpParseException e) {
            return Answer.error(400, 1905, "parameter ips has invalid value: " + e.input());
        }
        synchronized (this) {
            subscription = subscription.union(set);
            added.addAll(set);
            addRequests.add(ips);
        }
        return success("IPs successfully added to Vulnerability Management", null);
    }

    // host list

    private static int truncationLimit(Map<String, String> params) {
        String t = params.getOrDefault("truncation_limit", "1000").strip();
        int limit = Integer.parseInt(t);
        if (limit < 0 || limit > 1_000_000) {
            throw new NumberFormatException();
        }
        return limit;
    }

    private String baseUrl(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        return "http://" + (host != null ? host : url.getAuthority());
    }

    /** @param nextPage the query of the next-page URL to give instead of the real one (a fault), or null */
    private Answer hostList(HttpExchange ex, Map<String, String> params, String nextPage) {
        String details = params.getOrDefault("details", "Basic");
        if (!details.matches("None|Basic|Basic/AGs|All|All/AGs")) {
            return Answer.error(400, 1905, "parameter details has invalid value: " + details);
        }
        int limit;
        try {
            limit = truncationLimit(params);
        } catch (NumberFormatException e) {
            return Answer.error(400, 1905, "parameter truncation_limit has invalid value: " + params.get("truncation_limit"));
        }
        HostSource hosts = hosts();
        long first = 0;
        if (params.containsKey("id_min")) {
            try {
                first = hosts.indexOfIdAtLeast(Long.parseLong(params.get("id_min").strip()));
            } catch (NumberFormatException e) {
                return Answer.error(400, 1905, "parameter id_min has invalid value: " + params.get("id_min"));
            }
        }
        long start = first;
        long end = limit == 0 ? hosts.count() : Math.min(hosts.count(), first + limit);
        boolean more = end < hosts.count() || nextPage != null;
        Matcher m = HOST_PATH.matcher(ex.getRequestURI().getRawPath());
        String version = m.matches() ? m.group(1) : "2.0";
        String base = baseUrl(ex);
        boolean all = details.startsWith("All");
        boolean none = details.equals("None");
        return Answer.ok(w -> {
            prolog(w, "HOST_LIST_OUTPUT", "/api/" + version + "/fo/asset/host/host_list_output.dtd");
            w.write("<HOST_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>" + now() + "</DATETIME>\n");
            if (end > start) {
                w.write(none ? "    <ID_SET>\n" : "    <HOST_LIST>\n");
                StringBuilder sb = new StringBuilder(512);
                for (long i = start; i < end; i++) {
                    SimHost h = hosts.at(i);
                    sb.setLength(0);
                    if (none) {
                        sb.append("      <ID>").append(h.id()).append("</ID>\n");
                    } else {
                        hostXml(sb, h, i, all);
                    }
                    w.write(sb.toString());
                }
                w.write(none ? "    </ID_SET>\n" : "    </HOST_LIST>\n");
            }
            if (more) {
                String next = nextPage != null ? base + "/api/" + version + "/fo/asset/host/?" + nextPage
                        : base + "/api/" + version + "/fo/asset/host/?action=list&details="
                        + URLEncoder.encode(details, StandardCharsets.UTF_8) + "&truncation_limit=" + limit
                        + "&cloud_agent_activationkey=0&id_min=" + hosts.at(end).id();
                w.write("    <WARNING>\n      <CODE>1980</CODE>\n      <TEXT>" + limit + " record limit exceeded."
                        + " Use URL to get next batch of results.</TEXT>\n      <URL>\n        " + cdata(next)
                        + "\n      </URL>\n    </WARNING>\n");
            }
            w.write("  </RESPONSE>\n</HOST_LIST_OUTPUT>");
            trailer(w);
        });
    }

    /** One HOST element, with the variety of the real service: order, padding and extra elements vary. */
    private static void hostXml(StringBuilder sb, SimHost h, long index, boolean all) {
        sb.append("      <HOST>\n        <ID>").append(h.id()).append("</ID>\n");
        if (h.ipv4() != null) {
            sb.append("        <IP>").append(h.ipv4()).append("</IP>\n");
        }
        if (h.ipv6() != null) {
            sb.append("        <IPV6>").append(h.ipv6()).append("</IPV6>\n");
        }
        boolean osFirst = index % 7 == 3;
        if (osFirst && h.os() != null) {
            sb.append("        <OS>").append(cdata(h.os())).append("</OS>\n");
        }
        if (h.trackingMethod() != null) {
            sb.append("        <TRACKING_METHOD>").append(h.trackingMethod()).append("</TRACKING_METHOD>\n");
        }
        if (h.dns() != null) {
            if (index % 5 == 1) {
                sb.append("        <DNS>\n          ").append(cdata(h.dns())).append("\n        </DNS>\n");
            } else {
                sb.append("        <DNS>").append(cdata(h.dns())).append("</DNS>\n");
            }
            if (index % 4 == 0) {
                sb.append("        <DNS_DATA><HOSTNAME>").append(cdata(h.dns())).append("</HOSTNAME><DOMAIN/><FQDN/></DNS_DATA>\n");
            }
        }
        if (h.netbios() != null) {
            sb.append("        <NETBIOS>").append(cdata(h.netbios())).append("</NETBIOS>\n");
        }
        if (!osFirst && h.os() != null) {
            sb.append("        <OS>").append(cdata(h.os())).append("</OS>\n");
        }
        if (all) {
            if (h.lastScan() != null) {
                // The scan's start, and its end (start plus duration) as LAST_VM_SCANNED_DATE, as Qualys gives them.
                sb.append("        <LAST_VULN_SCAN_DATETIME>").append(h.lastScan()).append("</LAST_VULN_SCAN_DATETIME>\n")
                        .append("        <LAST_VM_SCANNED_DATE>").append(h.vmScanned())
                        .append("</LAST_VM_SCANNED_DATE>\n")
                        .append("        <LAST_VM_SCANNED_DURATION>").append(h.scanSeconds())
                        .append("</LAST_VM_SCANNED_DURATION>\n");
            }
            if (index % 6 == 2) {
                sb.append("        <ASSET_RISK_SCORE>").append(index % 1000).append("</ASSET_RISK_SCORE>\n");
            }
        }
        sb.append("      </HOST>\n");
    }

    // asset groups

    private Answer groupList(HttpExchange ex, Map<String, String> params) {
        int limit;
        try {
            limit = truncationLimit(params);
        } catch (NumberFormatException e) {
            return Answer.error(400, 1905, "parameter truncation_limit has invalid value: " + params.get("truncation_limit"));
        }
        IpRangeSet idFilter = null;
        if (params.containsKey("ids")) {
            idFilter = idSet(params.get("ids"));
            if (idFilter == null) {
                return Answer.error(400, 1905, "parameter ids has invalid value: " + params.get("ids"));
            }
        }
        long idMin = 0;
        try {
            idMin = Long.parseLong(params.getOrDefault("id_min", "0").strip());
        } catch (NumberFormatException e) {
            return Answer.error(400, 1905, "parameter id_min has invalid value: " + params.get("id_min"));
        }
        String title = params.get("title");
        List<Group> matching = new ArrayList<>();
        synchronized (this) {
            for (Group g : groups.tailMap(idMin, true).values()) {
                if (title != null && !title.equals(g.title())) {
                    continue;
                }
                if (idFilter != null && !idFilter.contains(io.assetmanager.net.IpAddress.ofIpv4(g.id()))) {
                    continue;
                }
                matching.add(g);
            }
        }
        boolean more = limit > 0 && matching.size() > limit;
        List<Group> page = more ? matching.subList(0, limit) : matching;
        String next = more ? baseUrl(ex) + "/api/2.0/fo/asset/group/?action=list&truncation_limit=" + limit
                + (title != null ? "&title=" + URLEncoder.encode(title, StandardCharsets.UTF_8) : "")
                + (params.containsKey("ids") ? "&ids=" + URLEncoder.encode(params.get("ids"), StandardCharsets.UTF_8) : "")
                + "&id_min=" + matching.get(limit).id() : null;
        return Answer.ok(w -> {
            prolog(w, "ASSET_GROUP_LIST_OUTPUT", "/api/2.0/fo/asset/group/asset_group_list_output.dtd");
            w.write("<ASSET_GROUP_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>" + now() + "</DATETIME>\n");
            if (!page.isEmpty()) {
                w.write("    <ASSET_GROUP_LIST>\n");
                for (Group g : page) {
                    w.write("      <ASSET_GROUP>\n        <ID>" + g.id() + "</ID>\n        <TITLE>\n          "
                            + cdata(g.title()) + "\n        </TITLE>\n");
                    if (scenario.networksEnabled) {
                        w.write("        <NETWORK_ID>" + g.networkId + "</NETWORK_ID>\n");
                    }
                    if (g.defaultApplianceId != null) {
                        w.write("        <DEFAULT_APPLIANCE_ID>" + g.defaultApplianceId + "</DEFAULT_APPLIANCE_ID>\n");
                    }
                    if (!g.applianceIds.isEmpty()) {
                        // Comma and blank, as in "43576, 43575".
                        w.write("        <APPLIANCE_IDS>" + String.join(", ", g.applianceIds.stream()
                                .map(String::valueOf).toList()) + "</APPLIANCE_IDS>\n");
                    }
                    writeIpSet(w, g.ips(), "        ");
                    w.write("      </ASSET_GROUP>\n");
                }
                w.write("    </ASSET_GROUP_LIST>\n");
            }
            if (next != null) {
                w.write("    <WARNING>\n      <CODE>1980</CODE>\n      <TEXT>" + limit + " record limit exceeded."
                        + " Use URL to get next batch of results.</TEXT>\n      <URL>" + cdata(next)
                        + "</URL>\n    </WARNING>\n");
            }
            w.write("  </RESPONSE>\n</ASSET_GROUP_LIST_OUTPUT>");
            trailer(w);
        });
    }

    /** IDs and ID ranges ("1,5-9") as a set of numbers (held in an IpRangeSet of IPv4 values); null if invalid. */
    private static IpRangeSet idSet(String text) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (!p.matches("[0-9]{1,10}(-[0-9]{1,10})?")) {
                return null;
            }
            String[] ab = p.split("-");
            long a = Long.parseLong(ab[0]);
            long z = ab.length > 1 ? Long.parseLong(ab[1]) : a;
            if (a > z || z > 0xFFFF_FFFFL) {
                return null;
            }
            b.add(new IpRange(io.assetmanager.net.IpAddress.ofIpv4(a), io.assetmanager.net.IpAddress.ofIpv4(z)));
        }
        return b.build();
    }

    private Answer groupAdd(Map<String, String> params) {
        Answer unknown = unrecognized(params, GROUP_ADD_PARAMETERS);
        if (unknown != null) {
            return unknown;
        }
        String title = params.get("title");
        if (title == null || title.isBlank()) {
            return Answer.error(400, 1903, "Missing required parameter(s): title");
        }
        IpRangeSet ips = IpRangeSet.empty();
        if (params.containsKey("ips") && !params.get("ips").isBlank()) {
            try {
                ips = parseIps("ips", params.get("ips"));
            } catch (IpParseException e) {
                return Answer.error(400, 1905, "parameter ips has invalid value: " + e.input());
            }
        }
        long network = 0;
        if (params.containsKey("network_id")) {
            String n = params.get("network_id").strip();
            if (!scenario.networksEnabled) {
                return Answer.error(400, 1905, "parameter network_id has invalid value: " + n
                        + " (the Networks feature is not enabled for this subscription)");
            }
            if (!n.matches("[0-9]{1,18}") || !networkExists(Long.parseLong(n))) {
                return Answer.error(400, 1905, "parameter network_id has invalid value: " + n + " (no such network)");
            }
            network = Long.parseLong(n);
        }
        Appliances appliances = appliances(params, "appliance_ids", "default_appliance_id", network, List.of(), null);
        if (appliances.refusal != null) {
            return appliances.refusal;
        }
        long id;
        synchronized (this) {
            if (groups.values().stream().anyMatch(g -> g.title().equals(title))) {
                return Answer.error(400, 1905, "parameter title has invalid value: " + title
                        + " (an asset group with this title already exists)");
            }
            id = nextGroupId++;
            groups.put(id, new Group(id, title, ips, network, appliances.ids, appliances.defaultId));
        }
        return success("Asset Group successfully added.", Map.of("ID", Long.toString(id)));
    }

    private Answer groupEdit(Map<String, String> params) {
        Answer unknown = unrecognized(params, GROUP_EDIT_PARAMETERS);
        if (unknown != null) {
            return unknown;
        }
        Long id = groupIdParam(params);
        if (id == null) {
            return params.containsKey("id") ? Answer.error(400, 1905, "parameter id has invalid value: " + params.get("id"))
                    : Answer.error(400, 1903, "Missing required parameter(s): id");
        }
        try {
            synchronized (this) {
                Group g = groups.get(id);
                if (params.containsKey("add_ips") && params.keySet().stream().noneMatch(k -> k.startsWith("set_")
                        || k.startsWith("remove_") || k.endsWith("appliance_ids"))) {
                    g.add(parseIps("add_ips", params.get("add_ips")));
                    return success("Asset Group Updated Successfully", Map.of("ID", Long.toString(id)));
                }
                IpRangeSet ips = g.ips();
                String title = g.title();
                if (params.containsKey("set_ips")) {
                    ips = params.get("set_ips").isBlank() ? IpRangeSet.empty() : parseIps("set_ips", params.get("set_ips"));
                }
                if (params.containsKey("add_ips")) {
                    ips = ips.union(parseIps("add_ips", params.get("add_ips")));
                }
                if (params.containsKey("remove_ips")) {
                    ips = ips.difference(parseIps("remove_ips", params.get("remove_ips")));
                }
                if (params.containsKey("set_title")) {
                    title = params.get("set_title");
                }
                Appliances appliances = editedAppliances(g, params);
                if (appliances.refusal != null) {
                    return appliances.refusal;
                }
                groups.put(id, g.with(title, ips, appliances.ids, appliances.defaultId));
            }
        } catch (IpParseException e) {
            return Answer.error(400, 1905, "parameter ips has invalid value: " + e.input());
        }
        return success("Asset Group Updated Successfully", Map.of("ID", Long.toString(id)));
    }

    /** The parameters Qualys documents for a group add; anything else is refused as Qualys does (code 1901). */
    private static final Set<String> GROUP_ADD_PARAMETERS = Set.of("action", "echo_request", "title", "network_id",
            "comments", "division", "function", "location", "business_impact", "ips", "appliance_ids",
            "default_appliance_id", "domains", "dns_names", "netbios_names", "cvss_enviro_cdp", "cvss_enviro_td",
            "cvss_enviro_cr", "cvss_enviro_ir", "cvss_enviro_ar");

    /** The parameters Qualys documents for a group edit: no {@code set_network_id}, a group keeps its network. */
    private static final Set<String> GROUP_EDIT_PARAMETERS = Set.of("action", "echo_request", "id", "set_title",
            "set_comments", "set_division", "set_function", "set_location", "set_business_impact", "set_cvss_enviro_cdp",
            "set_cvss_enviro_td", "set_cvss_enviro_cr", "set_cvss_enviro_ir", "set_cvss_enviro_ar",
            "set_default_appliance_id", "add_ips", "remove_ips", "set_ips", "add_appliance_ids", "remove_appliance_ids",
            "set_appliance_ids", "add_domains", "remove_domains", "set_domains", "add_dns_names", "remove_dns_names",
            "set_dns_names", "add_netbios_names", "remove_netbios_names", "set_netbios_names");

    /** Qualys's 1901 answer naming the parameters not in {@code known}; null when there are none. */
    private static Answer unrecognized(Map<String, String> params, Set<String> known) {
        List<String> unknown = params.keySet().stream().filter(k -> !known.contains(k)).toList();
        return unknown.isEmpty() ? null
                : Answer.error(400, 1901, "Unrecognized parameter(s): " + String.join(", ", unknown));
    }

    /** A group's appliances as a request leaves them, or Qualys's refusal of the request. */
    private record Appliances(List<Long> ids, Long defaultId, Answer refusal) {
        static Appliances refused(String parameter, String value, String why) {
            return new Appliances(null, null, Answer.error(400, 1905, "parameter " + parameter + " has invalid value: "
                    + value + " (" + why + ")"));
        }
    }

    /** The appliances after an edit's {@code set_}, {@code add_} and {@code remove_appliance_ids} and default. */
    private Appliances editedAppliances(Group g, Map<String, String> params) {
        List<Long> ids = new ArrayList<>(g.applianceIds);
        Long defaultId = g.defaultApplianceId;
        if (params.containsKey("set_appliance_ids")) {
            Appliances set = appliances(params, "set_appliance_ids", "set_default_appliance_id", g.networkId,
                    List.of(), null);
            if (set.refusal != null) {
                return set;
            }
            ids.clear();
            ids.addAll(set.ids);
            defaultId = set.defaultId != null ? set.defaultId : ids.contains(defaultId) ? defaultId : null;
        } else if (params.containsKey("set_default_appliance_id")) {
            Appliances d = appliances(params, "set_appliance_ids", "set_default_appliance_id", g.networkId, ids, null);
            if (d.refusal != null) {
                return d;
            }
            defaultId = d.defaultId;
        }
        for (String op : List.of("add_appliance_ids", "remove_appliance_ids")) {
            if (params.containsKey(op)) {
                Appliances more = appliances(params, op, null, g.networkId, List.of(), null);
                if (more.refusal != null) {
                    return more;
                }
                if (op.startsWith("add")) {
                    more.ids.stream().filter(a -> !ids.contains(a)).forEach(ids::add);
                } else {
                    ids.removeAll(more.ids);
                }
            }
        }
        return new Appliances(ids, ids.contains(defaultId) ? defaultId : null, null);
    }

    /**
     * Reads an appliance list parameter and its default: each appliance must exist, and with the Networks feature
     * belong to the group's network; the default must be among the listed appliances ({@code listed} when the list
     * parameter is absent). How strictly Qualys checks the default is not documented: the simulator is strict.
     */
    private Appliances appliances(Map<String, String> params, String listParameter, String defaultParameter,
                                  long network, List<Long> listed, Long defaultId) {
        List<Long> ids = new ArrayList<>(listed);
        if (params.containsKey(listParameter)) {
            ids.clear();
            for (String part : params.get(listParameter).split(",")) {
                String a = part.strip();
                if (a.isEmpty()) {
                    continue;
                }
                Appliances refused = checkAppliance(listParameter, a, network);
                if (refused != null) {
                    return refused;
                }
                if (!ids.contains(Long.parseLong(a))) {
                    ids.add(Long.parseLong(a));
                }
            }
        }
        Long chosen = defaultId;
        if (defaultParameter != null && params.containsKey(defaultParameter)) {
            String d = params.get(defaultParameter).strip();
            Appliances refused = checkAppliance(defaultParameter, d, network);
            if (refused != null) {
                return refused;
            }
            chosen = Long.parseLong(d);
            if (!ids.contains(chosen)) {
                return Appliances.refused(defaultParameter, d, "not among the group's appliance_ids");
            }
        }
        return new Appliances(ids, chosen, null);
    }

    /** Qualys's refusal of appliance ID {@code value}, or null when the group's network may use it. */
    private Appliances checkAppliance(String parameter, String value, long network) {
        if (!value.matches("[0-9]{1,18}")) {
            return Appliances.refused(parameter, value, "not a scanner appliance ID");
        }
        long id = Long.parseLong(value);
        Scenario.Appliance a = scenario.appliances.stream().filter(x -> x.id() == id).findFirst().orElse(null);
        if (a == null) {
            return Appliances.refused(parameter, value, "no such scanner appliance");
        }
        if (scenario.networksEnabled && a.networkId() != network) {
            return Appliances.refused(parameter, value, "scanner appliance " + id + " belongs to network "
                    + a.networkId() + ", not to the asset group's network " + network);
        }
        return null;
    }

    private boolean networkExists(long id) {
        return id == 0 || scenario.networks.containsKey(id);
    }

    // networks and appliances

    /**
     * NETWORK_LIST_OUTPUT, each NETWORK with ID, NAME and its SCANNER_APPLIANCE_LIST (the reference confirms the list
     * is there; its inner elements are a guess). Without the Networks feature, a refusal whose code and text are a
     * guess as well: Qualys does not document it.
     */
    private Answer networkList() {
        if (!scenario.networksEnabled) {
            return Answer.error(400, 1905, "Network Support is not enabled for this subscription.");
        }
        Map<Long, String> all = new LinkedHashMap<>();
        all.put(0L, "Global Default Network");
        all.putAll(scenario.networks);
        return Answer.ok(w -> {
            prolog(w, "NETWORK_LIST_OUTPUT", "/api/2.0/fo/network/network_list_output.dtd");
            w.write("<NETWORK_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>" + now() + "</DATETIME>\n    <NETWORK_LIST>\n");
            for (Map.Entry<Long, String> n : all.entrySet()) {
                w.write("      <NETWORK>\n        <ID>" + n.getKey() + "</ID>\n        <NAME>" + cdata(n.getValue())
                        + "</NAME>\n");
                List<Scenario.Appliance> in = scenario.appliances.stream().filter(a -> a.networkId() == n.getKey())
                        .toList();
                if (!in.isEmpty()) {
                    w.write("        <SCANNER_APPLIANCE_LIST>\n");
                    for (Scenario.Appliance a : in) {
                        w.write("          <SCANNER_APPLIANCE>\n            <ID>" + a.id() + "</ID>\n            <NAME>"
                                + cdata(a.name()) + "</NAME>\n          </SCANNER_APPLIANCE>\n");
                    }
                    w.write("        </SCANNER_APPLIANCE_LIST>\n");
                }
                w.write("      </NETWORK>\n");
            }
            w.write("    </NETWORK_LIST>\n  </RESPONSE>\n</NETWORK_LIST_OUTPUT>");
            trailer(w);
        });
    }

    /** APPLIANCE_LIST_OUTPUT in the brief output mode; NETWORK_ID only with the Networks feature. */
    private Answer applianceList() {
        return Answer.ok(w -> {
            prolog(w, "APPLIANCE_LIST_OUTPUT", "/api/2.0/fo/appliance/appliance_list_output.dtd");
            w.write("<APPLIANCE_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>" + now() + "</DATETIME>\n");
            if (!scenario.appliances.isEmpty()) {
                w.write("    <APPLIANCE_LIST>\n");
                for (Scenario.Appliance a : scenario.appliances) {
                    w.write("      <APPLIANCE>\n        <ID>" + a.id() + "</ID>\n        <UUID>"
                            + new java.util.UUID(a.id(), a.id()) + "</UUID>\n        <NAME>" + cdata(a.name())
                            + "</NAME>\n");
                    if (scenario.networksEnabled) {
                        w.write("        <NETWORK_ID>" + a.networkId() + "</NETWORK_ID>\n");
                    }
                    w.write("        <SOFTWARE_VERSION>2.6</SOFTWARE_VERSION>\n        <RUNNING_SCAN_COUNT>0"
                            + "</RUNNING_SCAN_COUNT>\n        <STATUS>" + a.status() + "</STATUS>\n"
                            + "        <MODEL_NUMBER>vCS</MODEL_NUMBER>\n        <TYPE>Virtual</TYPE>\n"
                            + "      </APPLIANCE>\n");
                }
                w.write("    </APPLIANCE_LIST>\n");
            }
            w.write("  </RESPONSE>\n</APPLIANCE_LIST_OUTPUT>");
            trailer(w);
        });
    }

    private Answer groupDelete(Map<String, String> params) {
        Long id = groupIdParam(params);
        if (id == null) {
            return params.containsKey("id") ? Answer.error(400, 1905, "parameter id has invalid value: " + params.get("id"))
                    : Answer.error(400, 1903, "Missing required parameter(s): id");
        }
        synchronized (this) {
            groups.remove(id);
        }
        return success("Asset Group Deleted Successfully", Map.of("ID", Long.toString(id)));
    }

    /** The {@code id} parameter when it names an existing group, else null. */
    private synchronized Long groupIdParam(Map<String, String> params) {
        String s = params.get("id");
        if (s == null || !s.strip().matches("[0-9]{1,18}")) {
            return null;
        }
        long id = Long.parseLong(s.strip());
        return groups.containsKey(id) ? id : null;
    }

    // ------------------------------------------------------------------------------------------- connection cut

    private static final class CutConnection extends RuntimeException {
        CutConnection() {
            super("cut", null, false, false);
        }
    }

    /** Passes {@code limit} bytes through, flushes them, then cuts the connection. */
    private static final class CuttingStream extends FilterOutputStream {
        private long left;

        CuttingStream(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                out.flush();
                left = 0;
                throw new CutConnection();
            }
            out.write(b, off, len);
            left -= len;
        }

        @Override
        public void close() throws IOException {
            if (left == 0) {
                return;
            }
            super.close();
        }
    }

    // ------------------------------------------------------------------------------------------------- main

    /**
     * Starts a simulator with {@link Scenario#realisticWithNetworks(int)} (the demo's: zones can be mapped to its
     * networks) and runs until killed.
     * Arguments: {@code --port N} (default 8089, 0 = any free port), {@code --hosts N} (default 5000).
     */
    public static void main(String[] args) throws Exception {
        int port = 8089;
        int hosts = 5000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--hosts" -> hosts = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --port N, --hosts N)");
            }
        }
        QualysSimulator sim = start(Scenario.realisticWithNetworks(hosts), port);
        System.out.println("Qualys simulator listening on " + sim.url());
        System.out.println("  user:     " + sim.username());
        System.out.println("  password: " + sim.password());
        System.out.println("  subscription: " + sim.subscription().rangeCount() + " ranges, "
                + sim.subscription().size() + " IPs; scanned hosts: " + hosts + "; asset groups: " + sim.groupCount());
        System.out.println("  try: curl -u '" + sim.username() + ":" + sim.password() + "' -H 'X-Requested-With: curl' '"
                + sim.url() + "/api/2.0/fo/asset/ip/?action=list'");
        System.out.println("Plain HTTP: the client needs its allow-plain-HTTP deployment property. Ctrl-C stops it.");
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        Thread.currentThread().join();
    }
}
