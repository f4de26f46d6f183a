package io.assetmanager.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A REST body that must be one flat JSON object of known fields, each a single value (string, number, true, false
 * or null). Read with a streaming parser so that what a plain reader lets through is refused with a message naming
 * it: text after the object, a field given twice (a reader keeps the last one silently), and nesting (a value that
 * is an object or an array is refused at its first bracket, so a body nested thousands deep costs nothing and does
 * not reach the parser's own depth limit, which answered 500).
 */
public final class JsonObjectBody {

    /** What is wrong with the body, in words for the caller, naming the field when one is at fault. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final boolean tooLarge;

        Refused(String field, String message) {
            this(field, message, false);
        }

        private Refused(String field, String message, boolean tooLarge) {
            super(message, null, false, false);
            this.field = field;
            this.tooLarge = tooLarge;
        }

        /** Whether the body was refused for its size (413), not for what it says (400). */
        public boolean tooLarge() {
            return tooLarge;
        }

        /** The field at fault, printable and cut; null when the body as a whole is. */
        public String field() {
            return field;
        }
    }

    private JsonObjectBody() {
    }

    /**
     * Reads a request body of at most {@code maxBytes} bytes, refused from its declared length before anything is
     * read, or after reading one byte more than allowed, and then {@linkplain #parse parses} it.
     *
     * @param declaredLength the request's {@code Content-Length}, -1 when it has none (chunked)
     * @throws Refused naming what is wrong; {@link Refused#tooLarge()} for a body over {@code maxBytes}
     */
    public static JsonObject read(InputStream body, long declaredLength, int maxBytes, Set<String> known)
            throws Refused {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new Refused(null, "The body could not be read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), known);
    }

    private static Refused tooLarge(int maxBytes) {
        return new Refused(null, "The body is larger than " + maxBytes + " bytes.", true);
    }

    /**
     * @param text  the body, already bounded in size by the caller
     * @param known the fields the body may have
     * @return the fields given
     * @throws Refused naming what is wrong and where
     */
    public static JsonObject parse(String text, Set<String> known) throws Refused {
        String names = String.join(", ", known.stream().sorted().toList());
        String expected = "send a JSON object with " + names + ".";
        if (text == null || text.isBlank()) {
            throw new Refused(null, "The body is empty: " + expected);
        }
        JsonObjectBuilder fields = Json.createObjectBuilder();
        Set<String> seen = new HashSet<>();
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw new Refused(null, "The body must be a JSON object, not " + kind(first) + ": " + expected);
            }
            JsonParser.Event event;
            while ((event = parser.next()) != JsonParser.Event.END_OBJECT) {
                String name = shown(parser.getString());
                if (!known.contains(parser.getString())) {
                    throw new Refused(name, "Unknown field '" + name + "'; known: " + names + ".");
                }
                if (!seen.add(parser.getString())) {
                    throw new Refused(name, "Field '" + name + "' is given twice: give it once.");
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                switch (value) {
                    case VALUE_STRING, VALUE_NUMBER, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> fields.add(key,
                            parser.getValue());
                    default -> throw new Refused(name, "Field '" + name + "' must be a single value, not "
                            + kind(value) + ".");
                }
            }
            boolean more;
            try {
                more = parser.hasNext();
            } catch (JsonParsingException e) {
                more = true;
            }
            if (more) {
                JsonLocation at = parser.getLocation();
                throw new Refused(null, "The body goes on after its JSON object (line " + at.getLineNumber()
                        + ", column " + at.getColumnNumber() + "): send one JSON object only.");
            }
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            throw new Refused(null, "The body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNumber()
                    + ", column " + at.getColumnNumber() + ")") + ": " + expected);
        } catch (JsonException | java.util.NoSuchElementException e) {
            throw new Refused(null, "The body is not valid JSON: " + expected);
        }
        return fields.build();
    }

    private static String kind(JsonParser.Event event) {
        return switch (event) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_NULL -> "null";
            default -> "true or false";
        };
    }

    /** A field name as messages show it: control characters replaced, cut at 40 characters. */
    private static String shown(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
