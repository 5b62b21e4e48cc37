package io.statfeed.interactor.feeds;

import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.interactor.Visitor;

/** A person's timeline, a page at a time, and any object's own feed as that person may see it. */
public final class ReadTimeline {
    private final TimelineReader reader;
    private final FollowTargets targets;

    public ReadTimeline(TimelineReader reader, FollowTargets targets) {
        this.reader = reader;
        this.targets = targets;
    }

    public FeedPage timeline(Visitor visitor, PageRequest page) {
        return reader.read(visitor.userId(), 0, page.idBelow(), page.limit());
    }

    /** A stat's, dashboard's or person's feed: not found unless the visitor may see the object. */
    public FeedPage objectFeed(Visitor visitor, String type, String id, PageRequest page) {
        FeedKey feed = targets.visible(visitor, type, id);
        return reader.readFeed(feed, reader.accountsOf(visitor.userId()), page.idBelow(), page.limit());
    }
}
