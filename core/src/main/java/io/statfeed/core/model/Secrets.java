package io.statfeed.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random keys and tokens, URL-safe so they can sit in query strings and form bodies unescaped. */
public final class Secrets {
    private static final SecureRandom random = new SecureRandom();
    public static final int EZKEY_BYTES = 18;
    public static final int UKEY_BYTES = 18;
    public static final int STAT_KEY_BYTES = 15;
    public static final int ACCESS_TOKEN_BYTES = 24;
    /** 256 bits: a session token is a bearer credential for everything a user can do. */
    public static final int SESSION_TOKEN_BYTES = 32;
    public static final int CSRF_TOKEN_BYTES = 32;
    /** A share link reads one stat; 144 bits are beyond guessing, and the link stays short. */
    public static final int SHARE_TOKEN_BYTES = 18;
    /** Signs an alert's webhook calls; shown to its owner to check them with. */
    public static final int WEBHOOK_SECRET_BYTES = 24;

    private Secrets() {
    }

    public static String newKey(int randomBytes) {
        byte[] bytes = new byte[randomBytes];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
