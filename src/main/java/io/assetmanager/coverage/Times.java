package io.assetmanager.coverage;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the pages show them: in UTC, to the minute, the zone spelled out. */
public final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Times() {
    }

    public static String format(OffsetDateTime time) {
        return time == null ? "" : FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
