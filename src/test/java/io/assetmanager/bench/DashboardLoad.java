package io.assetmanager.bench;

import io.assetmanager.it.WebSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dashboard users against a running server over loopback: each logs in through the login form, then loads the
 * dashboard, one widget's list and the Inventory page, again and again, for a fixed time, while an admin keeps a
 * sync run going ({@code POST /api/v1/sync/runs} whenever none runs). Every answer must be the logged-in page with
 * status 200; anything else counts as an error, counted by kind (page and status, or page and exception) so that a
 * report says what each error was. Bounded: one thread per user, 30 s per request at most.
 *
 * <pre>java -cp target/classes:target/test-classes io.assetmanager.bench.DashboardLoad base-url viewer-password admin-password [users] [seconds] [think-ms]</pre>
 */
public final class DashboardLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> WIDGETS = List.of("unmanaged-by-qualys", "unmanaged-by-asset-manager",
            "managed-by-both");

    /** One page's latencies in milliseconds. */
    public record PageLatency(String page, int requests, double p50, double p95, double p99, double max) {
    }

    /**
     * @param errorKinds how many errors of each kind ("list: status 500", "dashboard: HttpTimeoutException: ..."),
     *                   most frequent first
     */
    public record Result(int users, double seconds, long thinkMillis, List<PageLatency> pages, int requests,
            int errors, Map<String, Integer> errorKinds, List<String> firstErrors, int syncRunsStarted) {

        public double requestsPerSecond() {
            return requests / seconds;
        }

        public String describe() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "%d users for %.0f s (think time %d ms): %,d requests, %.1f requests/s, %d errors, %d sync runs"
                            + " started during the test%n", users, seconds, thinkMillis, requests, requestsPerSecond(),
                    errors, syncRunsStarted));
            for (PageLatency p : pages) {
                s.append(String.format(Locale.ROOT, "  %-10s %,6d requests  p50 %,6.0f ms  p95 %,6.0f ms  p99 %,6.0f ms"
                        + "  max %,6.0f ms%n", p.page(), p.requests(), p.p50(), p.p95(), p.p99(), p.max()));
            }
            errorKinds.forEach((kind, n) -> s.append(String.format(Locale.ROOT, "  errors: %,d x %s%n", n, kind)));
            firstErrors.forEach(e -> s.append("  error: ").append(e).append('\n'));
            return s.toString();
        }
    }

    private DashboardLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DashboardLoad <base-url> <viewer-password> <admin-password> [users] [seconds] [think-ms]");
            System.exit(2);
        }
        int users = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        long think = args.length > 5 ? Long.parseLong(args[5]) : 0;
        System.out.print(run(URI.create(args[0]), "viewer", args[1], args[2], users, Duration.ofSeconds(seconds), think)
                .describe());
    }

    public static Result run(URI base, String user, String password, String adminPassword, int users,
            Duration duration, long thinkMillis) throws Exception {
        List<WebSession> sessions = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            WebSession session = new WebSession(base.toURL());
            HttpResponse<String> login = session.logIn(user, password);
            if (login.statusCode() >= 400 || session.sessionId().isEmpty()) {
                throw new IllegalStateException("user " + i + " could not log in: " + login.statusCode());
            }
            sessions.add(session);
        }
        ExecutorService pool = Executors.newFixedThreadPool(users + 1);
        CountDownLatch go = new CountDownLatch(1);
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        for (String page : List.of("dashboard", "list", "inventory")) {
            latencies.put(page, Collections.synchronizedList(new ArrayList<>()));
        }
        Errors errors = new Errors();
        AtomicInteger syncRuns = new AtomicInteger();
        long[] window = new long[2];
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            WebSession session = sessions.get(i);
            String list = "/coverage.xhtml?set=" + WIDGETS.get(i % WIDGETS.size());
            running.add(pool.submit(() -> {
                go.await();
                long end = window[1];
                while (System.nanoTime() < end) {
                    load(session, "dashboard", "/", "IPs Unmanaged by Qualys", latencies, errors);
                    pause(thinkMillis);
                    load(session, "list", list, "listForm", latencies, errors);
                    pause(thinkMillis);
                    load(session, "inventory", "/inventory.xhtml", "hostsForm", latencies, errors);
                    pause(thinkMillis);
                }
                return null;
            }));
        }
        running.add(pool.submit(() -> {
            go.await();
            keepSyncGoing(base, adminPassword, window[1], syncRuns, errors);
            return null;
        }));
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        for (Future<?> f : running) {
            f.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        pool.shutdownNow();
        List<PageLatency> pages = new ArrayList<>();
        int requests = 0;
        for (Map.Entry<String, List<Double>> e : latencies.entrySet()) {
            double[] ms = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            requests += ms.length;
            if (ms.length > 0) {
                pages.add(new PageLatency(e.getKey(), ms.length, percentile(ms, 50), percentile(ms, 95),
                        percentile(ms, 99), ms[ms.length - 1]));
            }
        }
        return new Result(users, seconds, thinkMillis, pages, requests, errors.count(), errors.kinds(),
                errors.first(), syncRuns.get());
    }

    /** Errors by kind, with the first few in full. */
    private static final class Errors {
        private final Map<String, Integer> kinds = new LinkedHashMap<>();
        private final List<String> first = new ArrayList<>();
        private int count;

        synchronized void add(String kind, String message) {
            count++;
            kinds.merge(kind, 1, Integer::sum);
            if (first.size() < 5) {
                first.add(message);
            }
        }

        synchronized int count() {
            return count;
        }

        synchronized Map<String, Integer> kinds() {
            Map<String, Integer> sorted = new LinkedHashMap<>();
            kinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }

        synchronized List<String> first() {
            return List.copyOf(first);
        }
    }

    private static void load(WebSession session, String page, String path, String marker,
            Map<String, List<Double>> latencies, Errors errors) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = session.send(HttpRequest.newBuilder(session.resolve(path))
                    .timeout(REQUEST_TIMEOUT).GET().build());
            double ms = (System.nanoTime() - start) / 1e6;
            if (r.statusCode() != 200 || !r.body().contains(marker) || !r.body().contains("id=\"logout\"")) {
                String kind = r.statusCode() != 200 ? "status " + r.statusCode()
                        : r.body().contains("id=\"logout\"") ? "status 200 without the page's content"
                        : "status 200 but not logged in";
                errors.add(page + ": " + kind, path + ": status " + r.statusCode() + ", " + r.body().length()
                        + " characters: " + r.body().substring(0, Math.min(300, r.body().length())).replaceAll("\\s+", " "));
            } else {
                latencies.get(page).add(ms);
            }
        } catch (RuntimeException e) {
            errors.add(page + ": " + exceptionKind(e), path + ": " + e.getMessage());
        }
    }

    /** The innermost cause's class and message (no addresses or numbers that differ between requests). */
    static String exceptionKind(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\d+", "N");
        return root.getClass().getSimpleName() + (message.length() > 120 ? message.substring(0, 120) + "..." : message);
    }

    /** Starts a sync run whenever none is going; 409 (one is running) is the expected answer most of the time. */
    private static void keepSyncGoing(URI base, String adminPassword, long end, AtomicInteger started, Errors errors)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("api/v1/sync/runs"))
                        .header("Authorization", auth).timeout(REQUEST_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    started.incrementAndGet();
                } else if (r.statusCode() != 409) {
                    errors.add("Run now: status " + r.statusCode(), "POST /api/v1/sync/runs: " + r.statusCode() + " "
                            + r.body());
                }
            } catch (IOException e) {
                errors.add("Run now: " + exceptionKind(e), "POST /api/v1/sync/runs: " + e);
            }
            Thread.sleep(1000);
        }
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** Nearest rank. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
