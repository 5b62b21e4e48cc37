package io.statfeed.interactor.reports;

import io.statfeed.core.storage.InstallationSecretStore;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a report's unsubscribe link: {@code USER_ID.SIGNATURE}, the signature an
 * HMAC-SHA256 of the user id under the installation's secret (kept in the database, so a link
 * signed by any process is honoured by every other). It works without logging in, as mail clients'
 * one-click unsubscribe requires, and it can do nothing but stop that person's reports.
 */
public final class UnsubscribeTokens {
    static final String SECRET_NAME = "report-unsubscribe";
    private static final String ALGORITHM = "HmacSHA256";
    /** Says what is signed, so this key's signatures can never be mistaken for another use's. */
    private static final String PURPOSE = "statfeed report unsubscribe v1:";
    private static final Pattern TOKEN = Pattern.compile("([0-9]{1,19})\\.([A-Za-z0-9_-]{43})");

    private final InstallationSecretStore secrets;
    private final Clock clock;
    private volatile byte[] key;

    public UnsubscribeTokens(InstallationSecretStore secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public String tokenFor(long userId) {
        return userId + "." + signature(userId);
    }

    /** The user a token was made for; empty when it is malformed or its signature is not ours. */
    public OptionalLong userOf(String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return OptionalLong.empty();
        }
        long userId;
        try {
            userId = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        boolean genuine = MessageDigest.isEqual(signature(userId).getBytes(StandardCharsets.US_ASCII),
                m.group(2).getBytes(StandardCharsets.US_ASCII));
        return genuine ? OptionalLong.of(userId) : OptionalLong.empty();
    }

    private String signature(long userId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(), ALGORITHM));
            byte[] signed = mac.doFinal((PURPOSE + userId).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    /** Read once: the stored secret never changes once made, and every process reads the same one. */
    private byte[] key() {
        byte[] read = key;
        if (read == null) {
            read = secrets.secret(SECRET_NAME, clock.millis()).getBytes(StandardCharsets.US_ASCII);
            key = read;
        }
        return read;
    }
}
