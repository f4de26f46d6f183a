package io.assetmanager.qualys.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualysConfigTest {

    @Test
    void aHostNameBecomesAnHttpsBaseUrl() {
        assertThat(QualysConfig.parseServer("qualysapi.qg2.apps.qualys.com", false))
                .isEqualTo(URI.create("https://qualysapi.qg2.apps.qualys.com"));
        assertThat(QualysConfig.parseServer(" qualysapi.qualys.eu:8443/ ", false))
                .isEqualTo(URI.create("https://qualysapi.qualys.eu:8443"));
        assertThat(QualysConfig.parseServer("https://qualysapi.qg3.apps.qualys.com/", false))
                .isEqualTo(URI.create("https://qualysapi.qg3.apps.qualys.com"));
    }

    @Test
    void plainHttpOnlyWhenTheDeploymentAllowsIt() {
        assertThatThrownBy(() -> QualysConfig.parseServer("http://127.0.0.1:8089", false))
                .hasMessageContaining("only https is allowed");
        assertThat(QualysConfig.parseServer("http://127.0.0.1:8089", true)).isEqualTo(URI.create("http://127.0.0.1:8089"));
    }

    @Test
    void otherSchemesPathsAndJunkAreRefusedByName() {
        assertThatThrownBy(() -> QualysConfig.parseServer("ftp://qualysapi.qualys.com", true)).hasMessageContaining("https://");
        assertThatThrownBy(() -> QualysConfig.parseServer("https://qualysapi.qualys.com/api/2.0/", false))
                .hasMessageContaining("no user, path or query");
        assertThatThrownBy(() -> QualysConfig.parseServer("https://user:pw@qualysapi.qualys.com", false))
                .hasMessageContaining("no user, path or query");
        assertThatThrownBy(() -> QualysConfig.parseServer("qualys api!", false)).hasMessageContaining("\"qualys api!\"");
        assertThatThrownBy(() -> QualysConfig.parseServer(" ", false)).hasMessageContaining("required");
    }

    @Test
    void settingsAreCheckedAndThePasswordIsCopiedAndHidden() {
        char[] pw = "s3cret-pw".toCharArray();
        QualysConfig c = QualysConfig.builder().server("qualysapi.qualys.com").username("u").password(pw).build();
        pw[0] = 'X';
        assertThat(new String(c.password())).isEqualTo("s3cret-pw");
        assertThat(c.toString()).doesNotContain("s3cret-pw");
        assertThat(c.hostListApiVersion()).isEqualTo("2.0");
        assertThat(c.truncationLimit()).isEqualTo(1000);
        assertThatThrownBy(() -> QualysConfig.builder().server("qualysapi.qualys.com").username("u").password(pw)
                .hostListApiVersion("latest").build()).hasMessageContaining("2.0");
        assertThatThrownBy(() -> QualysConfig.builder().server("qualysapi.qualys.com").username("u").password(pw)
                .truncationLimit(1_000_001).build()).hasMessageContaining("1000000");
        assertThatThrownBy(() -> QualysConfig.builder().server("qualysapi.qualys.com").username("u").build())
                .hasMessageContaining("password");
    }

    @Test
    void limitHeadersAreReadInAnyCaseAndBothSpellings() {
        RateLimitStatus s = RateLimitStatus.fromHeaders(Map.of(
                "X-RATELIMIT-LIMIT", List.of("300"), "x-ratelimit-remaining", List.of(" 12 "),
                "X-ConcurrencyLimit-Limit", List.of("2"), "X-ConcurrencyLimit-Running", List.of("1"),
                "X-RateLimit-ToWait-Sec", List.of("oops")), Instant.EPOCH);
        assertThat(s.limit()).isEqualTo(300);
        assertThat(s.remaining()).isEqualTo(12);
        assertThat(s.concurrencyLimit()).isEqualTo(2);
        assertThat(s.concurrencyRunning()).isEqualTo(1);
        assertThat(s.toWaitSeconds()).as("unreadable value").isNull();
    }
}
