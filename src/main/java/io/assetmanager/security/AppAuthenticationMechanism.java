package io.assetmanager.security;

import io.assetmanager.web.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One mechanism for the whole application, choosing by path: HTTP Basic for {@code /api/*} (401 with a challenge,
 * no session), form login for the pages (a session that remembers the user). Jakarta Security cannot combine its
 * built-in Basic and Form mechanisms per path, hence this class.
 *
 * <p>It sees every request first, before any filter or servlet, so it also refuses cross-site requests
 * ({@link SameOrigin}), throttles password guessing ({@link LoginThrottle}) and puts the security headers on the
 * answers it gives itself.
 */
@ApplicationScoped
public class AppAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_USER = "assetmanager.user";
    static final String SESSION_TARGET = "assetmanager.afterLogin";
    static final String LOGIN_PAGE = "/login.xhtml";
    static final String LOGIN_ACTION = "/login";
    private static final String REALM = "Basic realm=\"Asset Manager\", charset=\"UTF-8\"";
    private static final Logger LOG = Logger.getLogger(AppAuthenticationMechanism.class.getName());

    /** What the session remembers of a form login. */
    record SessionUser(String name, Set<String> roles) implements Serializable {
    }

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private LoginThrottle throttle;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        SecurityHeaders.apply(request, response);
        try {
            Optional<String> crossSite = SameOrigin.refusal(request);
            if (crossSite.isPresent()) {
                LOG.warning(() -> "Refused " + request.getMethod() + " " + SameOrigin.printable(path) + " from "
                        + request.getRemoteAddr() + ": " + crossSite.get());
                return refuse(response, path, HttpServletResponse.SC_FORBIDDEN,
                        "Refused: a request that changes something must come from a page of Asset Manager, and "
                                + crossSite.get() + ".");
            }
            if (path.startsWith("/api/")) {
                return basic(request, response, context);
            }
            if (LOGIN_ACTION.equals(path) && "POST".equals(request.getMethod())) {
                return formLogin(request, response, context);
            }
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(SESSION_USER) instanceof SessionUser user) {
                return context.notifyContainerAboutLogin(user.name(), user.roles());
            }
            if (!context.isProtected()) {
                return context.doNothing();
            }
            return redirectToLogin(request, response, path);
        } catch (IOException e) {
            throw new IllegalStateException("Could not answer " + path + ": " + e.getMessage(), e);
        }
    }

    private AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return challenge(response, "The Authorization header is not valid Base64.");
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                String username = decoded.substring(0, colon);
                String address = request.getRemoteAddr();
                long locked = throttle.secondsLocked(username, address);
                if (locked > 0) {
                    return tooManyFailures(response, username, address, locked);
                }
                CredentialValidationResult result = identityStores.validate(
                        new UsernamePasswordCredential(username, decoded.substring(colon + 1)));
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    throttle.succeeded(username, address);
                    return context.notifyContainerAboutLogin(result);
                }
                LoginThrottle.Failure failure = failed(username, address, "HTTP Basic");
                if (failure.lockSeconds() > 0) {
                    return tooManyFailures(response, username, address, failure.lockSeconds());
                }
            }
            return challenge(response, "Wrong user name or password.");
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return challenge(response, "This API needs HTTP Basic credentials.");
    }

    /** Logs a failed login (never the password) and counts it; the answer says whether it started a lock. */
    private LoginThrottle.Failure failed(String username, String address, String how) {
        LoginThrottle.Failure failure = throttle.failed(username, address);
        LOG.warning(() -> "Failed login (" + how + ") for user name '" + SameOrigin.printable(username) + "' from "
                + address + ": " + failure.count() + " failure(s) in a row"
                + (failure.lockSeconds() > 0 ? "; locked for " + failure.lockSeconds() + " s" : ""));
        return failure;
    }

    /** HTTP Basic's answer to a locked user name: 429 with Retry-After (the login form shows it on the page). */
    private static AuthenticationStatus tooManyFailures(HttpServletResponse response, String username,
            String address, long seconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(seconds));
        return refuse(response, "/api/", 429, "Too many failed logins for '" + SameOrigin.printable(username)
                + "' from " + address + ": try again in " + seconds + " s.");
    }

    /** Answers at once with an error (JSON under /api, plain text for the rest) and ends the request there. */
    private static AuthenticationStatus refuse(HttpServletResponse response, String path, int status, String message)
            throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (path.startsWith("/api/")) {
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder().add("error", message).build().toString());
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(message);
        }
        response.flushBuffer();
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", REALM);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + message + "\"}");
        return AuthenticationStatus.SEND_FAILURE;
    }

    private AuthenticationStatus formLogin(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws IOException {
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        if (username != null && password != null && !username.isBlank()) {
            String address = request.getRemoteAddr();
            long locked = throttle.secondsLocked(username, address);
            if (locked > 0) {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?locked=" + locked);
                return AuthenticationStatus.SEND_CONTINUE;
            }
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(username.strip(), password));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                throttle.succeeded(username, address);
                HttpSession session = request.getSession(false);
                if (session != null) {
                    // A new session id at login, so an id planted before login is worthless after it.
                    request.changeSessionId();
                }
                request.getSession(true).setAttribute(SESSION_USER,
                        new SessionUser(result.getCallerPrincipal().getName(), Set.copyOf(result.getCallerGroups())));
                return context.notifyContainerAboutLogin(result);
            }
            LoginThrottle.Failure failure = failed(username, address, "login form");
            if (failure.lockSeconds() > 0) {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?locked=" + failure.lockSeconds());
                return AuthenticationStatus.SEND_CONTINUE;
            }
        }
        response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?failed=true");
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static AuthenticationStatus redirectToLogin(HttpServletRequest request, HttpServletResponse response,
            String path) throws IOException {
        String loginUrl = request.getContextPath() + LOGIN_PAGE;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // A JSF AJAX call after the session expired: a plain redirect would be swallowed by the AJAX queue.
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + loginUrl + "\"/></partial-response>");
            return AuthenticationStatus.SEND_CONTINUE;
        }
        // Only a page is worth returning to: the browser's own later requests (favicon.ico, which asks for images)
        // would otherwise replace it.
        String accept = request.getHeader("Accept");
        if ("GET".equals(request.getMethod()) && (accept == null || accept.contains("text/html"))) {
            String query = request.getQueryString();
            request.getSession(true).setAttribute(SESSION_TARGET, query == null ? path : path + "?" + query);
        }
        response.sendRedirect(loginUrl);
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
