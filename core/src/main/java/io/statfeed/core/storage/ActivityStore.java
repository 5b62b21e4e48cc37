package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ACTIVITIES;
import static io.statfeed.core.storage.schema.Tables.ACTIVITY_FEEDS;
import static io.statfeed.core.storage.schema.Tables.FEED_PRODUCERS;
import static io.statfeed.core.storage.schema.Tables.FOLLOWS;
import static io.statfeed.core.storage.schema.Tables.MEMBERSHIPS;
import static io.statfeed.core.storage.schema.Tables.TIMELINE_ENTRIES;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.FanoutPolicy;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.FeedType;
import io.statfeed.core.model.feeds.Payload;
import io.statfeed.core.model.feeds.Verb;
import io.statfeed.core.storage.schema.tables.records.ActivitiesRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Activities and the feeds they are in. Publishing is one transaction: the activity, its feed
 * rows, and the push into the timelines of the followers of every feed that is not pulled. So an
 * activity a reader can see is already in every timeline it was pushed to, whichever process
 * published it, and a live tail that sees the activity sees its timeline entries too.
 */
public final class ActivityStore {
    private static final int ID_CHUNK = 1000;

    /** What publishing did: the stored activity (the earlier one, if the fact was published before). */
    public record Published(Activity activity, boolean isNew, int pushed) {
    }

    private static final Comparator<FeedKey> FEED_ORDER = Comparator.comparing(FeedKey::type).thenComparingLong(FeedKey::id);

    private final DSLContext dsl;
    private final FanoutPolicy policy;

    public ActivityStore(Database database, FanoutPolicy policy) {
        this.dsl = database.dsl();
        this.policy = policy;
    }

    public FanoutPolicy policy() {
        return policy;
    }

