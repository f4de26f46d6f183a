package io.assetmanager.inventory;

import io.assetmanager.bench.MemorySampler;
import io.assetmanager.bench.Stats;
import io.assetmanager.it.WebSession;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the inventory at 1,000,000 hosts against a running server (not part of {@code mvn verify}); see
 * docs/BENCHMARKS.md. Prints: time until a POST of N IPs as text/plain is committed (the server answers only after
 * the commit), for an empty inventory and for a re-upload of the same list; the server's peak heap during the
 * uploads (sampled with jstat every 50 ms); and the Inventory page's first render and next-page times with N rows.
 *
 * <p>Arguments: base URL, admin password, server process id, [runs, default 3], [hosts, default 1,000,000],
 * [a shell command run, untimed, after each change: e.g. {@code VACUUM ANALYZE} through psql where autovacuum is
 * off]. It empties the inventory first: run it against a scratch database only.
 */
public final class InventoryBenchmark {

    private static final String API = "api/v1/indexed-hosts";

    private final URI base;
    private final String authorization;
    private final long pid;
    private final String maintenance;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param maintenance a shell command run, untimed, after each change (null: none)
     */
    public InventoryBenchmark(URI base, String password, long pid, String maintenance) {
        this.maintenance = maintenance;
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: InventoryBenchmark <base-url> <admin-password> <server-pid> [runs] [hosts]");
            System.exit(2);
        }
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int hosts = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        String maintenance = args.length > 5 ? args[5] : null;
        new InventoryBenchmark(URI.create(args[0]), args[1], Long.parseLong(args[2]), maintenance).run(runs, hosts, args[1]);
    }

    private void run(int runs, int hosts, String password) throws Exception {
        byte[] body = addresses(hosts);
        System.out.printf(Locale.ROOT, "%,d distinct IPv4 addresses, %,d bytes of text/plain%n", hosts, body.length);
        List<Double> fresh = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        long peak;
        try (MemorySampler memory = new MemorySampler(pid, 50)) {
            System.out.printf(Locale.ROOT, "server heap before: %,d MiB used%n", memory.phase().heapMiB());
            for (int run = 1; run <= runs; run++) {
                double emptied = timed(() -> deleteAll());
                maintain();
                double seconds = upload(body);
                fresh.add(seconds);
                maintain();
                System.out.printf(Locale.ROOT, "run %d: emptied in %.1f s, POST of %,d new hosts committed in %.2f s%n",
                        run, emptied, hosts, seconds);
            }
            for (int run = 1; run <= runs; run++) {
                again.add(upload(body));
                maintain();
            }
            peak = memory.phase().heapMiB();
        }
        System.out.printf(Locale.ROOT, "POST %,d IPs into an empty inventory:      %s%n", hosts,
                Stats.of(fresh).seconds());
        System.out.printf(Locale.ROOT, "POST the same %,d IPs again (unchanged):   %s%n", hosts,
                Stats.of(again).seconds());
        System.out.printf(Locale.ROOT, "server peak heap used during the uploads: %,d MiB (sampled every 50 ms)%n",
                peak);
        page(password);
    }

    /** The Inventory page with the table at its full size: first render, then next pages over AJAX. */
    private void page(String password) {
        WebSession session = new WebSession(url(""));
        session.logIn("admin", password);
        List<Double> firstRender = new ArrayList<>();
        String viewState = null;
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            HttpResponse<String> page = session.get("/inventory.xhtml");
            firstRender.add((System.nanoTime() - start) / 1e9);
            check(page.statusCode() == 200 && page.body().contains("data-ri=\"49\""), "the page did not render 50 rows");
            viewState = viewState(page.body());
        }
        List<Double> next = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            next.add(pageRequest(session, viewState, i * 50));
        }
        List<Double> last = new ArrayList<>();
        List<Double> middle = new ArrayList<>();
        HttpResponse<String> fresh = session.get("/inventory.xhtml");
        String state = viewState(fresh.body());
        long total = Long.parseLong(fresh.body().replaceAll("(?s).*of ([0-9]+) hosts.*", "$1"));
        for (int i = 0; i < 7; i++) {
            last.add(pageRequest(session, state, (int) ((total - 1) / 50 * 50)));
            middle.add(pageRequest(session, state, (int) (total / 2 / 50 * 50) - 50 * (i + 1)));
        }
        System.out.printf(Locale.ROOT, "Inventory page with %,d hosts, as a client on the same machine sees it:%n", total);
        System.out.printf(Locale.ROOT, "  first render (GET, 50 rows):       %s%n", Stats.of(firstRender).seconds());
        System.out.printf(Locale.ROOT, "  next page (AJAX, keyset):          %s%n", Stats.of(next).seconds());
        System.out.printf(Locale.ROOT, "  last page (AJAX, reverse order):   %s%n", Stats.of(last).seconds());
        System.out.printf(Locale.ROOT, "  a page in the middle (AJAX, OFFSET %,d): %s%n", total / 2, Stats.of(middle).seconds());
    }

    private double pageRequest(WebSession session, String viewState, int first) {
        String form = String.join("&",
                "jakarta.faces.partial.ajax=true",
                "jakarta.faces.source=hostsForm%3Ahosts",
                "jakarta.faces.partial.execute=hostsForm%3Ahosts",
                "jakarta.faces.partial.render=hostsForm%3Ahosts",
                "jakarta.faces.behavior.event=page",
                "jakarta.faces.partial.event=page",
                "hostsForm%3Ahosts_pagination=true",
                "hostsForm%3Ahosts_first=" + first,
                "hostsForm%3Ahosts_rows=50",
                "hostsForm%3Ahosts_skipChildren=true",
                "hostsForm%3Ahosts_encodeFeature=true",
                "hostsForm=hostsForm",
                "jakarta.faces.ViewState=" + URLEncoder.encode(viewState, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(session.resolve("/inventory.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = session.send(request);
        double seconds = (System.nanoTime() - start) / 1e9;
        check(response.statusCode() == 200 && response.body().contains("data-ri=\"" + first + "\""),
                "page at " + first + " did not come back: " + response.body().substring(0,
                        Math.min(500, response.body().length())));
        return seconds;
    }

    private static String viewState(String html) {
        Matcher m = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(html);
        check(m.find(), "no view state in the page");
        return m.group(1);
    }

    /** Distinct addresses spread over the IPv4 space: i times an odd constant is a bijection modulo 2^32. */
    private static byte[] addresses(int count) {
        StringBuilder text = new StringBuilder(count * 15);
        for (int i = 0; i < count; i++) {
            long v = (i * 2_654_435_761L) & 0xFFFF_FFFFL;
            text.append(v >>> 24).append('.').append((v >>> 16) & 0xFF).append('.').append((v >>> 8) & 0xFF)
                    .append('.').append(v & 0xFF).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void maintain() throws IOException, InterruptedException {
        if (maintenance != null) {
            new ProcessBuilder("sh", "-c", maintenance).inheritIO().start().waitFor();
        }
    }

    /** Seconds until a POST of {@code body} ({@code text/plain}, merge) is answered, i.e. committed. */
    public double upload(byte[] body) {
        return timed(() -> post(body, "merge"));
    }

    private Void post(byte[] body, String mode) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(API + "?mode=" + mode))
                .header("Authorization", authorization).header("Content-Type", "text/plain")
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        check(response.statusCode() == 200, "upload failed: " + response.statusCode() + " " + response.body());
        return null;
    }

    private Void deleteAll() {
        for (String range : new String[] {"0.0.0.0/0", "::/0"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(API + "?range="
                    + URLEncoder.encode(range, StandardCharsets.UTF_8))).header("Authorization", authorization)
                    .timeout(Duration.ofMinutes(30)).DELETE().build());
            check(response.statusCode() == 200, "delete failed: " + response.body());
        }
        return null;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URL url(String path) {
        try {
            return base.resolve(path).toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double timed(Supplier<Void> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
