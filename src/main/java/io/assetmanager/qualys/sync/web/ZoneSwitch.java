package io.assetmanager.qualys.sync.web;

import io.assetmanager.qualys.sync.ZoneRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Whether Asset Mapping by Zone is On, for the dashboard's note beside the DISCOVERED group; read once a request. */
@Named("zoneSwitch")
@RequestScoped
public class ZoneSwitch {

    @Inject
    private ZoneRepository zones;

    private Boolean on;

    public boolean isOn() {
        if (on == null) {
            on = zones.settings().enabled();
        }
        return on;
    }
}
