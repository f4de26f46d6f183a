package io.assetmanager.it;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test needs to send a page's form by hand: its view state, its script nonce, the encoded form, Basic. */
final class FacesForms {

    private FacesForms() {
    }

    /** The page's {@code jakarta.faces.ViewState}. */
    static String viewState(String page) {
        Matcher m = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*?value=\"([^\"]*)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no jakarta.faces.ViewState in the page");
        }
        return m.group(1);
    }

    /** The page's script nonce, which PrimeFaces's requests send back. */
    static String nonce(HttpResponse<String> page) {
        Matcher m = Pattern.compile("'nonce-([^']+)'").matcher(page.headers().firstValue("Content-Security-Policy")
                .orElseThrow(() -> new AssertionError("no Content-Security-Policy on " + page.uri())));
        if (!m.find()) {
            throw new AssertionError("no nonce in the Content-Security-Policy of " + page.uri());
        }
        return m.group(1);
    }

    /** Names and values, URL-encoded as a form body or a query string. */
    static String form(String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /** An HTTP Basic {@code Authorization} header's value. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
