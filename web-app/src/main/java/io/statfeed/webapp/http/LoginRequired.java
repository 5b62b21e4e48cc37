package io.statfeed.webapp.http;

/** Ends a page request that needs a session: the browser is sent to log in, and back to {@code next} after. */
public final class LoginRequired extends RuntimeException {
    private final String next;

    public LoginRequired(String next) {
        super("log in first", null, false, false);
        this.next = next;
    }

    public String next() {
        return next;
    }
}
