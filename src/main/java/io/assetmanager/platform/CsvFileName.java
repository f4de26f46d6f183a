package io.assetmanager.platform;

import java.time.LocalDate;

/**
 * The file name of a CSV export: what it lists, its filters and the day (UTC), so that files exported from different
 * views do not overwrite each other and say what they hold, e.g. {@code inventory_10.0.0.0-24_host-printer_2026-12-07.csv}.
 * Only letters, digits, dots and dashes of a filter are kept (an IPv6 address's colons become dashes): nothing of the
 * {@code Content-Disposition} header's syntax or of a path survives.
 */
public final class CsvFileName {

    private final StringBuilder name;

    private CsvFileName(String what) {
        this.name = new StringBuilder(what);
    }

    /** @param what what the export lists, e.g. {@code inventory}; used as it is */
    public static CsvFileName of(String what) {
        return new CsvFileName(what);
    }

    /** Adds a filter as {@code _<label><value>}, the value cut at {@code maxChars}; a null or blank value adds nothing. */
    public CsvFileName filter(String label, String value, int maxChars) {
        if (value != null && !value.isBlank()) {
            String cut = value.length() > maxChars ? value.substring(0, maxChars) : value;
            name.append('_').append(label).append(cut.replaceAll("[^A-Za-z0-9.-]", "-"));
        }
        return this;
    }

    /** The name, ending with the day and {@code .csv}. */
    public String on(LocalDate day) {
        return name + "_" + day + ".csv";
    }
}
