package io.assetmanager.security;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
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
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(AppAuthenticationMechanism.SESSION_TARGET) instanceof String t
                && t.startsWith("/") && !t.startsWith("//")) {
            target = t;
            session.removeAttribute(AppAuthenticationMechanism.SESSION_TARGET);
        }
        response.sendRedirect(request.getContextPath() + target);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + AppAuthenticationMechanism.LOGIN_PAGE);
    }
}
