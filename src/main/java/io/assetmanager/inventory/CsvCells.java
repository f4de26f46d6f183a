package io.assetmanager.inventory;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes CSV that spreadsheets open as data, never as formulas: a cell starting with {@code = + - @}, a tab or a
 * carriage return gets a leading single quote (the OWASP advice for CSV injection); then RFC 4180 quoting.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String s = value;
        char first = s.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** One record, ended by CR LF as RFC 4180 asks. */
    public static void row(Writer out, String... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(values[i]));
        }
        out.write("\r\n");
    }
}
