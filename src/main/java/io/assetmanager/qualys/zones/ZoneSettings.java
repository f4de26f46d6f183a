package io.assetmanager.qualys.zones;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Asset Mapping by Zone as saved: the switch and each mapped zone's network and appliance, by zone in name order.
 *
 * @param updatedAt when an admin last saved it; null before the first save
 */
public record ZoneSettings(boolean enabled, Map<String, ZoneMapping> mappings, OffsetDateTime updatedAt,
        String updatedBy) {
}
