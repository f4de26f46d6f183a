package io.assetmanager.platform;

import java.text.NumberFormat;
import java.util.Locale;

/** The one way counts are written for people: digits grouped by thousands with commas, e.g. "1,000,000". */
public final class Numbers {

    private Numbers() {
    }

    public static String grouped(Number count) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(count);
    }

    /** A count and its noun, grouped and in the right number: "1 IP", "1,200 IPs", "0 ranges". */
    public static String counted(Number count, String one, String many) {
        return grouped(count) + " " + ("1".equals(count.toString()) ? one : many);
    }
}
