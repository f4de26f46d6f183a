package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextHostParserTest {

    private final TextHostParser parser = new TextHostParser();

    @Test
    void readsOneAddressPerLineSkippingBlanksAndComments() {
        ParsedUpload parsed = ParsedUpload.parse(parser,
                "\uFEFF10.0.0.1\r\n# routers\n\n  192.168.1.10  \n2001:db8::1\n::ffff:10.0.0.2\n");
        assertThat(parsed.problems().isEmpty()).isTrue();
        assertThat(parsed.hosts()).containsExactly(
                "1 10.0.0.1 null null null",
                "4 192.168.1.10 null null null",
                "5 2001:db8::1 null null null",
                "6 10.0.0.2 null null null");
    }

    @Test
    void namesEveryBadLine() {
        ParsedUpload parsed = ParsedUpload.parse(parser, "10.0.0.1\n10.0.0.256\n10.0.0.3\nfoo\n10.0.0.0/24\n");
        assertThat(parsed.problemTexts()).hasSize(3);
        assertThat(parsed.problemTexts().get(0)).startsWith("line 2: ip: '10.0.0.256'").contains("above 255");
        assertThat(parsed.problemTexts().get(1)).startsWith("line 4: ip: 'foo'");
        assertThat(parsed.problemTexts().get(2)).startsWith("line 5: ip: '10.0.0.0/24'");
    }

    @Test
    void listsTheFirstHundredProblemsAndCountsAll() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            text.append("bad").append(i).append('\n');
        }
        ParsedUpload parsed = ParsedUpload.parse(parser, text.toString());
        assertThat(parsed.problems().count()).isEqualTo(250);
        assertThat(parsed.problems().listed()).hasSize(UploadProblems.MAX_LISTED);
        assertThat(parsed.problems().listed().get(99).line()).isEqualTo(100);
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "10.0.0.1\nh\u00f4te\n".getBytes(StandardCharsets.ISO_8859_1);
        ParsedUpload parsed = ParsedUpload.parse(parser, new ByteArrayInputStream(latin1));
        assertThat(parsed.problemTexts()).singleElement().asString().contains("not UTF-8");
    }

    @Test
    void stopsReadingAtTheByteLimit() {
        byte[] body = "10.0.0.1\n10.0.0.2\n10.0.0.3\n".getBytes(StandardCharsets.US_ASCII);
        LimitedInputStream limited = new LimitedInputStream(new ByteArrayInputStream(body), body.length - 1);
        assertThatThrownBy(() -> ParsedUpload.parse(parser, limited))
                .isInstanceOf(UploadTooLargeException.class)
                .hasMessageContaining("limit of " + (body.length - 1) + " bytes");
        LimitedInputStream exact = new LimitedInputStream(new ByteArrayInputStream(body), body.length);
        assertThat(ParsedUpload.parse(parser, exact).hosts()).hasSize(3);
    }
}
