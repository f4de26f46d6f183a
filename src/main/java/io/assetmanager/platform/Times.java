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

    /**
     * The time as {@link OffsetDateTime#toString()} writes it at UTC ({@code 2026-12-06T15:04:05Z}, seconds and
     * fractions only when not zero), as exports write times; null for null. Written directly for years 0 to 9999:
     * an export calls it three times a row, and the general formatter was a fifth of an export's CPU.
     */
    public static String iso(OffsetDateTime time) {
        if (time == null) {
            return null;
        }
        OffsetDateTime utc = time.getOffset().equals(ZoneOffset.UTC) ? time
                : time.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return utc.toString();
        }
        StringBuilder s = new StringBuilder(30);
        digits(s, year, 4).append('-');
        digits(s, utc.getMonthValue(), 2).append('-');
        digits(s, utc.getDayOfMonth(), 2).append('T');
        digits(s, utc.getHour(), 2).append(':');
        digits(s, utc.getMinute(), 2);
        int second = utc.getSecond();
        int nano = utc.getNano();
        if (second > 0 || nano > 0) {
            digits(s.append(':'), second, 2);
            if (nano > 0) {
                s.append('.');
                if (nano % 1_000_000 == 0) {
                    digits(s, nano / 1_000_000, 3);
                } else if (nano % 1000 == 0) {
                    digits(s, nano / 1000, 6);
                } else {
                    digits(s, nano, 9);
                }
            }
        }
        return s.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder s, int value, int width) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < width; i++) {
            s.append('0');
        }
        return s.append(v);
    }

    /** Empty for null: a time not known yet shows as nothing. */
    public static String format(OffsetDateTime time) {
        return time == null ? "" : FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
