package io.assetmanager.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-site request forgery check: a request that can change something (any method but GET, HEAD, OPTIONS)
 * must come from a page of this application when the browser says where it comes from. Browsers send
 * {@code Origin} with every such request (the {@code Referer} is the fallback); the host and port in it must be
 * the {@code Host} the request was sent to. Tools that send neither (curl, scripts with HTTP Basic) are not
 * browsers, so there is no page of another site that could have made them send the request.
 */
final class SameOrigin {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private SameOrigin() {
    }

    /** Why the request is refused, or empty when it may go on. */
    static Optional<String> refusal(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return Optional.empty();
        }
        return refusal(request.getHeader("Host"), request.getHeader("Origin"), request.getHeader("Referer"));
    }

    static Optional<String> refusal(String host, String origin, String referer) {
        String source = origin != null ? origin : referer;
        String header = origin != null ? "Origin" : "Referer";
        if (source == null) {
            return Optional.empty();
        }
        if (host == null || host.isBlank()) {
            return Optional.of("the request names no Host to compare its " + header + " with");
        }
        Optional<String> sourceAuthority = authority(source);
        if (sourceAuthority.isEmpty()) {
            return Optional.of("its " + header + " '" + printable(source) + "' is not a page of this application");
        }
        if (!sourceAuthority.get().equals(host.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("it comes from " + printable(source) + " (" + header + "), not from " + printable(host));
        }
        return Optional.empty();
    }

    /** The host[:port] of an http(s) URL, lower case; empty for "null" (sandboxed pages) and anything else. */
    private static Optional<String> authority(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (uri.getRawAuthority() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return Optional.empty();
            }
            return Optional.of(uri.getRawAuthority().toLowerCase(Locale.ROOT));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** For messages and logs: no control characters (no forged log lines), at most 200 characters. */
    static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
