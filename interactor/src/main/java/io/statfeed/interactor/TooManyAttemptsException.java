package io.statfeed.interactor;

import java.time.Duration;

/** The caller tried too often lately and must wait before trying again (logging in, signing up). */
public class TooManyAttemptsException extends RuntimeException {
    private static final long SECONDS_PER_MINUTE = 60;

    private final Duration retryAfter;

    /** @param tooMany what there were too many of, e.g. "failed log-ins" */
    public TooManyAttemptsException(String tooMany, Duration retryAfter) {
        super("too many " + tooMany + "; try again in " + inWords(retryAfter));
        this.retryAfter = retryAfter;
    }

    /** How long to wait before the next attempt can succeed (whole seconds, at least one). */
    public Duration retryAfter() {
        return retryAfter;
    }

    private static String inWords(Duration wait) {
        long seconds = wait.toSeconds();
        if (seconds < SECONDS_PER_MINUTE) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + SECONDS_PER_MINUTE - 1) / SECONDS_PER_MINUTE;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
