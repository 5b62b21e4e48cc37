package io.statfeed.interactor.feeds;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.storage.NotificationMarkStore;
import io.statfeed.core.storage.NotificationMarkStore.Mark;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's notification feed: the activities of their timeline that ask for attention (alerts,
 * anomalies, annotations, milestones, shared dashboards) from the last week, not their own doing,
 * grouped per verb, stat and day ("checkout errors fired 5 alerts today"), with seen and read
 * marks per group and for all. Built from the timeline when read, so pulled feeds notify too and
 * nothing is fanned out twice.
 */
public final class Notifications {
    static final Duration SPAN = Duration.ofDays(7);
    /** Activities a notification read looks at: the newest of the week. */
    static final int MAX_ACTIVITIES = 300;
    public static final int MAX_GROUP_KEY = 120;

    /** Activities grouped under one key, newest first. */
    public record Group(String key, List<Activity> activities, boolean seen, boolean read) {
        public Activity newest() {
            return activities.get(0);
        }
    }

    public record View(List<Group> groups, int unseen, int unread) {
    }

    private final TimelineReader reader;
    private final NotificationMarkStore marks;
    private final Clock clock;

    public Notifications(TimelineReader reader, NotificationMarkStore marks, Clock clock) {
        this.reader = reader;
        this.marks = marks;
        this.clock = clock;
    }

    public View view(Visitor visitor) {
        return view(visitor, Ids.lowestAt(clock.millis() - SPAN.toMillis()));
    }

    /** How many groups are unseen: the header's badge. Only activities after the last "all seen" are read. */
    public int unseen(Visitor visitor) {
        Mark all = marks.marks(visitor.userId()).getOrDefault(NotificationMarkStore.ALL, Mark.NONE);
        long from = Math.max(all.seenUpto() + 1, Ids.lowestAt(clock.millis() - SPAN.toMillis()));
        return view(visitor, from).unseen();
    }

    private View view(Visitor visitor, long idFrom) {
        List<Activity> recent = reader.read(visitor.userId(), idFrom, Long.MAX_VALUE, MAX_ACTIVITIES).activities();
        Map<String, List<Activity>> grouped = new LinkedHashMap<>();
        for (Activity activity : recent) {
            if (activity.verb().notifies() && !activity.actorId().equals(Optional.of(visitor.userId()))) {
                grouped.computeIfAbsent(groupKey(activity), key -> new ArrayList<>()).add(activity);
            }
        }
        Map<String, Mark> marked = marks.marks(visitor.userId());
        Mark all = marked.getOrDefault(NotificationMarkStore.ALL, Mark.NONE);
        List<Group> groups = new ArrayList<>();
        int unseen = 0;
        int unread = 0;
        for (Map.Entry<String, List<Activity>> entry : grouped.entrySet()) {
            Mark mark = marked.getOrDefault(entry.getKey(), Mark.NONE);
            long newest = entry.getValue().get(0).id();
            boolean seen = newest <= Math.max(mark.seenUpto(), all.seenUpto());
            boolean read = newest <= Math.max(mark.readUpto(), all.readUpto());
            unseen += seen ? 0 : 1;
            unread += read ? 0 : 1;
            groups.add(new Group(entry.getKey(), List.copyOf(entry.getValue()), seen, read));
        }
        return new View(groups, unseen, unread);
    }

    /**
     * Marks one group (by key) or all of them seen, or read (which is seen too), up to what the
     * person has now: a notification arriving after this stays new.
     */
    public void mark(Visitor visitor, Optional<String> groupKey, boolean read) {
        View view = view(visitor);
        if (groupKey.isPresent()) {
            String key = groupKey.get();
            if (key.length() > MAX_GROUP_KEY) {
                throw new InvalidInputException("group is " + key.length() + " characters long; at most "
                        + MAX_GROUP_KEY + " are allowed");
            }
            Group group = view.groups().stream().filter(g -> g.key().equals(key)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("group '" + PageRequest.shown(key)
                            + "' is not one of your notifications"));
            long upto = group.newest().id();
            marks.mark(visitor.userId(), key, upto, read ? upto : 0);
        } else {
            long upto = view.groups().stream().mapToLong(g -> g.newest().id()).max().orElse(0);
            marks.mark(visitor.userId(), NotificationMarkStore.ALL, upto, read ? upto : 0);
        }
    }

    /** verb, what it is about, and the day (UTC) it happened. */
    static String groupKey(Activity activity) {
        String about = activity.statId().map(id -> "stat:" + id)
                .orElse(activity.object().type() + ":" + activity.object().id());
        String day = Instant.ofEpochMilli(activity.occurredAtMillis()).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return activity.verb().code() + ":" + about + ":" + day;
    }
}
