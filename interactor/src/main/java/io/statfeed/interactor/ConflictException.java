package io.statfeed.interactor;

/** The request clashes with what exists already, such as a sign-up with a taken email. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
