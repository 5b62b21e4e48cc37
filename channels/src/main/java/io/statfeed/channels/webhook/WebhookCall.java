package io.statfeed.channels.webhook;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One POST to make: the receiver's URL, the secret it shares with Statfeed (to check
 * {@code X-Statfeed-Signature}), the idempotency key it sees as {@code X-Statfeed-Delivery} (the
 * same on every retry of one delivery) and the JSON body.
 */
public record WebhookCall(URI url, String secret, String idempotencyKey, String jsonBody) {
    /** Goes into a header line as it is: visible ASCII only, so it cannot end the line. */
    private static final Pattern KEY = Pattern.compile("[!-~]{1,200}");

    public WebhookCall {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(jsonBody, "jsonBody");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook's secret must not be empty");
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("a webhook's idempotency key must be 1-200 visible ASCII characters, got '"
                    + idempotencyKey + "'");
        }
    }

    /**
     * Scheme, host and port only: receivers such as Slack put their secret in the path, and this
     * text ends up in logs and failure messages.
     */
    @Override
    public String toString() {
        String origin = url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
        boolean more = url.getRawPath() != null && url.getRawPath().length() > 1 || url.getRawQuery() != null;
        return "WebhookCall[" + origin + (more ? "/..." : "") + ", delivery " + idempotencyKey + "]";
    }
}
