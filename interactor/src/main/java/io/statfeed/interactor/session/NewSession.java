package io.statfeed.interactor.session;

/**
 * A session just started. {@code token} goes into the session cookie (HttpOnly, and Secure over
 * HTTPS) and is never shown again; {@code csrfToken} goes into the session's forms.
 */
public record NewSession(String token, String csrfToken, long userId, long accountId, long expiresAtMillis) {
    @Override
    public String toString() {
        return "NewSession[userId=" + userId + ", accountId=" + accountId + ", expiresAtMillis=" + expiresAtMillis
                + "]"; // the tokens stay out of logs
    }
}
