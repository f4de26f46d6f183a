package io.assetmanager.inventory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a character stream, one at a time, remembering the line each record starts on. Fields may
 * be quoted ({@code "a, b"}, {@code "say ""hi"""}) and quoted fields may span lines; CR LF and LF both end a record.
 */
final class CsvRecordReader {

    /** The text cannot be read as CSV from here on. */
    static final class CsvSyntaxException extends Exception {
        final long line;

        CsvSyntaxException(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final Reader in;
    private long line = 1;
    private long recordLine;
    private int pushedBack = -2;

    CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** The line the last record returned by {@link #next()} starts on. */
    long recordLine() {
        return recordLine;
    }

    /** @return the next record's fields, or {@code null} at the end of the input */
    List<String> next() throws IOException, CsvSyntaxException {
        int c = read();
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.length() == 0) {
                c = readQuoted(field);
            } else {
                while (c != ',' && c != '\r' && c != '\n' && c != -1) {
                    if (c == '"') {
                        throw new CsvSyntaxException(line, "a '\"' inside a field that does not start with '\"'"
                                + " (quote the whole field and double the quote)");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    pushedBack = after;
                }
            }
            if (c != -1) {
                line++;
            }
            return fields;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int readQuoted(StringBuilder field) throws IOException, CsvSyntaxException {
        long start = line;
        while (true) {
            int c = read();
            if (c == -1) {
                throw new CsvSyntaxException(start, "a quoted field is never closed");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after != ',' && after != '\r' && after != '\n' && after != -1) {
                        throw new CsvSyntaxException(line, "the character '" + (char) after
                                + "' after a closing quote (expected ',' or the end of the line)");
                    }
                    return after;
                }
            } else if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }
}
