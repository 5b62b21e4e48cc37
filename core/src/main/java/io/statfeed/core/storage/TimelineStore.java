package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.TIMELINES;
import static io.statfeed.core.storage.schema.Tables.TIMELINE_ENTRIES;
import static io.statfeed.core.storage.schema.Tables.USERS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * People's timelines: the activities pushed to them. Each is capped; what is trimmed below the
 * cap is still in the followed feeds, and {@link #trimmedBelow} tells readers where to look there.
 */
public final class TimelineStore {
    /** A person and an activity pushed to them. */
    public record Entry(long userId, long activityId) {
    }

    private final DSLContext dsl;

    public TimelineStore(Database database) {
        this.dsl = database.dsl();
    }

    /** Ids of the activities pushed to the person, below {@code idBelow} and at or above {@code idFrom}, newest first. */
    public List<Long> pushedIds(long userId, long idFrom, long idBelow, int limit) {
        return dsl.selectDistinct(TIMELINE_ENTRIES.ACTIVITY_ID).from(TIMELINE_ENTRIES)
                .where(TIMELINE_ENTRIES.USER_ID.eq(userId)).and(TIMELINE_ENTRIES.ACTIVITY_ID.lt(idBelow))
                .and(TIMELINE_ENTRIES.ACTIVITY_ID.ge(idFrom))
                .orderBy(TIMELINE_ENTRIES.ACTIVITY_ID.desc()).limit(limit).fetch(TIMELINE_ENTRIES.ACTIVITY_ID);
    }

    /** The id under which this person's entries may have been trimmed; 0 while nothing was. */
    public long trimmedBelow(long userId) {
        Long below = dsl.select(TIMELINES.TRIMMED_BELOW).from(TIMELINES).where(TIMELINES.USER_ID.eq(userId))
                .fetchOne(TIMELINES.TRIMMED_BELOW);
        return below == null ? 0L : below;
    }

    /**
     * Of these activities and people, which activity was pushed to whom: who a live tail tells.
     * Read by activity alone (at most a fan-out limit of rows each) and filtered here: with the
     * people in the query too, H2 plans a scan of the whole table.
     */
    public List<Entry> entriesAmong(Collection<Long> activityIds, Collection<Long> userIds) {
        java.util.Set<Long> people = new java.util.HashSet<>(userIds);
        List<Entry> entries = new ArrayList<>();
        java.util.Set<Entry> seen = new java.util.HashSet<>();
        for (List<Long> activities : ActivityStore.chunks(activityIds)) {
            dsl.select(TIMELINE_ENTRIES.USER_ID, TIMELINE_ENTRIES.ACTIVITY_ID).from(TIMELINE_ENTRIES)
                    .where(TIMELINE_ENTRIES.ACTIVITY_ID.in(activities))
                    .forEach(r -> {
                        Entry entry = new Entry(r.value1(), r.value2());
                        if (people.contains(entry.userId()) && seen.add(entry)) {
                            entries.add(entry);
                        }
                    });
        }
        return entries;
    }

    /** Person ids above {@code after}, in order, up to {@code limit}: for going through every timeline. */
    public List<Long> usersAbove(long after, int limit) {
        return dsl.select(USERS.ID).from(USERS).where(USERS.ID.gt(after)).orderBy(USERS.ID).limit(limit).fetch(USERS.ID);
    }

    /**
     * Keeps the person's newest {@code keep} entries and drops the rest, noting where; true if it
     * dropped any. Entries stay distinct per (activity, feed), so a kept activity keeps all of its.
     */
    public boolean trim(long userId, int keep) {
        Long cutoff = dsl.select(TIMELINE_ENTRIES.ACTIVITY_ID).from(TIMELINE_ENTRIES)
                .where(TIMELINE_ENTRIES.USER_ID.eq(userId)).orderBy(TIMELINE_ENTRIES.ACTIVITY_ID.desc())
                .limit(1).offset(keep).fetchOne(TIMELINE_ENTRIES.ACTIVITY_ID);
        if (cutoff == null) {
            return false;
        }
        long below = cutoff + 1; // entries at the cutoff go too: everything under `below` is read from the feeds
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            int updated = tx.update(TIMELINES).set(TIMELINES.TRIMMED_BELOW, DSL.greatest(TIMELINES.TRIMMED_BELOW, DSL.val(below)))
                    .where(TIMELINES.USER_ID.eq(userId)).execute();
            if (updated == 0) {
                tx.insertInto(TIMELINES).set(TIMELINES.USER_ID, userId).set(TIMELINES.TRIMMED_BELOW, below).execute();
            }
            tx.deleteFrom(TIMELINE_ENTRIES).where(TIMELINE_ENTRIES.USER_ID.eq(userId))
                    .and(TIMELINE_ENTRIES.ACTIVITY_ID.lt(below)).execute();
        });
        return true;
    }
}
