package io.assetmanager.qualys.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void roundTripsAndNeverShowsThePassword() {
        SecretCipher cipher = new SecretCipher(newKey());
        String stored = cipher.encrypt("Sécret-pässword!".toCharArray());
        assertThat(stored).startsWith("v1:" + cipher.currentKeyId() + ":").doesNotContain("cret", "word");
        assertThat(cipher.decrypt(stored)).containsExactly("Sécret-pässword!".toCharArray());
        assertThat(cipher.encrypt("same".toCharArray())).isNotEqualTo(cipher.encrypt("same".toCharArray()));
    }

    @Test
    void tamperingIsDetected() {
        SecretCipher cipher = new SecretCipher(newKey());
        String stored = cipher.encrypt("password".toCharArray());
        char[] chars = stored.toCharArray();
        int last = chars.length - 3;
        chars[last] = chars[last] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt(new String(chars))).hasMessageContaining("could not be decrypted");
    }

    @Test
    void aPreviousKeyStillDecryptsDuringRotation() {
        byte[] oldKey = newKey();
        String stored = new SecretCipher(oldKey).encrypt("password".toCharArray());
        SecretCipher rotated = new SecretCipher(newKey(), oldKey);
        assertThat(rotated.decrypt(stored)).containsExactly("password".toCharArray());
        assertThat(rotated.needsReencryption(stored)).isTrue();
        assertThatThrownBy(() -> new SecretCipher(newKey()).decrypt(stored))
                .hasMessageContaining("encrypted with key " + SecretCipher.keyId(oldKey));
    }

    @Test
    void theKeyFileIsCreatedOnceReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("keys/assetmanager.key");
        SecretCipher first = SecretCipher.fromEnvironmentOrFile(Map.of(), keyFile);
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String stored = first.encrypt("password".toCharArray());
        SecretCipher again = SecretCipher.fromEnvironmentOrFile(Map.of(), keyFile);
        assertThat(again.decrypt(stored)).containsExactly("password".toCharArray());
    }

    @Test
    void theEnvironmentWinsAndBadKeysAreNamed(@TempDir Path dir) {
        byte[] key = newKey();
        SecretCipher cipher = SecretCipher.fromEnvironmentOrFile(
                Map.of("ASSETMANAGER_SECRET_KEY", Base64.getEncoder().encodeToString(key)), dir.resolve("unused.key"));
        assertThat(cipher.currentKeyId()).isEqualTo(SecretCipher.keyId(key));
        assertThat(dir.resolve("unused.key")).doesNotExist();
        assertThatThrownBy(() -> SecretCipher.fromEnvironmentOrFile(Map.of("ASSETMANAGER_SECRET_KEY", "c2hvcnQ="), dir))
                .hasMessageContaining("ASSETMANAGER_SECRET_KEY").hasMessageContaining("32 bytes");
    }
}
