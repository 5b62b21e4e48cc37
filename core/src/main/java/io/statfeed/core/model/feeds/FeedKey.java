package io.statfeed.core.model.feeds;

/** One object's feed: a stat's, a dashboard's, a person's or an account's. */
public record FeedKey(FeedType type, long id) {
    public static FeedKey stat(long statId) {
        return new FeedKey(FeedType.STAT, statId);
    }

    public static FeedKey dashboard(long dashboardId) {
        return new FeedKey(FeedType.DASHBOARD, dashboardId);
    }

    public static FeedKey user(long userId) {
        return new FeedKey(FeedType.USER, userId);
    }

    public static FeedKey account(long accountId) {
        return new FeedKey(FeedType.ACCOUNT, accountId);
    }

    @Override
    public String toString() {
        return type.code() + ":" + id;
    }
}
