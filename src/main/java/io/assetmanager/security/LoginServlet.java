package io.assetmanager.security;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Finishes a form login: {@link AppAuthenticationMechanism} has checked the credentials of the POST; this sends the
 * user on to the page they first asked for (only a path inside the application, never another site).
 */
@WebServlet(AppAuthenticationMechanism.LOGIN_ACTION)
public class LoginServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null) {
            response.sendRedirect(request.getContextPath() + AppAuthenticationMechanism.LOGIN_PAGE + "?failed=true");
            return;
        }
        String target = "/";
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        for (jakarta.servlet.http.Cookie c : cookies == null ? new jakarta.servlet.http.Cookie[0] : cookies) {
            if (AppAuthenticationMechanism.TARGET_COOKIE.equals(c.getName())) {
                String kept = decoded(c.getValue());
                if (AppAuthenticationMechanism.localTarget(kept)) {
                    target = kept;
                }
                response.addCookie(AppAuthenticationMechanism.targetCookie(request, "", 0));
            }
        }
        response.sendRedirect(request.getContextPath() + target);
    }

    private static String decoded(String value) {
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + AppAuthenticationMechanism.LOGIN_PAGE);
    }
}
