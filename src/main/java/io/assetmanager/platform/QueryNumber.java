package io.assetmanager.platform;

import java.util.Locale;

/**
 * A whole-number query parameter read from its text, so that a value that is not a number is a 400 naming the
 * parameter. Declared as a number, JAX-RS answers 404 to {@code ?limit=abc} (the specification's rule for query
 * parameters it cannot convert), which says nothing useful.
 */
public final class QueryNumber {

    private QueryNumber() {
    }

    /** A query parameter that is not a whole number in its range; the message names it and quotes the value. */
    public static final class BadParameter extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * @param text the parameter's value; null or blank for {@code defaultValue}
     * @throws BadParameter when {@code text} is not a whole number from {@code min} to {@code max}
     */
    public static long parse(String name, String text, long defaultValue, long min, long max) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        String value = text.strip();
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            n = min - 1;
            if (!value.matches("[+-]?[0-9]{1,40}")) {
                throw bad(name, value, min, max);
            }
        }
        if (n < min || n > max) {
            throw bad(name, value, min, max);
        }
        return n;
    }

    public static int parseInt(String name, String text, int defaultValue, int min, int max) {
        return (int) parse(name, text, defaultValue, min, max);
    }

    private static BadParameter bad(String name, String value, long min, long max) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return new BadParameter(name, String.format(Locale.ROOT, "Query parameter '%s' must be a whole number from"
                + " %d to %d, not '%s'.", name, min, max, shown));
    }
}
