package io.assetmanager.inventory;

import io.assetmanager.platform.CsvCells;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "=1+2|'=1+2",
        "+33 1 23|'+33 1 23",
        "-2|'-2",
        "@SUM(A1)|'@SUM(A1)",
        "=HYPERLINK(\"http://x\",\"y\")|`\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"`",
        "web-1|web-1",
        "a,b|`\"a,b\"`",
        "10.0.0.1|10.0.0.1",
        "::1|::1"})
    void formulasAreDefusedAndSpecialCharactersQuoted(String value, String expected) {
        assertThat(CsvCells.cell(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "x;=1+1|`\"x;=1+1\"`",
        "a;b|`\"a;b\"`",
        "x\t=1+1|`\"x\t=1+1\"`",
        "x,=1+1|`\"x,=1+1\"`",
        "x=1+1|x=1+1"})
    void aCellHoldingTheListSeparatorOfAnyCommonLocaleIsQuotedSoItStaysOneCell(String value, String expected) {
        assertThat(CsvCells.cell(value)).isEqualTo(expected);
    }

    @Test
    void tabAndCarriageReturnStartsAreDefusedToo() {
        assertThat(CsvCells.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(CsvCells.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvCells.cell(null)).isEmpty();
    }

    @Test
    void aRowEndsWithCrLfAndReadsBackWithTheUploadParser() throws IOException {
        StringWriter out = new StringWriter();
        CsvCells.row(out, "ip", "hostname", "zone");
        CsvCells.row(out, "10.0.0.1", "web-1", "core, \"east\"");
        assertThat(out.toString()).isEqualTo("ip,hostname,zone\r\n10.0.0.1,web-1,\"core, \"\"east\"\"\"\r\n");
        assertThat(ParsedUpload.parse(new CsvHostParser(), out.toString()).hosts())
                .containsExactly("2 10.0.0.1 web-1 null core, \"east\"");
    }

    @Test
    void aRowIsItsCellsJoinedWhateverTheyHold() throws IOException {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "ab1.-=+@,;\t\"\n\r '";
        for (int n = 0; n < 5_000; n++) {
            java.util.List<String> values = new java.util.ArrayList<>();
            for (int c = random.nextInt(1, 6); c > 0; c--) {
                int length = random.nextInt(-1, 6);
                StringBuilder v = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    v.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                values.add(length < 0 ? null : v.toString());
            }
            StringWriter out = new StringWriter();
            CsvCells.row(out, values);
            assertThat(out.toString()).as("%s", values).isEqualTo(
                    String.join(",", values.stream().map(CsvCells::cell).toList()) + "\r\n");
        }
    }
}
