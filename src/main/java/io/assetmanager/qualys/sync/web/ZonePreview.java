package io.assetmanager.qualys.sync.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The preview's line about zones ({@code WEB-INF/includes/sync-preview.xhtml}); null with the switch Off. */
@Named("zonePreview")
@RequestScoped
public class ZonePreview {

    @Inject
    private ZoneMappingService service;

    private String line;
    private boolean read;

    public String getLine() {
        if (!read) {
            line = service.previewLine().orElse(null);
            read = true;
        }
        return line;
    }
}
