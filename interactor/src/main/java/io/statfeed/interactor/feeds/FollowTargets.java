package io.statfeed.interactor.feeds;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.FeedType;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;

/**
 * What a person may follow or read the feed of: a stat of their account or a public one, a
 * dashboard of their account, any person. Anything else is "not found", as it is on every other
 * route, so that following cannot probe for other accounts' objects.
 */
public final class FollowTargets {
    private final StatStore stats;
    private final DashboardStore dashboards;
    private final AccountStore accounts;

    public FollowTargets(StatStore stats, DashboardStore dashboards, AccountStore accounts) {
        this.stats = stats;
        this.dashboards = dashboards;
        this.accounts = accounts;
    }

    /** The feed named by a request's type and id, if the visitor may see it. */
    public FeedKey visible(Visitor visitor, String type, String id) {
        FeedType feedType = FeedType.followable("type", type);
        long objectId = parseId(feedType, id);
        boolean seen = switch (feedType) {
            case STAT -> stats.findLiveById(visitor.accountId(), objectId).isPresent()
                    || stats.findLivePublic(objectId).isPresent();
            case DASHBOARD -> dashboards.find(visitor.accountId(), objectId).isPresent();
            case USER -> accounts.findUserById(objectId).isPresent();
            case ACCOUNT -> false;
        };
        if (!seen) {
            throw notFound(feedType, Long.toString(objectId));
        }
        return new FeedKey(feedType, objectId);
    }

    /** The feed named by a request, checked for form only: unfollowing needs no access any more. */
    public static FeedKey named(String type, String id) {
        FeedType feedType = FeedType.followable("type", type);
        return new FeedKey(feedType, parseId(feedType, id));
    }

    private static long parseId(FeedType type, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("id is missing: the " + type.code() + "'s id");
        }
        String text = id.strip();
        if (!text.matches("[0-9]{1,18}")) {
            throw new InvalidInputException("id must be a " + type.code() + "'s id (digits), got '"
                    + PageRequest.shown(text) + "'");
        }
        return Long.parseLong(text);
    }

    static NotFoundException notFound(FeedType type, String id) {
        return new NotFoundException("no " + type.code() + " with id " + id);
    }
}
