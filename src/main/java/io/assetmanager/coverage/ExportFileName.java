package io.assetmanager.coverage;

import java.time.LocalDate;

/**
 * The file name of a list's CSV export: the set, its filter and the day (UTC), so that files exported from
 * different views do not overwrite each other and say what they hold, e.g.
 * {@code unmanaged-by-qualys_10.0.0.0-10.0.0.255_text-printer_2026-12-06.csv}. Only letters, digits, dots and
 * dashes from the filter are kept (an IPv6 address's colons become dashes); a text filter is cut at 40 characters.
 */
public final class ExportFileName {

    private static final int MAX_TEXT = 40;

    private ExportFileName() {
    }

    public static String of(CoverageSet set, ListRequest request, LocalDate day) {
        StringBuilder name = new StringBuilder(set.key());
        if (request.range() != null) {
            name.append('_').append(safe(request.range().toString()));
        }
        if (request.text() != null) {
            String text = request.text();
            name.append("_text-").append(safe(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text));
        }
        return name.append('_').append(day).append(".csv").toString();
    }

    private static String safe(String value) {
        return value.replaceAll("[^A-Za-z0-9.-]", "-");
    }
}
