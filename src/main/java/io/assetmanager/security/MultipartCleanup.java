package io.assetmanager.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the temporary files of an upload when its request ends, whatever happened in it. The container writes
 * every multipart part above the Faces servlet's {@code file-size-threshold} (web.xml) to its temporary folder and
 * deletes it only when asked; {@link RequestLimits} lets multipart reach only the Inventory page, from an admin.
 */
@WebFilter(urlPatterns = RequestLimits.UPLOAD_PAGE)
public class MultipartCleanup extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(MultipartCleanup.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (RequestLimits.isMultipart(request.getContentType())) {
                deleteParts(request);
            }
        }
    }

    private static void deleteParts(HttpServletRequest request) {
        try {
            for (Part part : request.getParts()) {
                try {
                    part.delete();
                } catch (IOException e) {
                    LOG.warning(() -> "Could not delete the temporary file of upload part '" + part.getName()
                            + "': " + e.getMessage());
                }
            }
        } catch (IOException | ServletException | IllegalStateException e) {
            // The body was refused or cut short while it was read: the container has nothing left to delete.
            LOG.log(Level.FINE, "No upload parts to delete", e);
        }
    }
}
