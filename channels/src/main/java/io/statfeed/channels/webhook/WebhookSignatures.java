package io.statfeed.channels.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Statfeed-Signature: sha256=HEX}: the HMAC-SHA256 of the body's UTF-8 bytes under the
 * webhook's secret, in lower-case hex, as receivers of GitHub's webhooks already check them.
 */
public final class WebhookSignatures {
    public static final String HEADER = "X-Statfeed-Signature";
    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignatures() {
    }

    public static String sign(String secret, String body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** Compares in constant time, so a receiver's answer times cannot be used to guess a signature. */
    public static boolean verify(String secret, String body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), claimed);
    }

    private static byte[] hmac(String secret, String body) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook's secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java runtime has HmacSHA256, and any non-empty key is valid for it
            throw new IllegalStateException(e);
        }
    }
}
