package io.assetmanager.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a CEF line back as a receiver would: seven header fields, then the extension's keys and values, unescaped. */
public final class CefParser {

    public record Parsed(List<String> header, Map<String, String> extension) {
    }

    private CefParser() {
    }

    public static Parsed parse(String line) {
        if (!line.startsWith("CEF:")) {
            throw new IllegalArgumentException("Not a CEF line: " + line);
        }
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 4;
        while (header.size() < 7) {
            char c = line.charAt(i++);
            if (c == '\\') {
                field.append(line.charAt(i++));
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        Map<String, String> extension = new LinkedHashMap<>();
        String rest = line.substring(i);
        String key = null;
        StringBuilder value = new StringBuilder();
        int start = 0;
        for (int j = 0; j < rest.length(); j++) {
            char c = rest.charAt(j);
            if (c == '\\') {
                char next = rest.charAt(++j);
                value.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else if (c == '=') {
                // The key is the word just before this '=': close the previous value at the space before it.
                String pending = value.toString();
                int space = pending.lastIndexOf(' ');
                if (key != null) {
                    extension.put(key, pending.substring(0, Math.max(space, 0)));
                }
                key = pending.substring(space + 1);
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        if (key != null) {
            extension.put(key, value.toString());
        }
        return new Parsed(header, extension);
    }
}
