package io.assetmanager.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a request may carry, decided from its method, path and headers before anything reads its body, so that no
 * one (anonymous users included) can make the server store or parse more than the application needs:
 * <ul>
 * <li>a multipart body ({@code multipart/form-data}) only as a POST to the Inventory page, the one place an admin
 * uploads, with its size declared ({@code Content-Length}) and within the upload limit; the role is checked once the
 * user is known ({@link #multipartFor});</li>
 * <li>any other body to a page, {@code /login} or {@code /logout} (forms, Faces AJAX) at most
 * {@link #FORM_MAX_BYTES}, with its size declared; the REST API bounds its own bodies as it reads them;</li>
 * <li>no Faces view state in the address (query string), whatever the method: a form is submitted as the body of a
 * POST, where the cross-site check applies; and pages take GET, HEAD and POST only (Faces would run an action for a
 * PUT, DELETE or OPTIONS whose query string holds the form).</li>
 * </ul>
 */
final class RequestLimits {

    /** The one page that takes uploads. */
    static final String UPLOAD_PAGE = "/inventory.xhtml";
    /** Forms and Faces AJAX requests: the largest, the settings form with a long Exclusions list, is far smaller. */
    static final long FORM_MAX_BYTES = 1024 * 1024;
    /** What multipart adds around the file: boundaries, part headers and the page's other fields. */
    static final long MULTIPART_OVERHEAD = 1024 * 1024;
    static final String VIEW_STATE = "jakarta.faces.ViewState";
    private static final Set<String> NO_BODY_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> PAGE_METHODS = Set.of("GET", "HEAD", "POST");

    /** Why a request is refused: the status and a sentence naming what is wrong. */
    record Refusal(int status, String message) {
    }

    private RequestLimits() {
    }

    /**
     * The checks that do not depend on the user.
     *
     * @param contentLength the declared body size, -1 when none is declared
     * @param chunked       whether the body comes without a declared size ({@code Transfer-Encoding})
     * @param viewStateInQuery whether the query string carries {@value #VIEW_STATE} (see {@link #hasViewState})
     * @param maxUploadBytes the inventory upload limit
     */
    static Optional<Refusal> refusal(String method, String path, String contentType, long contentLength,
            boolean chunked, boolean viewStateInQuery, long maxUploadBytes) {
        if (viewStateInQuery) {
            return Optional.of(new Refusal(400, "A form of Asset Manager is submitted as the body of a POST only: a "
                    + method + " whose address carries " + VIEW_STATE + " is refused and runs no action."));
        }
        if (path.endsWith(".xhtml") && !PAGE_METHODS.contains(method)) {
            return Optional.of(new Refusal(405, "A page takes GET, HEAD and POST only, not " + method + "."));
        }
        if (isMultipart(contentType)) {
            if (!"POST".equals(method) || !UPLOAD_PAGE.equals(path)) {
                return Optional.of(new Refusal(415, "Only the Inventory page takes uploads (multipart/form-data);"
                        + " " + method + " " + path + " does not."));
            }
            if (contentLength < 0) {
                return Optional.of(new Refusal(411, "An upload must declare its size (Content-Length)."));
            }
            long max = maxUploadBytes + MULTIPART_OVERHEAD;
            if (contentLength > max) {
                return Optional.of(new Refusal(413, String.format(Locale.ROOT,
                        "The upload is %,d bytes; at most %,d are accepted (the inventory upload limit).",
                        contentLength, max)));
            }
            return Optional.empty();
        }
        if (NO_BODY_METHODS.contains(method) || path.startsWith("/api/")) {
            return Optional.empty();
        }
        if (contentLength > FORM_MAX_BYTES) {
            return Optional.of(new Refusal(413, String.format(Locale.ROOT,
                    "The form is %,d bytes; at most %,d are accepted.", contentLength, FORM_MAX_BYTES)));
        }
        if (contentLength < 0 && chunked) {
            return Optional.of(new Refusal(411, "A form must declare its size (Content-Length)."));
        }
        return Optional.empty();
    }

    /** A multipart request once the user is known: only an admin uploads. */
    static Optional<Refusal> multipartFor(String contentType, boolean admin) {
        if (isMultipart(contentType) && !admin) {
            return Optional.of(new Refusal(403, "Only an admin can upload to the inventory."));
        }
        return Optional.empty();
    }

    /** Whether a raw query string names the Faces view state (its name URL-encoded or not). */
    static boolean hasViewState(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                name = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Not decodable: compared as it is.
            }
            if (name.strip().equalsIgnoreCase(VIEW_STATE)) {
                return true;
            }
        }
        return false;
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
