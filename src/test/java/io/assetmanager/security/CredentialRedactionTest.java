package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class CredentialRedactionTest {

    private static final String TOKEN = "c2ltX3VzZXI6c2ltLVBhc3N3MHJkIQ==";

    @Test
    void theAuthorizationHeaderOfALoggedRequestIsRedacted() {
        // What HttpURLConnection logs at FINE: the request's MessageHeader.
        String logged = "sun.net.www.MessageHeader@4f3a5 pairs: {POST /api/2.0/fo/asset/ip/?action=list HTTP/1.1: null}"
                + "{Authorization: Basic " + TOKEN + "}{X-Requested-With: Asset Manager}{Host: 127.0.0.1:8089}";
        String redacted = CredentialRedaction.redact(logged);
        assertThat(redacted).doesNotContain(TOKEN).contains("{Authorization: (redacted)}{X-Requested-With: Asset Manager}");
        assertThat(CredentialRedaction.redact("1 > authorization: Basic " + TOKEN + "\n1 > accept: */*"))
                .isEqualTo("1 > authorization: (redacted)\n1 > accept: */*");
        assertThat(CredentialRedaction.redact("Proxy-Authorization=Basic " + TOKEN)).doesNotContain(TOKEN);
    }

    @Test
    void passwordFieldsOfALoggedFormBodyAreRedacted() {
        // What Grizzly's parameter parser logs at FINEST.
        String logged = "Process parameters. Buffer: HeapBuffer start=0 len=90 content=username=viewer&password=s3cr%21t"
                + "&x=1 and jakarta.faces.source=settingsForm%3Asubmit&settingsForm%3Apassword=Qs-Pw%21&settingsForm%3Aserver=q";
        assertThat(CredentialRedaction.redact(logged))
                .doesNotContain("s3cr", "Qs-Pw")
                .contains("username=viewer&password=(redacted)&x=1", "settingsForm%3Apassword=(redacted)&settingsForm%3Aserver=q");
    }

    @Test
    void theFilterRewritesTheRecordWithItsParameters() {
        LogRecord record = new LogRecord(Level.FINE, "sent {0}");
        record.setParameters(new Object[] {"{Authorization: Basic " + TOKEN + "}"});
        assertThat(new CredentialRedaction.Redacting(null).isLoggable(record)).isTrue();
        assertThat(record.getMessage()).isEqualTo("sent {Authorization: (redacted)}");
        assertThat(record.getParameters()).isNull();
    }
}
