package io.statfeed.core.model.alerts;

/**
 * Something to be told, durable from the moment the event that caused it was recorded.
 *
 * @param idempotencyKey the same for every attempt: the mail's Message-ID, a webhook's delivery header
 * @param recipient      an email address, or a webhook URL
 * @param payload        what the channel needs to compose the message, as JSON
 */
public record OutboxMessage(long id, String idempotencyKey, Channel channel, long alertId, String recipient,
                            String payload, long createdAtMillis, int attempts) {
    public enum Channel {
        EMAIL("email"), WEBHOOK("webhook");

        private final String storedName;

        Channel(String storedName) {
            this.storedName = storedName;
        }

        public String storedName() {
            return storedName;
        }

        public static Channel fromStoredName(String name) {
            return WEBHOOK.storedName.equals(name) ? WEBHOOK : EMAIL;
        }
    }
}
