package io.assetmanager.security;

import io.assetmanager.platform.UploadLimits;
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
import java.time.Clock;
import java.time.Duration;
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
    /**
     * The page an anonymous visitor asked for, kept for after the login in a short-lived cookie rather than a
     * session: an anonymous request never makes the server hold anything.
     */
    static final String TARGET_COOKIE = "am_after_login";
    static final int MAX_TARGET_CHARS = 2000;
    private static final java.util.regex.Pattern LOCAL_TARGET = java.util.regex.Pattern.compile(
            "/|/[\\x21-\\x7e&&[^/\\\\]][\\x21-\\x7e]*");
    static final String LOGIN_PAGE = "/login.xhtml";
    private static final int KEPT_USER_NAME_CHARS = 100;
    static final String LOGIN_ACTION = "/login";
    private static final String REALM = "Basic realm=\"Asset Manager\", charset=\"UTF-8\"";
    private static final Logger LOG = Logger.getLogger(AppAuthenticationMechanism.class.getName());
    static final int FAILED_LOGIN_LINES_PER_MINUTE = 20;

    /** Failed logins are logged, but an attacker's thousands of them must not fill the disk. */
    private final LogBudget failedLoginLog = new LogBudget(FAILED_LOGIN_LINES_PER_MINUTE, Duration.ofMinutes(1),
            Clock.systemUTC());

    /**
     * What the session remembers of a form login: the user, their roles, and the stamp of the password they logged
     * in with (see {@link UserRepository#passwordStamp}), so that a password change ends the user's other sessions.
     */
    record SessionUser(String name, Set<String> roles, String passwordStamp) implements Serializable {
    }

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private LoginThrottle throttle;

    @Inject
    private UserRepository users;

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
            Optional<RequestLimits.Refusal> unfit = RequestLimits.refusal(request.getMethod(), path,
                    request.getContentType(), request.getContentLengthLong(),
                    request.getHeader("Transfer-Encoding") != null,
                    RequestLimits.hasViewState(request.getQueryString()),
                    UploadLimits.fromEnvironment().maxBytes());
            if (unfit.isPresent()) {
                LOG.fine(() -> "Refused " + request.getMethod() + " " + SameOrigin.printable(path) + " from "
                        + request.getRemoteAddr() + ": " + unfit.get().message());
                return refuse(response, path, unfit.get().status(), unfit.get().message());
            }
            if (path.startsWith("/api/")) {
                return basic(request, response, context);
            }
            if (LOGIN_ACTION.equals(path) && "POST".equals(request.getMethod())) {
                return formLogin(request, response, context);
            }
            HttpSession session = request.getSession(false);
            SessionUser user = session != null && session.getAttribute(SESSION_USER) instanceof SessionUser u
                    ? current(session, u) : null;
            // Before the redirect to the login page, which would keep an anonymous POST's body for after the login.
            Optional<RequestLimits.Refusal> upload = RequestLimits.multipartFor(request.getContentType(),
                    user != null && user.roles().contains(Role.ADMIN));
            if (upload.isPresent()) {
                return refuse(response, path, upload.get().status(), upload.get().message());
            }
            if (user != null) {
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

    /**
     * The session's user as the database has them now, or null after the session was ended here: a user disabled or
     * deleted since the login, or whose password changed since (reset by an admin, or changed in another session), is
     * logged out at their next request, on this instance or another; a changed role takes effect at once.
     */
    private SessionUser current(HttpSession session, SessionUser user) {
        Optional<UserRepository.Standing> standing = users.standing(user.name());
        if (standing.isEmpty()) {
            LOG.info(() -> "Ended a session of '" + user.name() + "': the user is disabled or deleted.");
            session.invalidate();
            return null;
        }
        if (!standing.get().passwordStamp().equals(user.passwordStamp())) {
            LOG.info(() -> "Ended a session of '" + user.name() + "': the password changed since its login.");
            session.invalidate();
            return null;
        }
        if (!user.roles().equals(Set.of(standing.get().role()))) {
            SessionUser changed = new SessionUser(user.name(), Set.of(standing.get().role()), user.passwordStamp());
            session.setAttribute(SESSION_USER, changed);
            return changed;
        }
        return user;
    }

    /**
     * After a user changed their own password in this session: the session goes on with the new password's stamp,
     * while the user's other sessions end at their next request.
     */
    static void keepAfterOwnPasswordChange(HttpSession session, UserRepository users) {
        if (session != null && session.getAttribute(SESSION_USER) instanceof SessionUser u) {
            users.standing(u.name()).ifPresent(s -> session.setAttribute(SESSION_USER,
                    new SessionUser(u.name(), u.roles(), s.passwordStamp())));
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
                LoginThrottle.Admission admission = throttle.admit(username, address);
                if (admission instanceof LoginThrottle.Refused refused) {
                    return tooManyFailures(response, username, address, refused);
                }
                LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
                CredentialValidationResult result = check(attempt, username, decoded.substring(colon + 1));
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
                LoginThrottle.Failure failure = failed(attempt, username, address, "HTTP Basic");
                if (failure.lockSeconds() > 0) {
                    return tooManyFailures(response, username, address,
                            new LoginThrottle.Refused(LoginThrottle.Scope.USER_NAME, failure.lockSeconds()));
                }
            }
            return challenge(response, "Wrong user name or password.");
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return challenge(response, "This API needs HTTP Basic credentials.");
    }

    /** Checks the password of an admitted attempt; a success is reported to the throttle at once. */
    private CredentialValidationResult check(LoginThrottle.Attempt attempt, String username, String password) {
        CredentialValidationResult result;
        try {
            result = identityStores.validate(new UsernamePasswordCredential(username, password));
        } catch (RuntimeException e) {
            // Not checked (the user table could not be read, say): not a failure, but no longer in progress.
            throttle.abandoned(attempt);
            throw e;
        }
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(attempt);
            try {
                users.recordLogin(result.getCallerPrincipal().getName());
            } catch (RuntimeException e) {
                // The login stands; only the Users page's "last login" misses it.
                LOG.warning(() -> "Could not record the login of '" + result.getCallerPrincipal().getName() + "': "
                        + e);
            }
        }
        return result;
    }

    /**
     * Counts a failed login and logs it (never the password), at most {@link #FAILED_LOGIN_LINES_PER_MINUTE} lines
     * a minute; the answer says whether it started a lock.
     */
    private LoginThrottle.Failure failed(LoginThrottle.Attempt attempt, String username, String address, String how) {
        LoginThrottle.Failure failure = throttle.failed(attempt);
        long leftOut = failedLoginLog.take();
        if (leftOut >= 0) {
            LOG.warning(() -> "Failed login (" + how + ") for user name '" + SameOrigin.printable(username) + "' from "
                    + address + ": " + failure.count() + " failure(s) in a row"
                    + (failure.lockSeconds() > 0 ? "; locked for " + failure.lockSeconds() + " s" : "")
                    + (leftOut > 0 ? " (" + leftOut + " failed login(s) before this one were not logged: more than "
                            + FAILED_LOGIN_LINES_PER_MINUTE + " a minute)" : ""));
        }
        return failure;
    }

    /** HTTP Basic's answer to a refused attempt: 429 with Retry-After (the login form shows it on the page). */
    private static AuthenticationStatus tooManyFailures(HttpServletResponse response, String username,
            String address, LoginThrottle.Refused refused) throws IOException {
        response.setHeader("Retry-After", Long.toString(refused.seconds()));
        String who = refused.scope() == LoginThrottle.Scope.ADDRESS ? address
                : "'" + SameOrigin.printable(username) + "' from " + address;
        return refuse(response, "/api/", 429, "Too many failed logins for " + who + ": try again in "
                + refused.seconds() + " s.");
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
            LoginThrottle.Admission admission = throttle.admit(username, address);
            if (admission instanceof LoginThrottle.Refused refused) {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?locked=" + refused.seconds()
                        + (refused.scope() == LoginThrottle.Scope.ADDRESS ? "&by=address" : ""));
                return AuthenticationStatus.SEND_CONTINUE;
            }
            LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
            CredentialValidationResult result = check(attempt, username.strip(), password);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    // A new session id at login, so an id planted before login is worthless after it.
                    request.changeSessionId();
                }
                String name = result.getCallerPrincipal().getName();
                request.getSession(true).setAttribute(SESSION_USER, new SessionUser(name,
                        Set.copyOf(result.getCallerGroups()),
                        users.standing(name).map(UserRepository.Standing::passwordStamp).orElse(null)));
                return context.notifyContainerAboutLogin(result);
            }
            LoginThrottle.Failure failure = failed(attempt, username, address, "login form");
            if (failure.lockSeconds() > 0) {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?locked=" + failure.lockSeconds()
                        + userParameter(username));
                return AuthenticationStatus.SEND_CONTINUE;
            }
        }
        response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?failed=true" + userParameter(username));
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /**
     * The user name typed, for the login page to show again after a failed attempt (never the password); cut to
     * {@value #KEPT_USER_NAME_CHARS} characters, so the address stays short whatever was sent.
     */
    static String userParameter(String username) {
        if (username == null || username.isBlank()) {
            return "";
        }
        String kept = username.strip();
        if (kept.length() > KEPT_USER_NAME_CHARS) {
            kept = kept.substring(0, KEPT_USER_NAME_CHARS);
        }
        return "&user=" + java.net.URLEncoder.encode(kept, java.nio.charset.StandardCharsets.UTF_8);
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
            String target = query == null ? path : path + "?" + query;
            if (localTarget(target)) {
                response.addCookie(targetCookie(request, target, 600));
            }
        }
        response.sendRedirect(loginUrl);
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** A path inside the application, of printable ASCII (the request line's own form), never another site's. */
    static boolean localTarget(String target) {
        return target != null && target.length() <= MAX_TARGET_CHARS && LOCAL_TARGET.matcher(target).matches();
    }

    /** The cookie that keeps {@code target} for {@code seconds} (0: removes it). */
    static jakarta.servlet.http.Cookie targetCookie(HttpServletRequest request, String target, int seconds) {
        jakarta.servlet.http.Cookie cookie = new jakarta.servlet.http.Cookie(TARGET_COOKIE,
                java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8));
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge(seconds);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
