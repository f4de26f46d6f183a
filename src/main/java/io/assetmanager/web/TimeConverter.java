package io.assetmanager.web;

import io.assetmanager.platform.Times;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;
import java.time.OffsetDateTime;

/** Shows a time on a page as {@link Times} writes it: {@code <h:outputText value="#{...}" converter="am.time"/>}. */
@FacesConverter("am.time")
public class TimeConverter implements Converter<OffsetDateTime> {

    @Override
    public String getAsString(FacesContext context, UIComponent component, OffsetDateTime time) {
        return Times.format(time);
    }

    /** Pages show times; no page takes one as input. */
    @Override
    public OffsetDateTime getAsObject(FacesContext context, UIComponent component, String text) {
        throw new UnsupportedOperationException("Times are shown, not entered");
    }
}
