package io.statfeed.interactor.feeds;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.FeedType;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.FollowStore;
import io.statfeed.core.storage.TimelineStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a person's timeline, the hybrid way: what was pushed to them, merged with the pulled feeds
 * they read (heavily followed or busy ones, never pushed) and, below the point where their capped
 * timeline was trimmed, with every feed they read. Each source is asked for as many ids as the
 * merge needs, so the merged newest ids are exact; what the person may not see is then dropped.
 */
public final class TimelineReader {
    /** Ids asked of each source per round: visibility drops some, and a second round costs a round trip. */
    private static final int MIN_BATCH = 40;

    private final ActivityStore activities;
    private final FollowStore follows;
    private final TimelineStore timelines;
    private final ActivityVisibility visibility;

    public TimelineReader(ActivityStore activities, FollowStore follows, TimelineStore timelines,
                          ActivityVisibility visibility) {
        this.activities = activities;
        this.follows = follows;
        this.timelines = timelines;
        this.visibility = visibility;
    }

    /** The newest activities in the person's timeline with ids in [idFrom, idBelow), at most {@code limit}. */
    public FeedPage read(long userId, long idFrom, long idBelow, int limit) {
        FollowStore.Sources read = follows.sourcesWithPull(userId);
        List<FeedKey> sources = read.all();
        Set<FeedKey> pulled = read.pulled();
        long trimmedBelow = timelines.trimmedBelow(userId);
        Set<Long> accounts = sources.stream().filter(s -> s.type() == FeedType.ACCOUNT).map(FeedKey::id)
                .collect(Collectors.toSet());
        List<FeedKey> pushed = sources.stream().filter(s -> !pulled.contains(s)).toList();
        return merge(limit, idBelow, accounts, (below, batch) -> {
            Set<Long> ids = new HashSet<>(timelines.pushedIds(userId, Math.max(idFrom, trimmedBelow), below, batch));
            for (FeedKey feed : pulled) {
                ids.addAll(activities.feedIds(feed, idFrom, below, batch));
            }
            if (trimmedBelow > idFrom) {
                long underTrim = Math.min(below, trimmedBelow);
                for (FeedKey feed : pushed) {
                    ids.addAll(activities.feedIds(feed, idFrom, underTrim, batch));
                }
            }
            return ids;
        });
    }

    /** One object's own feed, as the given person may see it. */
    public FeedPage readFeed(FeedKey feed, Set<Long> readerAccounts, long idBelow, int limit) {
        return merge(limit, idBelow, readerAccounts, (below, batch) -> activities.feedIds(feed, 0, below, batch));
    }

    /** The accounts whose private activities the person sees: those they are a member of. */
    public Set<Long> accountsOf(long userId) {
        return follows.accountsOf(List.of(userId)).getOrDefault(userId, Set.of());
    }

    interface Sources {
        /** Up to {@code batch} ids below {@code below} from each source. */
        Collection<Long> idsBelow(long below, int batch);
    }

    private FeedPage merge(int limit, long idBelow, Set<Long> accounts, Sources sources) {
        int want = limit + 1; // one more than asked tells whether there is a next page
        int batch = Math.max(MIN_BATCH, want);
        List<Activity> found = new ArrayList<>();
        long below = idBelow;
        while (found.size() < want) {
            TreeSet<Long> ids = new TreeSet<>(Comparator.reverseOrder());
            ids.addAll(sources.idsBelow(below, batch));
            List<Long> newest = ids.stream().limit(batch).toList();
            if (newest.isEmpty()) {
                break;
            }
            found.addAll(visibility.visible(accounts, activities.byIds(newest)));
            below = newest.get(newest.size() - 1);
            if (newest.size() < batch) {
                break; // every source is exhausted below this page
            }
            batch = Math.min(batch * 2, 1000);
        }
        if (found.size() > limit) {
            List<Activity> page = found.subList(0, limit);
            return new FeedPage(List.copyOf(page), Optional.of(page.get(limit - 1).id()));
        }
        return new FeedPage(List.copyOf(found), Optional.empty());
    }
}
