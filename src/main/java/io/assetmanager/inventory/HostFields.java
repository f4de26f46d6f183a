package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpParseException;
import java.util.List;
import java.util.Locale;

/**
 * The rules for the fields of an indexed host, shared by every upload format: each method returns the stored form
 * ({@code null} for a blank optional field) or throws {@link InvalidFieldException} saying what is wrong.
 */
public final class HostFields {

    public static final int MAX_TEXT = 255;

    /** The fields an upload may give, as CSV columns and JSON keys. */
    public static final List<String> NAMES = List.of("ip", "hostname", "mac", "zone");

    /**
     * The zone of a host given none, under which it is stored (V26): a host whose file said {@code default} is in the
     * same zone as a host given no zone.
     */
    public static final String DEFAULT_ZONE = "default";
    /**
     * An SQL condition: the indexed host {@code h} speaks for its address in a list of every zone, because it was
     * indexed first of the address's hosts (V26: an address may be indexed in several zones, once in each). By row
     * id, not zone name: names compare in the database's collation, which differs between H2 and PostgreSQL and
     * between PostgreSQL installations. A probe of the {@code (ip, zone)} key per row ({@code OFFSET 0 ROWS} keeps it
     * one on PostgreSQL).
     */
    public static final String FIRST_HOST = "NOT EXISTS (SELECT 1 FROM indexed_hosts z WHERE z.ip = h.ip"
            + " AND z.id < h.id OFFSET 0 ROWS)";

    /** One field of one host is not acceptable. */
    public static class InvalidFieldException extends IllegalArgumentException {
        private final String reason;

        public InvalidFieldException(String field, String message) {
            super(field + ": " + message);
            this.reason = message;
        }

        /** What is wrong, without the field's name (for callers that name the field their own way). */
        public String reason() {
            return reason;
        }
    }

    private HostFields() {
    }

    /**
     * Checks the text of one host's fields, in the order of {@link #NAMES} ({@code null} for absent ones), and hands
     * the host to the sink if all are valid; otherwise records one problem per bad field. A {@code null} sink only
     * checks (the host is already known to be rejected for another reason).
     */
    static void deliver(long line, String[] values, HostSink sink, UploadProblems problems) {
        IpAddress ip = null;
        String hostname = null;
        String mac = null;
        String zone = null;
        boolean ok = true;
        for (int field = 0; field < NAMES.size(); field++) {
            try {
                switch (field) {
                    case 0 -> ip = ip(values[0]);
                    case 1 -> hostname = hostname(values[1]);
                    case 2 -> mac = mac(values[2]);
                    default -> zone = zone(values[3]);
                }
            } catch (InvalidFieldException e) {
                problems.add(line, e.getMessage());
                ok = false;
            }
        }
        if (ok && sink != null) {
            sink.host(line, ip, hostname, mac, zone);
        }
    }

    public static IpAddress ip(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidFieldException("ip", "missing");
        }
        try {
            return IpAddress.parse(raw);
        } catch (IpParseException e) {
            throw new InvalidFieldException("ip", e.getMessage());
        }
    }

    /** DNS or NetBIOS style names: letters, digits, '.', '-', '_' (internationalised names in their ASCII form). */
    public static String hostname(String raw) {
        String s = blankToNull(raw);
        if (s == null) {
            return null;
        }
        checkLength("hostname", s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_')) {
                throw new InvalidFieldException("hostname",
                        "'" + printable(s) + "' has the character '" + printable(String.valueOf(c))
                                + "'; a hostname has letters, digits, '.', '-' and '_' only");
            }
        }
        return s;
    }

    /**
     * Accepts {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-cc-dd-ee-ff}, {@code aabb.ccdd.eeff} and {@code aabbccddeeff};
     * stores upper case with colons, the form nmap writes.
     */
    public static String mac(String raw) {
        String s = blankToNull(raw);
        if (s == null) {
            return null;
        }
        StringBuilder hex = new StringBuilder(12);
        boolean separatorsOk = switch (s.length()) {
            case 17 -> sameSeparatorEvery(s, 2, 3);
            case 14 -> sameSeparatorEvery(s, 4, 5) && s.charAt(4) == '.';
            case 12 -> true;
            default -> false;
        };
        if (separatorsOk) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.digit(c, 16) >= 0 && c < 128) {
                    hex.append(Character.toUpperCase(c));
                } else if (c != ':' && c != '-' && c != '.') {
                    separatorsOk = false;
                }
            }
        }
        if (!separatorsOk || hex.length() != 12) {
            throw new InvalidFieldException("mac", "'" + printable(s)
                    + "' is not a MAC address (use aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff or aabb.ccdd.eeff)");
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** A free label for the network or zone; no control characters. */
    public static String zone(String raw) {
        return label("zone", raw);
    }

    /** The name of the zone of a host given this zone (null: none, which is {@link #DEFAULT_ZONE}). */
    public static String zoneName(String stored) {
        return stored == null ? DEFAULT_ZONE : stored;
    }

    /**
     * The hosts of a zone as an SQL condition on {@code column} with one parameter, the zone's name. Every host's
     * zone is stored by name since V26 ({@value #DEFAULT_ZONE} for a host given none), so every zone, the default one
     * too, is one stretch of the {@code (zone, ip)} index.
     */
    public static String zoneCondition(String column) {
        return column + " = ?";
    }

    /** Which upload or feed a host came from; no control characters. */
    public static String source(String raw) {
        return label("source", raw);
    }

    private static String label(String field, String raw) {
        String s = blankToNull(raw);
        if (s == null) {
            return null;
        }
        checkLength(field, s);
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(field, "'" + printable(s) + "' contains a control character");
        }
        return s;
    }

    private static boolean sameSeparatorEvery(String s, int groupLength, int step) {
        char separator = s.charAt(groupLength);
        if (separator != ':' && separator != '-' && separator != '.') {
            return false;
        }
        for (int i = groupLength; i < s.length(); i += step) {
            if (s.charAt(i) != separator) {
                return false;
            }
        }
        return true;
    }

    private static void checkLength(String field, String s) {
        if (s.length() > MAX_TEXT) {
            throw new InvalidFieldException(field, "longer than " + MAX_TEXT + " characters (" + s.length() + ")");
        }
    }

    private static String blankToNull(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        return s.isEmpty() ? null : s;
    }

    /** Quotes user text in a message without letting control characters or huge values through. */
    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
