package io.assetmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginTargetTest {

    @Test
    void onlyAPathInsideTheApplicationIsKeptForAfterTheLogin() {
        assertThat(AppAuthenticationMechanism.localTarget("/")).isTrue();
        assertThat(AppAuthenticationMechanism.localTarget("/coverage.xhtml?set=not-scanned&range=10.0.0.0%2F8"))
                .isTrue();
        assertThat(AppAuthenticationMechanism.localTarget("//evil.example/x")).as("another site").isFalse();
        assertThat(AppAuthenticationMechanism.localTarget("/\\evil.example")).as("a backslash some browsers turn")
                .isFalse();
        assertThat(AppAuthenticationMechanism.localTarget("https://evil.example/")).isFalse();
        assertThat(AppAuthenticationMechanism.localTarget("/x\r\nSet-Cookie: a=b")).as("a header in a cookie")
                .isFalse();
        assertThat(AppAuthenticationMechanism.localTarget("/a b")).isFalse();
        assertThat(AppAuthenticationMechanism.localTarget("/" + "a".repeat(AppAuthenticationMechanism.MAX_TARGET_CHARS)))
                .as("longer than kept").isFalse();
        assertThat(AppAuthenticationMechanism.localTarget("")).isFalse();
        assertThat(AppAuthenticationMechanism.localTarget(null)).isFalse();
    }
}
