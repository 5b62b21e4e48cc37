package io.statfeed.channels;

/**
 * A mail or webhook that did not go out. {@link #retryable()} tells the outbox whether trying the
 * same delivery later can succeed (the server was down, timed out, answered 5xx or 429), or
 * whether it never will as it stands (an address refused, a 4xx answer, a recipient that is not an
 * address), so it should stop and say so.
 */
public final class DeliveryException extends Exception {
    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
