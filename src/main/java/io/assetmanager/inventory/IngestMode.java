package io.assetmanager.inventory;

import java.util.Locale;
import java.util.Optional;

/** What an upload does to hosts it does not list: MERGE keeps them, REPLACE removes them. */
public enum IngestMode {
    MERGE, REPLACE;

    public static Optional<IngestMode> of(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(MERGE);
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
