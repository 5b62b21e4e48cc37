package io.statfeed.interactor.feeds;

import io.statfeed.core.storage.FeedTokenStore;
import io.statfeed.interactor.NotFoundException;
import java.time.Clock;

/**
 * The private address of a person's timeline as an Atom feed, for feed readers that cannot sign
 * in: a secret in the URL, made anew on request (which retires the old address).
 */
public final class AtomFeeds {
    public static final int ENTRIES = 50;
    private static final int MAX_TOKEN_LENGTH = 64;

    private final FeedTokenStore tokens;
    private final TimelineReader reader;
    private final Clock clock;

    public AtomFeeds(FeedTokenStore tokens, TimelineReader reader, Clock clock) {
        this.tokens = tokens;
        this.reader = reader;
        this.clock = clock;
    }

    /** A new secret for the person's Atom address, shown once. */
    public String renew(long userId) {
        return tokens.renew(userId, clock.millis());
    }

    public boolean hasAddress(long userId) {
        return tokens.exists(userId);
    }

    /** The timeline the secret opens; an unknown or retired secret is not found. */
    public FeedPage open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new NotFoundException("no feed at this address");
        }
        long userId = tokens.userOf(token).orElseThrow(() -> new NotFoundException("no feed at this address"));
        return reader.read(userId, 0, Long.MAX_VALUE, ENTRIES);
    }
}
