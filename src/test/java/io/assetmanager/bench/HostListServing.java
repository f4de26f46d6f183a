package io.assetmanager.bench;

import io.assetmanager.qualys.simulator.QualysSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's own cost of the host list, to set beside a sync run's "Fetching the scanned hosts" step: every page
 * fetched as the server fetches them (same page size, {@code details=All}, each WARNING 1980 URL followed) by a
 * client that reads the bytes and throws them away. What is left of the step beyond this is Asset Manager's parsing
 * and staging; if this were close to the step, the simulator would be the bottleneck measured.
 */
public final class HostListServing {

    private static final Pattern NEXT_PAGE = Pattern.compile("<URL>\\s*<!\\[CDATA\\[(.*?)]]>", Pattern.DOTALL);

    /** One whole host list as served alone. */
    public record Served(double seconds, int pages, long bytes) {
    }

    private HostListServing() {
    }

    /** The page size the server last asked the simulator for (its truncation_limit), or the given default. */
    public static int lastPageSize(QualysSimulator sim, int otherwise) {
        List<QualysSimulator.RequestRecord> requests = sim.requests();
        for (int i = requests.size() - 1; i >= 0; i--) {
            Map<String, String> params = requests.get(i).params();
            if (requests.get(i).path().contains("/fo/asset/host") && "list".equals(params.get("action"))
                    && params.containsKey("truncation_limit") && !"1".equals(params.get("truncation_limit"))) {
                return Integer.parseInt(params.get("truncation_limit").strip());
            }
        }
        return otherwise;
    }

    /** Fetches the whole host list in pages of {@code pageSize}, reading and discarding every byte. */
    public static Served serveAlone(QualysSimulator sim, int pageSize) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((sim.username() + ":" + sim.password())
                .getBytes(StandardCharsets.UTF_8));
        URI next = URI.create(sim.url() + "/api/2.0/fo/asset/host/?action=list&details="
                + URLEncoder.encode("All", StandardCharsets.UTF_8) + "&truncation_limit=" + pageSize);
        long start = System.nanoTime();
        long bytes = 0;
        int pages = 0;
        byte[] buffer = new byte[1 << 16];
        while (next != null) {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(next).header("Authorization", auth)
                    .header("X-Requested-With", "Asset Manager benchmark").timeout(Duration.ofMinutes(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("host list answered " + r.statusCode());
            }
            // The next-page URL comes last, after the hosts: keep only the tail of the answer.
            StringBuilder tail = new StringBuilder();
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    tail.append(new String(buffer, Math.max(0, n - 4096), Math.min(n, 4096), StandardCharsets.ISO_8859_1));
                    if (tail.length() > 16_384) {
                        tail.delete(0, tail.length() - 8192);
                    }
                }
            }
            pages++;
            Matcher m = NEXT_PAGE.matcher(tail);
            next = m.find() ? URI.create(m.group(1).strip()) : null;
        }
        return new Served((System.nanoTime() - start) / 1e9, pages, bytes);
    }
}
