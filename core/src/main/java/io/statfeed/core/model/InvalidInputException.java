package io.statfeed.core.model;

/**
 * Input a caller sent is not acceptable; the message says what was wrong, in words for that caller.
 * It carries no stack trace: it is an answer, not a fault, and the ingest path refuses bad points
 * by the thousand a second, where filling in a trace each time would cost more than the check.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message, null, false, false);
    }
}
