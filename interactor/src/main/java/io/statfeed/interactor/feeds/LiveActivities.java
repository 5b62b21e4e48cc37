package io.statfeed.interactor.feeds;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.FollowStore;
import io.statfeed.core.storage.TimelineStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tails the activities table for a process's live streams: whatever process published an activity
 * (another web-app, the scheduler), the tail finds it in the database, and tells which of the
 * people connected here it belongs to. Activity ids come from each publisher's clock and commit a
 * little after they are made, so each poll looks back {@link #LOOK_BACK_MILLIS} and skips what it
 * has already passed on.
 */
public final class LiveActivities {
    static final long LOOK_BACK_MILLIS = 5_000;
    private static final long LOOK_BACK_IDS = io.statfeed.core.model.Ids.spanOf(LOOK_BACK_MILLIS);
    private static final int MAX_PER_POLL = 1000;

    private final ActivityStore activities;
    private final TimelineStore timelines;
    private final FollowStore follows;
    private final ActivityVisibility visibility;
    private final TreeSet<Long> passed = new TreeSet<>();
    private long newest;

    public LiveActivities(ActivityStore activities, TimelineStore timelines, FollowStore follows,
                          ActivityVisibility visibility) {
        this.activities = activities;
        this.timelines = timelines;
        this.follows = follows;
        this.visibility = visibility;
        this.newest = activities.newestId();
    }

    /** Activities committed since the last poll, oldest first. Not thread-safe: one tailing thread per process. */
    public List<Activity> poll() {
        List<Activity> fresh = new ArrayList<>();
        for (Activity activity : activities.idsAbove(Math.max(0, newest - LOOK_BACK_IDS), MAX_PER_POLL)) {
            if (passed.add(activity.id())) {
                fresh.add(activity);
                newest = Math.max(newest, activity.id());
            }
        }
        passed.headSet(newest - LOOK_BACK_IDS).clear();
        return fresh;
    }

    /** Which of the people each fresh activity reaches (pushed to them, or in a pulled feed they read), as they may see it. */
    public Map<Long, List<Activity>> recipients(List<Activity> fresh, Collection<Long> people) {
        if (fresh.isEmpty() || people.isEmpty()) {
            return Map.of();
        }
        Map<Long, Activity> byId = new HashMap<>();
        fresh.forEach(a -> byId.put(a.id(), a));
        Map<Long, Set<Long>> reaches = new HashMap<>();
        for (TimelineStore.Entry entry : timelines.entriesAmong(byId.keySet(), people)) {
            reaches.computeIfAbsent(entry.userId(), u -> new LinkedHashSet<>()).add(entry.activityId());
        }
        Map<Long, List<FeedKey>> feeds = activities.feedsOf(byId.keySet());
        Set<FeedKey> all = new HashSet<>();
        feeds.values().forEach(all::addAll);
        Set<FeedKey> pulled = activities.pulledAmong(all);
        for (FeedKey feed : pulled) {
            Set<Long> readers = follows.readersAmong(feed, people);
            feeds.forEach((activityId, in) -> {
                if (in.contains(feed)) {
                    readers.forEach(user -> reaches.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(activityId));
                }
            });
        }
        Map<Long, Set<Long>> accounts = follows.accountsOf(reaches.keySet());
        Map<Long, List<Activity>> told = new HashMap<>();
        reaches.forEach((user, ids) -> {
            List<Activity> theirs = ids.stream().sorted().map(byId::get).toList();
            List<Activity> seen = visibility.visible(accounts.getOrDefault(user, Set.of()), theirs);
            if (!seen.isEmpty()) {
                told.put(user, seen);
            }
        });
        return told;
    }
}
