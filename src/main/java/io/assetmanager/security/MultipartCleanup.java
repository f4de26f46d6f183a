package io.assetmanager.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the temporary files of uploads, whatever happens to the request. The container writes every multipart
 * part above the Faces servlet's {@code file-size-threshold} (web.xml) to its temporary folder and deletes it only
 * when asked; {@link RequestLimits} lets multipart reach only the Inventory page, from an admin.
 *
 * <p>A request that ends normally has its parts deleted. One whose body is cut short or malformed fails while the
 * container reads it, and the container then no longer hands out the part it had started writing: so whenever the
 * last upload in progress ends, every {@code upload_*} file left in the temporary folder is deleted (no upload is
 * writing one then: an upload waits for such a sweep to finish before it starts).
 */
@WebFilter(urlPatterns = RequestLimits.UPLOAD_PAGE)
public class MultipartCleanup extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(MultipartCleanup.class.getName());
    /** Uploads in progress hold the read lock; a sweep needs the write lock, so it runs only when none is. */
    private final ReadWriteLock uploads = new ReentrantReadWriteLock();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!RequestLimits.isMultipart(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        uploads.readLock().lock();
        try {
            chain.doFilter(request, response);
        } finally {
            try {
                deleteParts(request);
            } finally {
                uploads.readLock().unlock();
                sweepIfIdle(getServletContext());
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
            // The body was refused or cut short while it was read: the sweep deletes what the container left.
            LOG.log(Level.FINE, "No upload parts to delete", e);
        }
    }

    /** Deletes the upload files left in the container's temporary folder, when no upload is in progress. */
    private void sweepIfIdle(ServletContext context) {
        if (!uploads.writeLock().tryLock()) {
            return;
        }
        try {
            if (!(context.getAttribute(ServletContext.TEMPDIR) instanceof File folder)) {
                return;
            }
            try (DirectoryStream<Path> left = Files.newDirectoryStream(folder.toPath(), "upload_*")) {
                for (Path file : left) {
                    Files.deleteIfExists(file);
                    LOG.fine(() -> "Deleted " + file.getFileName() + ", left by an upload that did not end normally");
                }
            } catch (IOException e) {
                LOG.warning(() -> "Could not delete the upload files left in " + folder + ": " + e.getMessage());
            }
        } finally {
            uploads.writeLock().unlock();
        }
    }
}
