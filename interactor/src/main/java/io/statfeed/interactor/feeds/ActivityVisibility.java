package io.statfeed.interactor.feeds;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.storage.StatStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may see an activity, decided when it is read, not when it was pushed: its account's members
 * do, and anyone else only while the stat it is about is public. An activity about a stat in the
 * trash is seen by nobody. So making a stat private, leaving a team or deleting a stat takes effect
 * on every feed at once, whatever was pushed where.
 */
public final class ActivityVisibility {
    private final StatStore stats;

    public ActivityVisibility(StatStore stats) {
        this.stats = stats;
    }

    /** The activities a person of those accounts may see, in the order given. */
    public List<Activity> visible(Set<Long> readerAccounts, List<Activity> activities) {
        Map<Long, StatStore.Visibility> live = stats.liveVisibility(activities.stream()
                .map(Activity::statId).flatMap(Optional::stream).collect(Collectors.toSet()));
        return activities.stream().filter(a -> a.statId()
                        .map(statId -> Optional.ofNullable(live.get(statId))
                                .map(v -> v.isPublic() || readerAccounts.contains(v.accountId())).orElse(false))
                        .orElseGet(() -> readerAccounts.contains(a.accountId())))
                .toList();
    }
}
