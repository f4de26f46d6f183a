package io.assetmanager.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.Set;

/**
 * One mechanism for the whole application, choosing by path: HTTP Basic for {@code /api/*} (401 with a challenge,
 * no session), form login for the pages (a session that remembers the user). Jakarta Security cannot combine its
 * built-in Basic and Form mechanisms per path, hence this class.
 */
@ApplicationScoped
public class AppAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_USER = "assetmanager.user";
    static final String SESSION_TARGET = "assetmanager.afterLogin";
    static final String LOGIN_PAGE = "/login.xhtml";
    static final String LOGIN_ACTION = "/login";
    private static final String REALM = "Basic realm=\"Asset Manager\", charset=\"UTF-8\"";

    /** What the session remembers of a form login. */
    record SessionUser(String name, Set<String> roles) implements Serializable {
    }

    @Inject
    private IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
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
                CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(
                        decoded.substring(0, colon), decoded.substring(colon + 1)));
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
            return challenge(response, "Wrong user name or password.");
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return challenge(response, "This API needs HTTP Basic credentials.");
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
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(username.strip(), password));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    // A new session id at login, so an id planted before login is worthless after it.
                    request.changeSessionId();
                }
                request.getSession(true).setAttribute(SESSION_USER,
                        new SessionUser(result.getCallerPrincipal().getName(), Set.copyOf(result.getCallerGroups())));
                return context.notifyContainerAboutLogin(result);
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
