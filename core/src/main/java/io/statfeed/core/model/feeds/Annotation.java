package io.statfeed.core.model.feeds;

/** A note on a stat's graph at a moment ("deployed v2"), by one person of the stat's account. */
public record Annotation(long id, long accountId, long statId, long authorId, String text, long atMillis,
                         long createdAtMillis) {
    public static final int MAX_TEXT_LENGTH = 500;
}
