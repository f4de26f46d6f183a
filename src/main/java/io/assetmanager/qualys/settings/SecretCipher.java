package io.assetmanager.qualys.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets (the Qualys password) with AES-256-GCM for storage in the database. The key never goes to the
 * database: it comes from the environment variable {@code ASSETMANAGER_SECRET_KEY} (Base64 of 32 bytes) or from a
 * key file, generated on first use. Ciphertext names the key it was made with ({@code v1:<key id>:<Base64>}), so a
 * previous key ({@code ASSETMANAGER_SECRET_KEY_PREVIOUS} or {@code <key file>.previous}) still decrypts during a
 * rotation; see docs/SECURITY.md.
 */
public final class SecretCipher {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] currentKey;
    private final String currentId;
    private final Map<String, byte[]> keysById = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] currentKey, byte[]... previousKeys) {
        requireKeyLength(currentKey, "the current key");
        this.currentKey = currentKey.clone();
        this.currentId = keyId(currentKey);
        keysById.put(currentId, this.currentKey);
        for (byte[] previous : previousKeys) {
            if (previous != null) {
                requireKeyLength(previous, "a previous key");
                keysById.putIfAbsent(keyId(previous), previous.clone());
            }
        }
    }

    /**
     * The deployment's cipher: the key from the environment if set, else from {@code keyFile}, which is created
     * (readable by the owner only) when missing.
     */
    public static SecretCipher fromEnvironmentOrFile(Map<String, String> env, Path keyFile) {
        String fromEnv = env.get("ASSETMANAGER_SECRET_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new SecretCipher(decodeKey(fromEnv, "ASSETMANAGER_SECRET_KEY"),
                    optionalKey(env.get("ASSETMANAGER_SECRET_KEY_PREVIOUS"), "ASSETMANAGER_SECRET_KEY_PREVIOUS"));
        }
        try {
            if (!Files.exists(keyFile)) {
                createKeyFile(keyFile);
            }
            byte[] key = decodeKey(Files.readString(keyFile).strip(), keyFile.toString());
            Path previousFile = keyFile.resolveSibling(keyFile.getFileName() + ".previous");
            byte[] previous = Files.exists(previousFile)
                    ? decodeKey(Files.readString(previousFile).strip(), previousFile.toString()) : null;
            return new SecretCipher(key, previous);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + keyFile, e);
        }
    }

    private static void createKeyFile(Path keyFile) throws IOException {
        if (keyFile.getParent() != null) {
            Files.createDirectories(keyFile.getParent());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.CREATE_NEW);
        try {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder's own permissions protect the file.
        }
    }

    private static byte[] optionalKey(String base64, String source) {
        return base64 == null || base64.isBlank() ? null : decodeKey(base64, source);
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The secret key in " + source + " is not valid Base64");
        }
        requireKeyLength(key, "the secret key in " + source);
        return key;
    }

    private static void requireKeyLength(byte[] key, String what) {
        if (key == null || key.length != 32) {
            throw new IllegalStateException(what + " must be 32 bytes (AES-256), Base64-encoded");
        }
    }

    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(char[] secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        ByteBuffer plain = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] plainBytes = new byte[plain.remaining()];
        plain.get(plainBytes);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(currentKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentId.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plainBytes);
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + ":" + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        } finally {
            Arrays.fill(plainBytes, (byte) 0);
        }
    }

    /** @throws IllegalStateException naming the key id when the text was made with a key this deployment lacks */
    public char[] decrypt(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("The stored secret is not in the expected format");
        }
        byte[] key = keysById.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("The stored secret was encrypted with key " + parts[1]
                    + ", which this deployment does not have (current key " + currentId
                    + "); restore that key or enter the secret again");
        }
        byte[] all = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(parts[1].getBytes(StandardCharsets.US_ASCII));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] chars = new char[decoded.remaining()];
            decoded.get(chars);
            Arrays.fill(plain, (byte) 0);
            return chars;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored secret could not be decrypted (wrong key or altered data)");
        }
    }

    /** True when the text was made with an older key and should be encrypted again with the current one. */
    public boolean needsReencryption(String stored) {
        return stored != null && !stored.startsWith(VERSION + ":" + currentId + ":");
    }

    public String currentKeyId() {
        return currentId;
    }
}
