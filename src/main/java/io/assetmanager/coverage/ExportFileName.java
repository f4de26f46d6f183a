package io.assetmanager.coverage;

import io.assetmanager.platform.CsvFileName;
import java.time.LocalDate;

/**
 * The file name of a list's CSV export: the set, its filters and the day (UTC), so that files exported from
 * different views do not overwrite each other and say what they hold, e.g.
 * {@code unmanaged-by-qualys_10.0.0.0-10.0.0.255_text-printer_zone-DMZ_2026-12-06.csv}. Only letters, digits, dots
 * and dashes from the filters are kept (an IPv6 address's colons become dashes); a text filter and a zone are cut at
 * 40 characters, as the inventory's export cuts its zone.
 */
public final class ExportFileName {

    private static final int MAX_TEXT = 40;

    private ExportFileName() {
    }

    public static String of(CoverageSet set, ListRequest request, LocalDate day) {
        return CsvFileName.of(set.key())
                .filter("", request.range() == null ? null : request.range().toString(), Integer.MAX_VALUE)
                .filter("text-", request.text(), MAX_TEXT).filter("zone-", request.zone(), MAX_TEXT).on(day);
    }
}
