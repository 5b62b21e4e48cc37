package io.statfeed.interactor;

/** The caller's credential (an access token, a session) is unknown or revoked. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
