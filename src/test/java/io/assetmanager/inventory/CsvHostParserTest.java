package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvHostParserTest {

    private final CsvHostParser parser = new CsvHostParser();

    @Test
    void readsColumnsInAnyOrderAndCase() {
        ParsedUpload parsed = ParsedUpload.parse(parser, """
                Hostname,IP,zone,mac\r
                web-1,10.0.0.1,DMZ,00-1a-2b-3c-4d-5e\r
                ,10.0.0.2,,\r
                \r
                db.example.org,2001:db8::5,"core, east",001a.2b3c.4d5f\r
                """);
        assertThat(parsed.problemTexts()).isEmpty();
        assertThat(parsed.hosts()).containsExactly(
                "2 10.0.0.1 web-1 00:1A:2B:3C:4D:5E DMZ",
                "3 10.0.0.2 null null null",
                "5 2001:db8::5 db.example.org 00:1A:2B:3C:4D:5F core, east");
    }

    @Test
    void onlyTheIpColumnIsRequired() {
        ParsedUpload parsed = ParsedUpload.parse(parser, "ip\n10.0.0.1\n");
        assertThat(parsed.hosts()).containsExactly("2 10.0.0.1 null null null");
    }

    @Test
    void aQuotedFieldMaySpanLinesAndLaterLineNumbersStayRight() {
        ParsedUpload parsed = ParsedUpload.parse(parser,
                "ip,hostname\n10.0.0.1,\"web-1\"\n10.0.0.2,\"two\nlines\"\n10.0.0.x,z\n10.0.0.5,\"five\"\n");
        assertThat(parsed.hosts()).containsExactly("2 10.0.0.1 web-1 null null", "6 10.0.0.5 five null null");
        assertThat(parsed.problemTexts()).hasSize(2);
        assertThat(parsed.problemTexts().get(0)).startsWith("line 3: hostname: 'two\\u000alines' has the character");
        assertThat(parsed.problemTexts().get(1)).startsWith("line 5: ip: '10.0.0.x'");
    }

    @Test
    void anUnknownColumnRejectsTheFile() {
        ParsedUpload parsed = ParsedUpload.parse(parser, "ip,hostname,owner\n10.0.0.1,a,b\n");
        assertThat(parsed.hosts()).isEmpty();
        assertThat(parsed.problemTexts()).containsExactly(
                "line 1: unknown column 'owner' (known columns: ip, hostname, mac, zone)");
    }

    @Test
    void aHeaderWithoutIpOrWithATwiceNamedColumnIsRefused() {
        assertThat(ParsedUpload.parse(parser, "hostname\na\n").problemTexts())
                .containsExactly("line 1: the header has no 'ip' column");
        assertThat(ParsedUpload.parse(parser, "ip,IP\n10.0.0.1,10.0.0.1\n").problemTexts())
                .containsExactly("line 1: the column 'ip' appears twice");
        assertThat(ParsedUpload.parse(parser, "").problemTexts()).singleElement().asString().contains("no header row");
    }

    @Test
    void namesTheLineAndFieldOfEachBadValue() {
        ParsedUpload parsed = ParsedUpload.parse(parser, """
                ip,hostname,mac
                10.0.0.1,ok,00:11:22:33:44:55
                10.0.0.2,bad name,00:11:22:33:44
                10.0.0.3,ok
                """);
        assertThat(parsed.hosts()).containsExactly("2 10.0.0.1 ok 00:11:22:33:44:55 null");
        assertThat(parsed.problemTexts()).containsExactly(
                "line 3: hostname: 'bad name' has the character ' '; a hostname has letters, digits, '.', '-' and '_' only",
                "line 3: mac: '00:11:22:33:44' is not a MAC address (use aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff or aabb.ccdd.eeff)",
                "line 4: expected 3 fields as in the header, found 2");
    }

    @Test
    void brokenQuotingStopsWithItsLine() {
        assertThat(ParsedUpload.parse(parser, "ip,zone\n10.0.0.1,\"a\"b\n").problemTexts())
                .containsExactly("line 2: the character 'b' after a closing quote (expected ',' or the end of the line)");
        assertThat(ParsedUpload.parse(parser, "ip,zone\n10.0.0.1,a\n10.0.0.2,\"open\n\n").problemTexts())
                .containsExactly("line 3: a quoted field is never closed");
        assertThat(ParsedUpload.parse(parser, "ip,zone\n10.0.0.1,a\"b\n").problemTexts()).singleElement()
                .asString().startsWith("line 2: a '\"' inside a field");
    }
}
