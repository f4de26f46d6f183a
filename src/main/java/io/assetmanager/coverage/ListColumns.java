package io.assetmanager.coverage;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.component.UIComponent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.primefaces.component.api.UITable;
import org.primefaces.component.columntoggler.ColumnToggler;
import org.primefaces.event.ColumnToggleEvent;
import org.primefaces.model.Visibility;

/**
 * The columns a person hid on the coverage lists with the Columns chooser, kept for their session: one choice for
 * every list (a column a list does not have is simply not shown there). Only the known columns are kept, so what a
 * browser sends cannot grow the session.
 */
@Named("listColumns")
@SessionScoped
public class ListColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The ids of the columns that may be hidden (the IP always shows), as on coverage.xhtml. */
    static final Set<String> CHOOSABLE = Set.of("colReason", "colHostname", "colMac", "colFirstSeen", "colLastSeen",
            "colSource", "colQualysHostId", "colDns", "colNetbios", "colOs", "colTracking", "colLastScan");

    private final Set<String> hidden = ConcurrentHashMap.newKeySet();

    /** Whether the column with this id shows. */
    public boolean visible(String columnId) {
        return !hidden.contains(columnId);
    }

    /**
     * The chooser's toggle of one column. The browser names the column by its place among the columns shown;
     * PrimeFaces counts that place among all the table's columns, those a list does not render (e.g. Reason) included,
     * so the column is found here among the rendered ones.
     */
    public void onToggle(ColumnToggleEvent event) {
        if (event.getComponent() instanceof ColumnToggler toggler
                && toggler.getDataSourceComponent() instanceof UITable<?> table
                && event.getData() instanceof Integer index) {
            List<UIComponent> shown = table.getColumns().stream().filter(UIComponent.class::isInstance)
                    .map(UIComponent.class::cast).filter(UIComponent::isRendered).toList();
            if (index >= 0 && index < shown.size()) {
                choose(shown.get(index).getId(), event.getVisibility() == Visibility.VISIBLE);
            }
        }
    }

    void choose(String columnId, boolean visible) {
        if (!CHOOSABLE.contains(columnId)) {
            return;
        }
        if (visible) {
            hidden.remove(columnId);
        } else {
            hidden.add(columnId);
        }
    }
}
