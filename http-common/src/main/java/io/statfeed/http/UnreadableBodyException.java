package io.statfeed.http;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;

/**
 * A request body that could not be read: malformed chunking, cut short of its Content-Length,
 * too slow, or the connection closed. The client's doing, so a 4xx with a message and at most a
 * log line, never a 500 with a stack trace. Every tier's error mapping answers it with
 * {@link #status()} and {@link #getMessage()}.
 */
public final class UnreadableBodyException extends RuntimeException {
    private final int status;

    private UnreadableBodyException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * What a failure while reading a body means for the client.
     *
     * @param declaredLength the request's Content-Length, or -1 when it is chunked
     */
    public static UnreadableBodyException of(Throwable failure, long declaredLength) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return tooSlow();
            }
            if (cause instanceof BadMessageException bad) {
                return bad.getCode() == 408 ? tooSlow()
                        : new UnreadableBodyException(bad.getCode() == 413 ? 413 : 400,
                        "the request body could not be read: " + reason(bad));
            }
        }
        // Jetty reports malformed chunking to the reader as an early end of the body.
        boolean endedEarly = failure instanceof EofException
                || failure instanceof IOException && String.valueOf(failure.getMessage()).toLowerCase().contains("eof");
        String detail = !endedEarly ? "the connection broke off"
                : declaredLength >= 0 ? "it ended before the " + declaredLength + " bytes its Content-Length declares"
                : "its chunked encoding is malformed or ends early";
        return new UnreadableBodyException(400, "the request body could not be read: " + detail);
    }

    /** The body is larger than a request may carry; it is not read. */
    public static UnreadableBodyException tooLarge(int maxBytes) {
        return new UnreadableBodyException(413, "the request body is larger than " + maxBytes + " bytes");
    }

    /** The body stopped arriving, or took longer than a body may. */
    public static UnreadableBodyException tooSlow() {
        return new UnreadableBodyException(408, "the request body did not arrive in time: send it whole within "
                + SlowClients.BODY_TIME_LIMIT.toSeconds() + " s, with no pause of " + SlowClients.IDLE_TIMEOUT.toSeconds()
                + " s");
    }

    private static String reason(BadMessageException bad) {
        String reason = bad.getReason();
        if (reason == null || reason.isBlank() || reason.length() > JsonErrorHandler.MAX_JETTY_MESSAGE) {
            return "it is malformed";
        }
        return reason;
    }

    public int status() {
        return status;
    }
}
