package io.assetmanager.platform;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as every page shows them: in UTC, to the minute, the zone spelled out ({@code 2026-12-06 15:04 UTC}), so
 * that two people in different places read the same time the same way.
 */
public final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Times() {
    }

    /** Empty for null: a time not known yet shows as nothing. */
    public static String format(OffsetDateTime time) {
        return time == null ? "" : FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
