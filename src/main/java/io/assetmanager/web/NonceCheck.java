package io.assetmanager.web;

import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Refuses, with 400 and before any of its actions runs, a postback whose script nonce ({@code primefaces.nonce}, which
 * PrimeFaces's requests send back) is not the one its page was rendered with: a form sent by hand, from another
 * session's page, or tampered with. PrimeFaces notices the mismatch only as it renders the answer, after the actions,
 * and Faces then answered 500 as if the server had failed. A postback without the parameter (a plain form submit) is
 * PrimeFaces's to judge, as before. Logged at FINE only: anyone can send such a request. Registered in
 * {@code faces-config.xml}; docs/SECURITY.md.
 */
public class NonceCheck implements PhaseListener {

    private static final long serialVersionUID = 1L;
    static final String PARAMETER = "primefaces.nonce";
    static final String FOREIGN_FORM = "The form did not come from a page this session opened (its script nonce does"
            + " not match): reload the page and send it again.";
    private static final Logger LOG = Logger.getLogger(NonceCheck.class.getName());

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RESTORE_VIEW;
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext context = event.getFacesContext();
        UIViewRoot view = context.getViewRoot();
        if (!context.isPostback() || view == null || context.getResponseComplete()) {
            return;
        }
        ExternalContext external = context.getExternalContext();
        String sent = external.getRequestParameterMap().get(PARAMETER);
        Map<String, Object> viewMap = view.getViewMap(false);
        Object rendered = viewMap == null ? null : viewMap.get(PARAMETER);
        if (sent == null || rendered == null || sent.equals(rendered)) {
            return;
        }
        String where = external.getRequest() instanceof HttpServletRequest r ? r.getRequestURI() : "?";
        LOG.fine(() -> "Refused a postback to " + where + " whose script nonce is not its page's: 400");
        try {
            external.responseSendError(400, FOREIGN_FORM);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not refuse the postback to " + where, e);
        }
        context.responseComplete();
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        // Nothing before the view is restored: the nonce it was rendered with is in its view map.
    }
}
