package io.statfeed.interactor.teams;

/** An invite link that was real but can no longer be accepted: used, withdrawn or expired. */
public final class InviteClosedException extends RuntimeException {
    public InviteClosedException(String message) {
        super(message);
    }
}
