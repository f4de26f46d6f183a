package io.assetmanager.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTimestampAndBodyWithHmacSha256() {
        // Known answer: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'shared-secret'
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("shared-secret".toCharArray(), 1_700_000_000L, body);
        assertThat(signature).isEqualTo("sha256=46dcf16b2bf0ae1e3497a93b80e02f1016a6f7d969acd0bed37a30172a73d715");
        assertThat(WebhookSignature.verify("shared-secret".toCharArray(), "1700000000", body, signature)).isTrue();
    }

    @Test
    void anotherSecretBodyOrTimestampDoesNotVerify() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("shared-secret".toCharArray(), 1_700_000_000L, body);
        assertThat(WebhookSignature.verify("other-secret".toCharArray(), "1700000000", body, signature)).isFalse();
        assertThat(WebhookSignature.verify("shared-secret".toCharArray(), "1700000001", body, signature)).isFalse();
        assertThat(WebhookSignature.verify("shared-secret".toCharArray(), "1700000000",
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(WebhookSignature.verify("shared-secret".toCharArray(), null, body, signature)).isFalse();
    }
}
