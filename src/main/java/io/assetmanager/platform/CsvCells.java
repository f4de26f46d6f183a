package io.assetmanager.platform;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes CSV that spreadsheets open as data, never as formulas, for every export: a cell starting with
 * {@code = + - @}, a tab or a carriage return gets a leading single quote (the OWASP advice for CSV injection); then
 * RFC 4180 quoting, applied to every cell that holds a quote, a line break or the list separator of any common
 * locale (comma, semicolon, tab). So {@code x;=1+1} stays one cell of text in a spreadsheet that splits on
 * semicolons, instead of becoming a second cell holding a formula.
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
        if (s.indexOf(',') >= 0 || s.indexOf(';') >= 0 || s.indexOf('\t') >= 0 || s.indexOf('"') >= 0
                || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** One record, ended by CR LF as RFC 4180 asks. */
    public static void row(Writer out, String... values) throws IOException {
        row(out, Arrays.asList(values));
    }

    /** One record, ended by CR LF as RFC 4180 asks. */
    public static void row(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(values.get(i)));
        }
        out.write("\r\n");
    }
}
