package io.assetmanager.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonObjectBodyTest {

    private static final Set<String> KNOWN = Set.of("ranges", "all");

    @Test
    void aFlatObjectOfKnownFieldsIsRead() throws Exception {
        JsonObject fields = JsonObjectBody.parse(" {\"ranges\": \"10.0.0.1\", \"all\": false}\n", KNOWN);
        assertThat(fields.getString("ranges")).isEqualTo("10.0.0.1");
        assertThat(fields.getBoolean("all")).isFalse();
    }

    @Test
    void aBodyOverTheLimitIsRefusedByItsDeclaredLengthOrAfterOneByteTooMany() throws Exception {
        byte[] fits = "{\"ranges\":\"10.0.0.1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonObjectBody.read(new ByteArrayInputStream(fits), fits.length, fits.length, KNOWN)
                .getString("ranges")).isEqualTo("10.0.0.1");
        assertThat(JsonObjectBody.read(new ByteArrayInputStream(fits), -1, fits.length, KNOWN)).hasSize(1);
        assertThatThrownBy(() -> JsonObjectBody.read(new ByteArrayInputStream(fits), -1, fits.length - 1, KNOWN))
                .isInstanceOf(JsonObjectBody.Refused.class).hasMessage("The body is larger than " + (fits.length - 1) + " bytes.")
                .satisfies(e -> assertThat(((JsonObjectBody.Refused) e).tooLarge()).isTrue());
        // Refused from the declared length: nothing of the stream is read.
        ByteArrayInputStream unread = new ByteArrayInputStream(fits);
        assertThatThrownBy(() -> JsonObjectBody.read(unread, 4_097, 4_096, KNOWN))
                .satisfies(e -> assertThat(((JsonObjectBody.Refused) e).tooLarge()).isTrue());
        assertThat(unread.available()).isEqualTo(fits.length);
        assertThatThrownBy(() -> JsonObjectBody.read(null, -1, 4_096, KNOWN))
                .hasMessage("The body is empty: send a JSON object with all, ranges.")
                .satisfies(e -> assertThat(((JsonObjectBody.Refused) e).tooLarge()).isFalse());
    }

    @Test
    void textAfterTheObjectIsRefusedNotIgnored() {
        assertThatThrownBy(() -> JsonObjectBody.parse("{\"ranges\":\"10.30.1.6\"} }}}garbage", KNOWN))
                .isInstanceOf(JsonObjectBody.Refused.class).hasMessageStartingWith(
                        "The body goes on after its JSON object (line 1, column");
        assertThatThrownBy(() -> JsonObjectBody.parse("{\"ranges\":\"10.30.1.6\"} {\"all\":true}", KNOWN))
                .isInstanceOf(JsonObjectBody.Refused.class).hasMessageContaining("one JSON object only");
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotLastWins() {
        assertThatThrownBy(() -> JsonObjectBody.parse("{\"ranges\":\"10.30.0.16\",\"ranges\":\"10.30.0.18\"}", KNOWN))
                .isInstanceOf(JsonObjectBody.Refused.class).hasMessage("Field 'ranges' is given twice: give it once.")
                .extracting(e -> ((JsonObjectBody.Refused) e).field()).isEqualTo("ranges");
    }

    @Test
    void nestingThousandsDeepIsRefusedAtItsFirstBracket() {
        String deep = "{\"ranges\":\"10.99.0.1\",\"all\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
        assertThatThrownBy(() -> JsonObjectBody.parse(deep, KNOWN)).isInstanceOf(JsonObjectBody.Refused.class)
                .hasMessage("Field 'all' must be a single value, not an array.");
        String deepUnknown = "{\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
        assertThatThrownBy(() -> JsonObjectBody.parse(deepUnknown, KNOWN)).hasMessage(
                "Unknown field 'x'; known: all, ranges.");
        assertThatThrownBy(() -> JsonObjectBody.parse("[".repeat(30_000), KNOWN))
                .hasMessage("The body must be a JSON object, not an array: send a JSON object with all, ranges.");
    }

    @Test
    void emptyBrokenAndForeignBodiesSayWhatIsExpected() {
        assertThatThrownBy(() -> JsonObjectBody.parse("  ", KNOWN))
                .hasMessage("The body is empty: send a JSON object with all, ranges.");
        assertThatThrownBy(() -> JsonObjectBody.parse("\"10.0.0.1\"", KNOWN))
                .hasMessage("The body must be a JSON object, not a string: send a JSON object with all, ranges.");
        assertThatThrownBy(() -> JsonObjectBody.parse("{\"ranges\": ", KNOWN))
                .hasMessageStartingWith("The body is not valid JSON");
        assertThatThrownBy(() -> JsonObjectBody.parse("{\"" + "n\\u0007".repeat(50) + "\": 1}", KNOWN))
                .hasMessageStartingWith("Unknown field '" + "n?".repeat(20) + "…'");
    }
}
