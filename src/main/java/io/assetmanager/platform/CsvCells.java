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
        return needsCare(value) ? appendCared(new StringBuilder(value.length() + 4), value).toString() : value;
    }

    /** One record, ended by CR LF as RFC 4180 asks. */
    public static void row(Writer out, String... values) throws IOException {
        row(out, Arrays.asList(values));
    }

    /**
     * One record, ended by CR LF as RFC 4180 asks: built whole, then one write (exports write a million records,
     * and a write per cell was a quarter of their CPU).
     */
    public static void row(Writer out, List<String> values) throws IOException {
        StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = values.get(i);
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (needsCare(value)) {
                appendCared(line, value);
            } else {
                line.append(value);
            }
        }
        out.write(line.append("\r\n").toString());
    }

    private static boolean needsCare(String s) {
        char first = s.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ';' || c == '\t' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static StringBuilder appendCared(StringBuilder out, String value) {
        String s = value;
        char first = s.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf(';') >= 0 || s.indexOf('\t') >= 0 || s.indexOf('"') >= 0
                || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return out.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
        return out.append(s);
    }
}
