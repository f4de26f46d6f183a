package io.assetmanager.web;

import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.platform.HeavyRequests;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Counts the exports and text-filtered or sorted lists of the servlets and the REST API against their user's
 * {@link HeavyRequests} allowance, for as long as the answer is being written; refuses with 429 and
 * {@code Retry-After} beyond it. The pages' tables ask {@link HeavyRequests} themselves.
 */
@WebFilter(urlPatterns = {"/coverage/export", "/inventory/export.csv", "/api/v1/coverage/*", "/api/v1/indexed-hosts"})
public class HeavyRequestFilter extends HttpFilter {

    /** Parameters that make a list scan instead of using an index. */
    private static final Set<String> SCANNING = Set.of("text", "hostname", "filter", "sort");

    @Inject
    private HeavyRequests heavy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isHeavy(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<HeavyRequests.Permit> permit = heavy.tryStart(request.getRemoteUser());
        if (permit.isEmpty()) {
            response.setHeader("Retry-After", Integer.toString(HeavyRequests.RETRY_AFTER_SECONDS));
            response.sendError(429, heavy.refusal());
            return;
        }
        try (HeavyRequests.Permit p = permit.get()) {
            chain.doFilter(request, response);
        }
    }

    static boolean isHeavy(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        if (path.equals("/coverage/export") || path.equals("/inventory/export.csv") || path.endsWith("/csv")
                || path.equals("/api/v1/indexed-hosts") && accept != null && accept.contains("text/csv")) {
            return true;
        }
        if (path.equals("/api/v1/coverage")) {
            return false;
        }
        for (String name : SCANNING) {
            String value = request.getParameter(name);
            if (value != null && !value.isBlank() && !isIndexed(name, value.strip())) {
                return true;
            }
        }
        return false;
    }

    /** A sort by address, or a filter box holding an address, range or CIDR block, uses the address index. */
    private static boolean isIndexed(String name, String value) {
        if ("sort".equals(name)) {
            return "ip".equalsIgnoreCase(value);
        }
        if ("filter".equals(name)) {
            try {
                IpRange.parse(value);
                return true;
            } catch (IpParseException e) {
                return false;
            }
        }
        return false;
    }
}
