package io.assetmanager.web;

import io.assetmanager.platform.Exceptions;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.PartialResponseWriter;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a page's AJAX request gets when it fails: Faces would answer with the exception's class and message
 * ({@code <error-name>jakarta.faces.application.ViewExpiredException</error-name>}); this handler answers with a
 * plain sentence instead and puts the details in the server log, as {@link ErrorPage} does for the rest. An expired
 * view (the session ended, or the server restarted) reloads the page instead. Requests that are not AJAX go on to
 * the error page. Registered in {@code faces-config.xml}.
 */
public class AjaxErrors extends ExceptionHandlerFactory {

    static final String FAILED = "The request failed; reload the page and try again. The details are in the server log.";
    private static final Logger LOG = Logger.getLogger(AjaxErrors.class.getName());

    public AjaxErrors(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            FacesContext context = FacesContext.getCurrentInstance();
            if (context == null || !context.getPartialViewContext().isAjaxRequest()) {
                getWrapped().handle();
                return;
            }
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            if (!events.hasNext()) {
                getWrapped().handle();
                return;
            }
            Throwable failure = events.next().getContext().getException();
            clearQueue();
            ExternalContext external = context.getExternalContext();
            String where = external.getRequest() instanceof HttpServletRequest r ? r.getRequestURI() : "?";
            try {
                if (Exceptions.causedBy(failure, ViewExpiredException.class)) {
                    LOG.fine(() -> "AJAX request to an expired view of " + where + ": the page reloads");
                    external.redirect(external.getRequestContextPath() + external.getRequestServletPath());
                } else {
                    LOG.log(Level.SEVERE, "AJAX request to " + where + " failed", failure);
                    writeError(context);
                }
                context.responseComplete();
            } catch (IOException | IllegalStateException e) {
                throw new FacesException("Could not answer the failed AJAX request to " + where, e);
            }
        }

        private void clearQueue() {
            Iterator<ExceptionQueuedEvent> left = getUnhandledExceptionQueuedEvents().iterator();
            while (left.hasNext()) {
                left.next();
                left.remove();
            }
        }

        private static void writeError(FacesContext context) throws IOException {
            ExternalContext external = context.getExternalContext();
            external.responseReset();
            external.setResponseContentType("text/xml");
            external.setResponseCharacterEncoding("UTF-8");
            PartialResponseWriter writer = context.getPartialViewContext().getPartialResponseWriter();
            writer.startDocument();
            writer.startError("Error");
            writer.write(FAILED);
            writer.endError();
            writer.endDocument();
            writer.flush();
        }
    }
}
