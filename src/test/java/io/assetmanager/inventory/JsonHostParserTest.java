package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonHostParserTest {

    private final JsonHostParser parser = new JsonHostParser();

    @Test
    void readsAnArrayOfHostObjects() {
        ParsedUpload parsed = ParsedUpload.parse(parser, """
                [
                  {"ip": "10.0.0.1", "hostname": "web-1", "mac": "00:1a:2b:3c:4d:5e", "zone": "DMZ"},
                  {"ip": "2001:db8::1", "hostname": null},
                  {"zone": "lab", "ip": "10.0.0.3"}
                ]
                """);
        assertThat(parsed.problemTexts()).isEmpty();
        assertThat(parsed.hosts()).containsExactly(
                "2 10.0.0.1 web-1 00:1A:2B:3C:4D:5E DMZ",
                "3 2001:db8::1 null null null",
                "4 10.0.0.3 null null lab");
    }

    @Test
    void namesUnknownKeysWrongTypesAndBadValuesWithTheirLines() {
        ParsedUpload parsed = ParsedUpload.parse(parser, """
                [
                  {"ip": "10.0.0.1", "owner": "me"},
                  {"ip": 10},
                  {"ip": "10.0.0.300"},
                  "10.0.0.4",
                  {"ip": "10.0.0.5"}
                ]
                """);
        assertThat(parsed.hosts()).containsExactly("6 10.0.0.5 null null null");
        assertThat(parsed.problemTexts()).hasSize(5);
        assertThat(parsed.problemTexts().get(0)).isEqualTo(
                "line 2: unknown key 'owner' (known keys: ip, hostname, mac, zone)");
        assertThat(parsed.problemTexts().get(1)).isEqualTo("line 3: ip: expected a string or null, found a number");
        assertThat(parsed.problemTexts().get(2)).isEqualTo("line 3: ip: missing");
        assertThat(parsed.problemTexts().get(3)).startsWith("line 4: ip: '10.0.0.300'");
        assertThat(parsed.problemTexts().get(4)).isEqualTo("line 5: expected a host object, found a string");
    }

    @Test
    void brokenJsonIsReportedWithItsLine() {
        ParsedUpload parsed = ParsedUpload.parse(parser, "[\n{\"ip\": \"10.0.0.1\"},\n{\"ip\" \"10.0.0.2\"}\n]");
        assertThat(parsed.problemTexts()).singleElement().asString().startsWith("line 3: broken JSON");
    }

    @Test
    void theBodyMustBeAnArray() {
        assertThat(ParsedUpload.parse(parser, "{\"ip\": \"10.0.0.1\"}").problemTexts()).singleElement().asString()
                .contains("must be an array");
        assertThat(ParsedUpload.parse(parser, "[{\"ip\": \"10.0.0.1\"}").problems().isEmpty()).isFalse();
    }
}
