package io.statfeed.apiserver.ingest;

/** The key a client sent belongs to no account or stat. An answer, so without a stack trace. */
public final class UnknownKeyException extends RuntimeException {
    private final boolean statKey;

    private UnknownKeyException(String message, boolean statKey) {
        super(message, null, false, false);
        this.statKey = statKey;
    }

    public static UnknownKeyException account(String what) {
        return new UnknownKeyException(what, false);
    }

    public static UnknownKeyException stat(String what) {
        return new UnknownKeyException(what, true);
    }

    /** True when the account was fine but no stat has the per-stat key (404 rather than 401). */
    public boolean isStatKey() {
        return statKey;
    }
}
