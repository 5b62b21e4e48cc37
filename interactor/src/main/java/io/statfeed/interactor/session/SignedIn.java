package io.statfeed.interactor.session;

import io.statfeed.interactor.Visitor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A visitor whose session cookie named a live session. */
public record SignedIn(Visitor visitor, String email, String csrfToken, long expiresAtMillis) {

    /**
     * Whether a form's CSRF token is this session's, compared in constant time so that response
     * times do not reveal how much of a guess was right.
     */
    public boolean csrfMatches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                csrfToken.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "SignedIn[" + visitor + ", email=" + email + "]"; // the CSRF token stays out of logs
    }
}
