package io.assetmanager.web;

import jakarta.json.Json;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error page for every status and uncaught exception (web.xml): the status and a sentence, JSON under
 * {@code /api/}, a plain page elsewhere. Never a stack trace, an exception's message or the server's name and
 * version. A 4xx keeps the reason the application gave (which field, which value); a 5xx says only that it failed,
 * the details go to the server log.
 */
@WebServlet(ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    static final String PATH = "/error";

    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|#[0-9]{1,7});");
    private static final Set<String> CONTAINER_SERVLETS = Set.of("Faces Servlet", "default", "null");

    private static final Map<Integer, String> TITLES = Map.of(
            400, "Bad request",
            403, "Forbidden",
            404, "Page not found",
            405, "Method not allowed",
            413, "Too large",
            415, "Unsupported media type",
            429, "Too many requests");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (viewExpired(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            expired(request, response, uri);
            return;
        }
        // A 404 from Faces or the container's default servlet words their own lookup ("... Not Found in
        // ExternalContext as a Resource"): not a reason Asset Manager gave, so not repeated.
        boolean lookupMiss = status == 404 && CONTAINER_SERVLETS.contains(
                String.valueOf(request.getAttribute(RequestDispatcher.ERROR_SERVLET_NAME)));
        String reason = status < 500 && !lookupMiss
                && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null
                && request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String m && !m.isBlank()
                ? unescape(m) : null;
        String title = TITLES.getOrDefault(status, status >= 500 ? "Server error" : "Error");
        String sentence = reason != null ? reason : status >= 500
                ? "Asset Manager could not answer this request; the details are in the server log."
                : status == 404 ? "There is no page or file at this address. The link may be old, or the address"
                        + " mistyped." : title + ".";
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (uri.startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder().add("error", sentence).build().toString());
            return;
        }
        response.setContentType("text/html");
        String context = escape(request.getContextPath());
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + status + " "
                + title + " · Asset Manager</title><link rel=\"stylesheet\" href=\"" + context
                + "/jakarta.faces.resource/css/app.css.xhtml\"></head>\n<body><main class=\"am-main\"><h1>" + title
                + "</h1>\n<p>" + escape(sentence) + "</p>\n<p class=\"am-fact-note\">Asset Manager answered " + status
                + ".</p>\n<p><a href=\"" + context + "/\">Back to the dashboard</a></p></main></body></html>\n");
    }

    /**
     * A form sent from a page whose state the server no longer holds: the session ended (timeout, logout elsewhere,
     * a password change) or the server restarted. Nothing of it was applied; the page says so and links back to it.
     */
    private static void expired(HttpServletRequest request, HttpServletResponse response, String uri)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("text/html");
        String context = escape(request.getContextPath());
        String page = uri.startsWith(request.getContextPath() + "/") && !uri.startsWith("//") ? uri
                : request.getContextPath() + "/";
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Page expired"
                + " · Asset Manager</title><link rel=\"stylesheet\" href=\"" + context
                + "/jakarta.faces.resource/css/app.css.xhtml\"></head>\n<body><main class=\"am-main\"><h1>Page"
                + " expired</h1>\n<p id=\"expired\">Nothing was changed: the page was open longer than its session"
                + " lasted (30 minutes without a request, a log-out, a password change or a server restart), so"
                + " Asset Manager could not apply what it sent.</p>\n<p><a href=\"" + escape(page) + "\">Open the"
                + " page again</a> (you may be asked to log in) and repeat the change.</p></main></body></html>\n");
    }

    private static boolean viewExpired(Object exception) {
        for (Throwable t = exception instanceof Throwable e ? e : null; t != null; t = t.getCause()) {
            if (t instanceof jakarta.faces.application.ViewExpiredException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The container hands the message of {@code sendError} over HTML-escaped ({@code &#39;}, {@code &amp;}...); this
     * page escapes for HTML itself and writes JSON under /api/, so the message is taken back to plain text first.
     */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String entity = m.group(1);
            String plain = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int code = Integer.parseInt(entity.substring(1));
                    yield Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(plain));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
