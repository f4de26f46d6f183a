package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginTest {

    @Test
    void theOriginMustNameTheHostTheRequestWasSentTo() {
        assertThat(SameOrigin.refusal("am.example.com", "https://am.example.com", null)).isEmpty();
        assertThat(SameOrigin.refusal("127.0.0.1:8080", "http://127.0.0.1:8080", null)).isEmpty();
        assertThat(SameOrigin.refusal("AM.example.com", "https://am.EXAMPLE.com", null)).isEmpty();
        assertThat(SameOrigin.refusal("127.0.0.1:8080", "http://127.0.0.1:9090", null)).get().asString()
                .contains("http://127.0.0.1:9090 (Origin), not from 127.0.0.1:8080");
        assertThat(SameOrigin.refusal("am.example.com", "https://am.example.com.attacker.example", null)).isPresent();
        assertThat(SameOrigin.refusal("am.example.com", "https://user@am.example.com", null)).isPresent();
    }

    @Test
    void sandboxedPagesAndOtherSchemesAreRefused() {
        assertThat(SameOrigin.refusal("am.example.com", "null", null)).isPresent();
        assertThat(SameOrigin.refusal("am.example.com", "file:///tmp/page.html", null)).isPresent();
        assertThat(SameOrigin.refusal("am.example.com", "not a url", null)).isPresent();
    }

    @Test
    void theRefererCountsWhenThereIsNoOriginAndNeitherMeansNoBrowserPage() {
        assertThat(SameOrigin.refusal("am.example.com", null, "https://am.example.com/inventory.xhtml")).isEmpty();
        assertThat(SameOrigin.refusal("am.example.com", null, "https://attacker.example/am.example.com")).get()
                .asString().contains("(Referer)");
        assertThat(SameOrigin.refusal("am.example.com", null, null)).isEmpty();
    }

    @Test
    void controlCharactersNeverReachAMessage() {
        assertThat(SameOrigin.refusal("am.example.com", "http://x\r\nforged: line", null)).get().asString()
                .doesNotContain("\r", "\n");
    }
}
