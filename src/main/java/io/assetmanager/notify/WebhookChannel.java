package io.assetmanager.notify;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLException;

/**
 * POSTs the notification as JSON, signed ({@link WebhookSignature}). HTTPS trusts what the server's JVM trusts (its
 * default trust store: the application server's); any 2xx answer is a delivery, anything else an error quoting the
 * status and the start of the body.
 */
public final class WebhookChannel implements Channel {

    private static final int BODY_QUOTED = 200;

    private final URI url;
    private final char[] secret;
    private final Clock clock;

    public WebhookChannel(URI url, char[] secret, Clock clock) {
        this.url = url;
        this.secret = secret.clone();
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    public static byte[] json(Notification n) {
        JsonObjectBuilder counts = Json.createObjectBuilder();
        n.counts().forEach(counts::add);
        JsonObjectBuilder body = Json.createObjectBuilder().add("event", n.event().key()).add("title", n.title())
                .add("message", n.message()).add("severity", n.event().severity()).add("counts", counts)
                .add("raisedAt", n.raisedAt().toString());
        if (n.runId() != null) {
            body.add("runId", n.runId());
        }
        if (n.link() != null) {
            body.add("link", n.link());
        }
        return body.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void send(Notification n) throws ChannelException {
        byte[] body = json(n);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(READ_TIMEOUT_MILLIS))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .header(WebhookSignature.EVENT_HEADER, n.event().key())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new ChannelException("Cannot connect to " + url + " within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s",
                    e);
        } catch (HttpTimeoutException e) {
            throw new ChannelException("No answer from " + url + " within " + READ_TIMEOUT_MILLIS / 1000 + " s", e);
        } catch (ConnectException e) {
            throw new ChannelException("Cannot connect to " + url + ": connection refused", e);
        } catch (SSLException e) {
            throw new ChannelException("TLS failed with " + url + ": " + e.getMessage()
                    + " (is its certificate in the server's trust store?)", e);
        } catch (IOException e) {
            throw new ChannelException("Cannot send to " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("Interrupted while sending to " + url, e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body().strip();
            throw new ChannelException(url + " answered HTTP " + response.statusCode()
                    + (text.isEmpty() ? "" : ": " + (text.length() > BODY_QUOTED
                            ? text.substring(0, BODY_QUOTED) + "…" : text)));
        }
    }

    /** Clears the secret this channel holds. */
    public void forget() {
        Arrays.fill(secret, '\0');
    }
}
