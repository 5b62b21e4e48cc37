package io.statfeed.interactor.feeds;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.FeedType;
import io.statfeed.core.storage.FollowStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/**
 * A person follows a stat, a dashboard or a person, or stops. Following brings the feed's recent
 * history into their timeline; unfollowing takes out what it brought.
 */
public final class FollowObject {
    /** Enough for anyone; bounds what one person's reads merge. */
    public static final int MAX_FOLLOWS = 5000;

    private final FollowTargets targets;
    private final FollowStore follows;
    private final Settings.Feeds settings;
    private final Clock clock;

    public FollowObject(FollowTargets targets, FollowStore follows, Settings.Feeds settings, Clock clock) {
        this.targets = targets;
        this.follows = follows;
        this.settings = settings;
        this.clock = clock;
    }

    /** True if newly followed, false if already. */
    public boolean follow(Visitor visitor, String type, String id) {
        FeedKey feed = targets.visible(visitor, type, id);
        if (feed.type() == FeedType.USER && feed.id() == visitor.userId()) {
            throw new InvalidInputException("id is your own: your timeline already has what you do in your account");
        }
        if (follows.count(visitor.userId()) >= MAX_FOLLOWS && !follows.isFollowing(visitor.userId(), feed)) {
            throw new InvalidInputException("you follow " + MAX_FOLLOWS + " things already; unfollow some first");
        }
        return follows.follow(visitor.userId(), feed, settings.followHistory(), clock.millis());
    }

    public void unfollow(Visitor visitor, String type, String id) {
        FeedKey feed = FollowTargets.named(type, id);
        if (!follows.unfollow(visitor.userId(), feed, clock.millis())) {
            throw new NotFoundException("you do not follow " + feed.type().code() + " " + feed.id());
        }
    }

    public boolean isFollowing(Visitor visitor, FeedKey feed) {
        return follows.isFollowing(visitor.userId(), feed);
    }
}
