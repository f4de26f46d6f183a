package io.assetmanager.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** A browser-like HTTP client for one user: keeps cookies, does not follow redirects, so tests can see them. */
public final class WebSession {

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public WebSession(URL base) {
        this(base, null);
    }

    /** Over HTTPS with this TLS context (one that trusts the test server's certificate); {@code null}: the default. */
    public WebSession(URL base, SSLContext tls) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    public URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET().build());
    }

    public HttpResponse<String> getWithBasic(String path, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(resolve(path)).header("Authorization", "Basic " + token).GET().build());
    }

    public HttpResponse<String> postForm(String path, String... namesAndValues) {
        return send(HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FacesForms.form(namesAndValues))).build());
    }

    /** Logs in through the login form and returns the answer to the form POST. */
    public HttpResponse<String> logIn(String user, String password) {
        get("/");
        return postForm("/login", "username", user, "password", password);
    }

    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst();
    }

    public HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends with this session's cookies, the body read as the handler says (e.g. as a stream, for large answers). */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call to " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
