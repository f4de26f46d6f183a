package io.assetmanager.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature: HMAC-SHA256 over {@code <timestamp>.<body>} with the shared secret, sent as
 * {@code X-AssetManager-Signature: sha256=<hex>} beside {@code X-AssetManager-Timestamp: <epoch seconds>}. A receiver
 * computes the same over the raw body it got and compares in constant time; the timestamp lets it refuse replays.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-AssetManager-Signature";
    public static final String TIMESTAMP_HEADER = "X-AssetManager-Timestamp";
    public static final String EVENT_HEADER = "X-AssetManager-Event";

    private WebhookSignature() {
    }

    public static String sign(char[] secret, long timestamp, byte[] body) {
        byte[] key = new String(secret).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(char[] secret, String timestampHeader, byte[] body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader);
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }
}
