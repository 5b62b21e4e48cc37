/**
 * How Statfeed tells people: {@link io.statfeed.channels.mail.MailSender} (SMTP, or {@code .eml}
 * files when no server is configured) and {@link io.statfeed.channels.webhook.WebhookSender}
 * (signed JSON POSTs that never reach private networks unless allowed). Callers (alerts, the
 * outbox) hand over finished content and an idempotency key; a failure is a
 * {@link io.statfeed.channels.DeliveryException} that says whether to try again.
 */
package io.statfeed.channels;
