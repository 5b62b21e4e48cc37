package io.statfeed.core.model;

/** Input a caller sent is not acceptable; the message says what was wrong, in words for that caller. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
