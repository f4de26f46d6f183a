package io.assetmanager.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The browser-facing security headers of every answer: a Content-Security-Policy, no framing, no MIME sniffing, no
 * referrer sent to other sites, no caching of anything but static resources, and HSTS on HTTPS.
 *
 * <p>Pages get PrimeFaces's policy instead of {@link #DEFAULT_POLICY}: with {@code primefaces.CSP} on (web.xml),
 * PrimeFaces adds the header with the nonce of its inline scripts ({@code primefaces.CSP_POLICY} plus
 * {@code 'nonce-...'}). The response wrapper turns that addition into a replacement, so a page never carries two
 * policies (browsers would enforce both, and the default one has no nonce).
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD,
        DispatcherType.ERROR})
public class SecurityHeaders extends HttpFilter {

    static final String CSP = "Content-Security-Policy";
    /** For everything that is not a page: API answers, exports, error pages, redirects. Nothing may run. */
    static final String DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** Sets the headers; called for every request (the authentication mechanism calls it for its own answers). */
    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(CSP, DEFAULT_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        // Pages, API answers and exports hold inventory and Qualys data: no browser or proxy keeps a copy. The
        // style sheets, scripts and images (Faces resources) hold none and may be cached.
        if (!request.getRequestURI().contains("/jakarta.faces.resource/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(request, response);
        chain.doFilter(request, new OnePolicy(response));
    }

    /** Lets a later policy (PrimeFaces's, with its nonce) replace the default one instead of adding to it. */
    private static final class OnePolicy extends HttpServletResponseWrapper {
        OnePolicy(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (CSP.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
