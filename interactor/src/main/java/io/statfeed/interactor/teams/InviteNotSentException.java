package io.statfeed.interactor.teams;

/** An invite could not be handed to the mail server; it was withdrawn, so trying again sends a fresh one. */
public final class InviteNotSentException extends RuntimeException {
    public InviteNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
