package io.statfeed.interactor.session;

import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.Session;
import io.statfeed.core.storage.SessionStore;
import java.time.Duration;

/**
 * How web sessions work: a random token goes into the browser's cookie, only its SHA-256 into
 * storage, and the session expires after {@link #LIFETIME} without use.
 */
public final class Sessions {
    /** Sliding expiry: a session ends this long after it was last used. */
    public static final Duration LIFETIME = Duration.ofDays(30);
    /**
     * A session's last use is written at most this often: pages load several resources at once,
     * and a write per request would cost more than the minute of expiry precision it buys.
     */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** Tokens are 43 characters; anything far longer cannot be one and is not even hashed. */
    static final int MAX_TOKEN_LENGTH = 64;

    private Sessions() {
    }

    static NewSession start(SessionStore store, long userId, long accountId, long nowMillis) {
        String token = Secrets.newKey(Secrets.SESSION_TOKEN_BYTES);
        String csrfToken = Secrets.newKey(Secrets.CSRF_TOKEN_BYTES);
        long expiresAt = nowMillis + LIFETIME.toMillis();
        store.create(new Session(Secrets.sha256Hex(token), userId, accountId, csrfToken, nowMillis, nowMillis,
                expiresAt));
        return new NewSession(token, csrfToken, userId, accountId, expiresAt);
    }

    /** Whether the text could be a session token at all; others are turned away without a query. */
    static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
    }
}
