package io.statfeed.core.model;

/**
 * A signed-in browser session. The token itself is never stored, only its SHA-256
 * ({@code idHash}); the CSRF token is shown in the session's forms, so it is kept as it is.
 */
public record Session(String idHash, long userId, long accountId, String csrfToken, long createdAtMillis,
                      long lastSeenAtMillis, long expiresAtMillis) {
    @Override
    public String toString() {
        return "Session[userId=" + userId + ", accountId=" + accountId + ", expiresAtMillis=" + expiresAtMillis + "]";
    }
}