    /** Publishes the activity into the given feeds, once per foreign id however often it is called. */
    public Published publish(Activity activity, Collection<FeedKey> feeds, long nowMillis) {
        try {
            return Retries.onDeadlock(() -> dsl.transactionResult(c -> publishIn(c.dsl(), activity, feeds, nowMillis)));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e)) { // the same fact published at the same moment elsewhere
                return new Published(findByForeignId(activity.foreignId()).orElseThrow(() -> e), false, 0);
            }
            throw e;
        }
    }

    /** Within a caller's transaction, for a change that publishes with it (an annotation and its activity). */
    Published publishIn(DSLContext tx, Activity activity, Collection<FeedKey> feeds, long nowMillis) {
        Optional<Activity> earlier = tx.selectFrom(ACTIVITIES).where(ACTIVITIES.FOREIGN_ID.eq(activity.foreignId()))
                .fetchOptional(ActivityStore::toActivity);
        if (earlier.isPresent()) {
            return new Published(earlier.get(), false, 0);
        }
        tx.insertInto(ACTIVITIES).set(toRecord(activity)).execute();
        int pushed = 0;
        // Always in the same order, so that two publications lock the feeds' counter rows alike.
        for (FeedKey feed : feeds.stream().distinct().sorted(FEED_ORDER).toList()) {
            tx.insertInto(ACTIVITY_FEEDS).set(ACTIVITY_FEEDS.FEED_TYPE, feed.type().code())
                    .set(ACTIVITY_FEEDS.FEED_ID, feed.id()).set(ACTIVITY_FEEDS.ACTIVITY_ID, activity.id()).execute();
            if (!Producers.countPublication(tx, feed, nowMillis, policy)) {
                pushed += push(tx, activity.id(), feed);
            }
        }
        return new Published(activity, true, pushed);
    }

    /**
     * One statement, inside the database: the followers are never read out and sent back, so a
     * push to a thousand followers costs about what one row does in round trips.
     */
    private static int push(DSLContext tx, long activityId, FeedKey feed) {
        var rows = feed.type() == FeedType.ACCOUNT
                ? DSL.select(MEMBERSHIPS.USER_ID, DSL.val(activityId), DSL.val(feed.type().code()), DSL.val(feed.id()))
                        .from(MEMBERSHIPS).where(MEMBERSHIPS.ACCOUNT_ID.eq(feed.id()))
                : DSL.select(FOLLOWS.USER_ID, DSL.val(activityId), DSL.val(feed.type().code()), DSL.val(feed.id()))
                        .from(FOLLOWS).where(FOLLOWS.FEED_TYPE.eq(feed.type().code())).and(FOLLOWS.FEED_ID.eq(feed.id()));
        return tx.insertInto(TIMELINE_ENTRIES, TIMELINE_ENTRIES.USER_ID, TIMELINE_ENTRIES.ACTIVITY_ID,
                TIMELINE_ENTRIES.FEED_TYPE, TIMELINE_ENTRIES.FEED_ID).select(rows).execute();
    }

    public Optional<Activity> findByForeignId(String foreignId) {
        return dsl.selectFrom(ACTIVITIES).where(ACTIVITIES.FOREIGN_ID.eq(foreignId)).fetchOptional(ActivityStore::toActivity);
    }

    public Optional<Activity> find(long activityId) {
        return dsl.selectFrom(ACTIVITIES).where(ACTIVITIES.ID.eq(activityId)).fetchOptional(ActivityStore::toActivity);
    }

    /** The activities of those ids that still exist, newest first. */
    public List<Activity> byIds(Collection<Long> activityIds) {
        List<Activity> found = new ArrayList<>();
        for (List<Long> chunk : chunks(activityIds)) {
            found.addAll(dsl.selectFrom(ACTIVITIES).where(ACTIVITIES.ID.in(chunk)).fetch(ActivityStore::toActivity));
        }
        found.sort(Comparator.comparingLong(Activity::id).reversed());
        return found;
    }

    /** Ids of one feed's activities below {@code idBelow} and at or above {@code idFrom}, newest first. */
    public List<Long> feedIds(FeedKey feed, long idFrom, long idBelow, int limit) {
        return dsl.select(ACTIVITY_FEEDS.ACTIVITY_ID).from(ACTIVITY_FEEDS)
                .where(ACTIVITY_FEEDS.FEED_TYPE.eq(feed.type().code())).and(ACTIVITY_FEEDS.FEED_ID.eq(feed.id()))
                .and(ACTIVITY_FEEDS.ACTIVITY_ID.lt(idBelow)).and(ACTIVITY_FEEDS.ACTIVITY_ID.ge(idFrom))
                .orderBy(ACTIVITY_FEEDS.ACTIVITY_ID.desc()).limit(limit).fetch(ACTIVITY_FEEDS.ACTIVITY_ID);
    }

    /** The feeds each of the activities is in. */
    public Map<Long, List<FeedKey>> feedsOf(Collection<Long> activityIds) {
        Map<Long, List<FeedKey>> feeds = new java.util.HashMap<>();
        for (List<Long> chunk : chunks(activityIds)) {
            dsl.select(ACTIVITY_FEEDS.ACTIVITY_ID, ACTIVITY_FEEDS.FEED_TYPE, ACTIVITY_FEEDS.FEED_ID).from(ACTIVITY_FEEDS)
                    .where(ACTIVITY_FEEDS.ACTIVITY_ID.in(chunk))
                    .forEach(r -> feeds.computeIfAbsent(r.value1(), id -> new ArrayList<>())
                            .add(new FeedKey(FeedType.fromCode(r.value2()), r.value3())));
        }
        return feeds;
    }

    /** Of the given feeds, those merged in at read time. */
    public Set<FeedKey> pulledAmong(Collection<FeedKey> feeds) {
        Map<FeedType, List<Long>> byType = new EnumMap<>(FeedType.class);
        feeds.forEach(feed -> byType.computeIfAbsent(feed.type(), t -> new ArrayList<>()).add(feed.id()));
        Set<FeedKey> pulled = new HashSet<>();
        byType.forEach((type, ids) -> {
            for (List<Long> chunk : chunks(ids)) {
                dsl.select(FEED_PRODUCERS.FEED_ID).from(FEED_PRODUCERS).where(FEED_PRODUCERS.PULLED.isTrue())
                        .and(FEED_PRODUCERS.FEED_TYPE.eq(type.code())).and(FEED_PRODUCERS.FEED_ID.in(chunk))
                        .forEach(r -> pulled.add(new FeedKey(type, r.value1())));
            }
        });
        return pulled;
    }

    /** Ids of the objects of a type that somebody follows. */
    public List<Long> followedOfType(FeedType type) {
        return dsl.select(FEED_PRODUCERS.FEED_ID).from(FEED_PRODUCERS).where(FEED_PRODUCERS.FEED_TYPE.eq(type.code()))
                .and(FEED_PRODUCERS.FOLLOWERS.gt(0)).orderBy(FEED_PRODUCERS.FEED_ID).fetch(FEED_PRODUCERS.FEED_ID);
    }

    /** A feed's follower count and whether it is pulled; a feed nobody followed or published to has neither. */
    public Producers.Producer producer(FeedKey feed) {
        return Producers.find(dsl, feed);
    }

    /**
     * Activities with ids above {@code idAbove}, oldest first: what a live tail has not looked at
     * yet. Ids are made by each process's clock, so a tail asks from a little before the newest it
     * has seen and skips what it has already sent.
     */
    public List<Activity> idsAbove(long idAbove, int limit) {
        return dsl.selectFrom(ACTIVITIES).where(ACTIVITIES.ID.gt(idAbove)).orderBy(ACTIVITIES.ID).limit(limit)
                .fetch(ActivityStore::toActivity);
    }

    /** The newest activity id, or 0. */
    public long newestId() {
        Long newest = dsl.select(DSL.max(ACTIVITIES.ID)).from(ACTIVITIES).fetchOne(0, Long.class);
        return newest == null ? 0L : newest;
    }

    /** Deletes the activity that reports a fact, from every feed and timeline. */
    public boolean deleteByForeignId(String foreignId) {
        return dsl.transactionResult(c -> deleteWhere(c.dsl(), ACTIVITIES.FOREIGN_ID.eq(foreignId))) > 0;
    }

    /** Within a caller's transaction (an annotation deleted with its activity). */
    int deleteByForeignIdIn(DSLContext tx, String foreignId) {
        return deleteWhere(tx, ACTIVITIES.FOREIGN_ID.eq(foreignId));
    }

    /** Deletes every activity about a stat (it was deleted), from every feed and timeline. */
    public int deleteAboutStat(long statId) {
        return dsl.transactionResult(c -> deleteWhere(c.dsl(), ACTIVITIES.STAT_ID.eq(statId)));
    }

    /** Deletes every activity whose object is the given one (an alert that was deleted). */
    public int deleteAboutObject(Activity.ObjectRef object) {
        return dsl.transactionResult(c -> deleteWhere(c.dsl(),
                ACTIVITIES.OBJECT_TYPE.eq(object.type()).and(ACTIVITIES.OBJECT_ID.eq(object.id()))));
    }

    private static int deleteWhere(DSLContext tx, Condition which) {
        List<Long> ids = tx.select(ACTIVITIES.ID).from(ACTIVITIES).where(which).fetch(ACTIVITIES.ID);
        for (List<Long> chunk : chunks(ids)) {
            tx.deleteFrom(TIMELINE_ENTRIES).where(TIMELINE_ENTRIES.ACTIVITY_ID.in(chunk)).execute();
            tx.deleteFrom(ACTIVITY_FEEDS).where(ACTIVITY_FEEDS.ACTIVITY_ID.in(chunk)).execute();
            tx.deleteFrom(ACTIVITIES).where(ACTIVITIES.ID.in(chunk)).execute();
        }
        return ids.size();
    }

    static <T> List<List<T>> chunks(Collection<T> all) {
        List<T> list = new ArrayList<>(all);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += ID_CHUNK) {
            chunks.add(list.subList(from, Math.min(list.size(), from + ID_CHUNK)));
        }
        return chunks;
    }

    private static ActivitiesRecord toRecord(Activity a) {
        ActivitiesRecord r = new ActivitiesRecord();
        r.setId(a.id());
        r.setForeignId(a.foreignId());
        r.setAccountId(a.accountId());
        r.setActorId(a.actorId().orElse(null));
        r.setVerb(a.verb().code());
        r.setObjectType(a.object().type());
        r.setObjectId(a.object().id());
        r.setTargetType(a.target().map(Activity.ObjectRef::type).orElse(null));
        r.setTargetId(a.target().map(Activity.ObjectRef::id).orElse(null));
        r.setStatId(a.statId().orElse(null));
        r.setOccurredAt(a.occurredAtMillis());
        r.setPayload(a.payload().encoded());
        return r;
    }

    static Activity toActivity(ActivitiesRecord r) {
        Optional<Activity.ObjectRef> target = r.getTargetType() == null
                ? Optional.empty() : Optional.of(new Activity.ObjectRef(r.getTargetType(), r.getTargetId()));
        return new Activity(r.getId(), r.getForeignId(), r.getAccountId(), Optional.ofNullable(r.getActorId()),
                Verb.fromCode(r.getVerb()), new Activity.ObjectRef(r.getObjectType(), r.getObjectId()), target,
                Optional.ofNullable(r.getStatId()), r.getOccurredAt(), Payload.decode(r.getPayload()));
    }
}
