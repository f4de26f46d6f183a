package io.assetmanager.inventory;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;

/**
 * {@code application/json}: an array of objects with the keys {@code ip} (required), {@code hostname}, {@code mac},
 * {@code zone}; values are strings or null. Read as a stream, so a large array is never held as a tree.
 */
public final class JsonHostParser implements HostParser {

    @Override
    public void parse(InputStream in, HostSink sink, UploadProblems problems) {
        try (JsonParser json = Json.createParser(in)) {
            if (!json.hasNext() || json.next() != Event.START_ARRAY) {
                problems.add(line(json), "the JSON must be an array of host objects, like [{\"ip\": \"10.0.0.1\"}]");
                return;
            }
            while (true) {
                Event event = json.next();
                if (event == Event.END_ARRAY) {
                    break;
                }
                if (event != Event.START_OBJECT) {
                    problems.add(line(json), "expected a host object, found " + describe(event));
                    skipValue(json, event);
                    continue;
                }
                host(json, sink, problems);
            }
            if (json.hasNext()) {
                json.next();
                problems.add(line(json), "unexpected content after the array");
            }
        } catch (JsonParsingException e) {
            problems.add(e.getLocation() == null ? 0 : e.getLocation().getLineNumber(),
                    "broken JSON: " + e.getMessage());
        } catch (jakarta.json.JsonException e) {
            problems.add(0, "the body cannot be read as JSON: " + e.getMessage());
        } catch (java.util.NoSuchElementException e) {
            problems.add(0, "the JSON ends before the array is closed");
        }
    }

    private static void host(JsonParser json, HostSink sink, UploadProblems problems) {
        long line = line(json);
        String[] values = new String[HostFields.NAMES.size()];
        boolean ok = true;
        while (json.next() != Event.END_OBJECT) {
            String key = json.getString();
            Event value = json.next();
            int column = HostFields.NAMES.indexOf(key);
            if (column < 0) {
                problems.add(line(json), "unknown key '" + HostFields.printable(key) + "' (known keys: "
                        + String.join(", ", HostFields.NAMES) + ")");
                ok = false;
                skipValue(json, value);
            } else if (value == Event.VALUE_STRING) {
                values[column] = json.getString();
            } else if (value != Event.VALUE_NULL) {
                problems.add(line(json), key + ": expected a string or null, found " + describe(value));
                ok = false;
                skipValue(json, value);
            }
        }
        HostFields.deliver(line, values, ok ? sink : null, problems);
    }

    private static void skipValue(JsonParser json, Event event) {
        if (event == Event.START_ARRAY) {
            json.skipArray();
        } else if (event == Event.START_OBJECT) {
            json.skipObject();
        }
    }

    private static String describe(Event event) {
        return switch (event) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NUMBER -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> "a string";
            default -> event.toString();
        };
    }

    private static long line(JsonParser json) {
        return json.getLocation().getLineNumber();
    }
}
