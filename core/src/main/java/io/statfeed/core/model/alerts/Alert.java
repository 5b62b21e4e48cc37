package io.statfeed.core.model.alerts;

/**
 * An alert on one stat of an account. {@code webhookSecret} signs its webhook calls (HMAC-SHA256)
 * so the receiver can tell them from forgeries. A muted alert is not evaluated and tells nobody.
 */
public record Alert(long id, long accountId, long statId, AlertRule rule, String webhookSecret, boolean muted,
                    long createdAtMillis, AlertStatus status) {
    public Alert withStatus(AlertStatus changed) {
        return new Alert(id, accountId, statId, rule, webhookSecret, muted, createdAtMillis, changed);
    }
}
