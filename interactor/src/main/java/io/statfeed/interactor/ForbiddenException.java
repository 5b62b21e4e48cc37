package io.statfeed.interactor;

/** The caller is who they say, and may see this, but their role does not let them do it (a member inviting people). */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
