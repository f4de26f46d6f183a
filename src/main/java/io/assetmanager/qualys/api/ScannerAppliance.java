package io.assetmanager.qualys.api;

import java.util.Objects;

/**
 * A Qualys scanner appliance, as {@code /api/2.0/fo/appliance/?action=list} lists it.
 *
 * @param name      as Qualys lists it; empty when Qualys sent none
 * @param networkId the network it scans; null when Qualys did not say (a subscription without Network Support)
 * @param status    Qualys's STATUS ({@code Online}, {@code Offline}...); null when Qualys did not say
 */
public record ScannerAppliance(long id, String name, Long networkId, String status) {
    public ScannerAppliance {
        Objects.requireNonNull(name);
    }
}
