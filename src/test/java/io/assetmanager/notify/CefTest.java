package io.assetmanager.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CefTest {

    static final Instant AT = Instant.parse("2026-12-06T15:04:05.123Z");

    static Notification failed(String message) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("new", 2L);
        counts.put("total", 7L);
        return new Notification(NotificationEvent.RUN_FAILED, message, counts,
                "https://am.example.com/sync-history.xhtml", 42L, AT);
    }

    @Test
    void headerAndExtensionValuesAreEscapedAndReadBack() {
        String message = "Qualys said a=b | c\\d\nsecond line";
        String line = Cef.line(failed(message), "1.0|beta");

        assertThat(line).startsWith("CEF:0|Asset Manager|Asset Manager|1.0\\|beta|run-failed|Sync run failed|7|")
                .contains("msg=Qualys said a\\=b | c\\\\d\\nsecond line").doesNotContain("\n");
        CefParser.Parsed parsed = CefParser.parse(line);
        assertThat(parsed.header()).containsExactly("0", "Asset Manager", "Asset Manager", "1.0|beta", "run-failed",
                "Sync run failed", "7");
        assertThat(parsed.extension()).containsEntry("msg", message)
                .containsEntry("rt", String.valueOf(AT.toEpochMilli())).containsEntry("externalId", "42")
                .containsEntry("request", "https://am.example.com/sync-history.xhtml")
                .containsEntry("cn1Label", "new").containsEntry("cn1", "2")
                .containsEntry("cn2Label", "total").containsEntry("cn2", "7");
    }

    @Test
    void theSyslogMessageIsRfc5424WithTheCefLineAsItsMessage() {
        String m = Cef.syslogMessage(failed("x"), "1.0", "am host", AT);
        // local0 (16) * 8 + warning (4), for a severity 7 event.
        assertThat(m).startsWith("<132>1 2026-12-06T15:04:05.123Z amhost assetmanager - run-failed - CEF:0|");
        Notification test = new Notification(NotificationEvent.TEST, "t", Map.of(), null, null, AT);
        assertThat(Cef.syslogMessage(test, "1.0", "", AT)).startsWith("<133>1 2026-12-06T15:04:05.123Z - assetmanager");
    }

    @Test
    void octetCountingCountsBytesNotCharacters() {
        assertThat(new String(Cef.octetCounted("é=1"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("4 é=1");
    }
}
