package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ACTIVITY_FEEDS;
import static io.statfeed.core.storage.schema.Tables.FEED_PRODUCERS;
import static io.statfeed.core.storage.schema.Tables.FOLLOWS;
import static io.statfeed.core.storage.schema.Tables.MEMBERSHIPS;
import static io.statfeed.core.storage.schema.Tables.TIMELINE_ENTRIES;

import io.statfeed.core.model.feeds.FanoutPolicy;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.FeedType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Who follows which feed. Following copies the feed's recent history into the person's timeline
 * (unless the feed is pulled, when reads merge it in anyway); unfollowing removes what that follow
 * brought. Members follow their accounts' feeds through their memberships.
 */
public final class FollowStore {
    private final DSLContext dsl;
    private final FanoutPolicy policy;

    public FollowStore(Database database, FanoutPolicy policy) {
        this.dsl = database.dsl();
        this.policy = policy;
    }

    /** Follows the feed, copying up to {@code history} of its newest activities; false if already followed. */
    public boolean follow(long userId, FeedKey feed, int history, long nowMillis) {
        try {
            return Retries.onDeadlock(() -> dsl.transactionResult(c -> {
                DSLContext tx = c.dsl();
                if (tx.fetchExists(FOLLOWS, FOLLOWS.USER_ID.eq(userId).and(FOLLOWS.FEED_TYPE.eq(feed.type().code()))
                        .and(FOLLOWS.FEED_ID.eq(feed.id())))) {
                    return false;
                }
                tx.insertInto(FOLLOWS).set(FOLLOWS.USER_ID, userId).set(FOLLOWS.FEED_TYPE, feed.type().code())
                        .set(FOLLOWS.FEED_ID, feed.id()).set(FOLLOWS.CREATED_AT, nowMillis).execute();
                if (!Producers.countFollower(tx, feed, 1, nowMillis, policy)) {
                    // The feed's newest, copied inside the database in one statement.
                    tx.insertInto(TIMELINE_ENTRIES, TIMELINE_ENTRIES.USER_ID, TIMELINE_ENTRIES.ACTIVITY_ID,
                            TIMELINE_ENTRIES.FEED_TYPE, TIMELINE_ENTRIES.FEED_ID)
                            .select(DSL.select(DSL.val(userId), ACTIVITY_FEEDS.ACTIVITY_ID, DSL.val(feed.type().code()),
                                            DSL.val(feed.id())).from(ACTIVITY_FEEDS)
                                    .where(ACTIVITY_FEEDS.FEED_TYPE.eq(feed.type().code()))
                                    .and(ACTIVITY_FEEDS.FEED_ID.eq(feed.id()))
                                    .orderBy(ACTIVITY_FEEDS.ACTIVITY_ID.desc()).limit(history))
                            .execute();
                }
                return true;
            }));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e)) { // a double click that raced: followed either way
                return false;
            }
            throw e;
        }
    }

    /** Stops following the feed and removes what it brought into the timeline; false if not followed. */
    public boolean unfollow(long userId, FeedKey feed, long nowMillis) {
        return Retries.onDeadlock(() -> dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            int removed = tx.deleteFrom(FOLLOWS).where(FOLLOWS.USER_ID.eq(userId))
                    .and(FOLLOWS.FEED_TYPE.eq(feed.type().code())).and(FOLLOWS.FEED_ID.eq(feed.id())).execute();
            if (removed == 0) {
                return false;
            }
            Producers.countFollower(tx, feed, -1, nowMillis, policy);
            tx.deleteFrom(TIMELINE_ENTRIES).where(TIMELINE_ENTRIES.USER_ID.eq(userId))
                    .and(TIMELINE_ENTRIES.FEED_TYPE.eq(feed.type().code()))
                    .and(TIMELINE_ENTRIES.FEED_ID.eq(feed.id())).execute();
            return true;
        }));
    }

    public boolean isFollowing(long userId, FeedKey feed) {
        return dsl.fetchExists(FOLLOWS, FOLLOWS.USER_ID.eq(userId).and(FOLLOWS.FEED_TYPE.eq(feed.type().code()))
                .and(FOLLOWS.FEED_ID.eq(feed.id())));
    }

    /**
     * Every feed the person reads: what they follow, and the accounts they are a member of.
     */
    public List<FeedKey> sources(long userId) {
        List<FeedKey> sources = new ArrayList<>(followed(userId));
        dsl.select(MEMBERSHIPS.ACCOUNT_ID).from(MEMBERSHIPS).where(MEMBERSHIPS.USER_ID.eq(userId))
                .forEach(r -> sources.add(FeedKey.account(r.value1())));
        return sources;
    }

    /** The feeds a person reads, and which of them are pulled (merged in at read time). */
    public record Sources(List<FeedKey> all, Set<FeedKey> pulled) {
    }

    /** As {@link #sources}, with each feed's pulled flag: one query for what a timeline read starts from. */
    public Sources sourcesWithPull(long userId) {
        var followed = DSL.select(FOLLOWS.FEED_TYPE, FOLLOWS.FEED_ID, FEED_PRODUCERS.PULLED).from(FOLLOWS)
                .leftJoin(FEED_PRODUCERS).on(FEED_PRODUCERS.FEED_TYPE.eq(FOLLOWS.FEED_TYPE))
                .and(FEED_PRODUCERS.FEED_ID.eq(FOLLOWS.FEED_ID))
                .where(FOLLOWS.USER_ID.eq(userId));
        var accounts = DSL.select(DSL.inline(FeedType.ACCOUNT.code()).as("feed_type"), MEMBERSHIPS.ACCOUNT_ID,
                        FEED_PRODUCERS.PULLED).from(MEMBERSHIPS)
                .leftJoin(FEED_PRODUCERS).on(FEED_PRODUCERS.FEED_TYPE.eq(FeedType.ACCOUNT.code()))
                .and(FEED_PRODUCERS.FEED_ID.eq(MEMBERSHIPS.ACCOUNT_ID))
                .where(MEMBERSHIPS.USER_ID.eq(userId));
        List<FeedKey> all = new ArrayList<>();
        Set<FeedKey> pulled = new HashSet<>();
        dsl.selectFrom(followed.unionAll(accounts).asTable("sources")).fetch().forEach(r -> {
            FeedKey feed = new FeedKey(FeedType.fromCode(r.get(0, String.class)), r.get(1, Long.class));
            all.add(feed);
            if (Boolean.TRUE.equals(r.get(2, Boolean.class))) {
                pulled.add(feed);
            }
        });
        return new Sources(all, pulled);
    }

    /** How many things the person follows. */
    public int count(long userId) {
        return dsl.fetchCount(FOLLOWS, FOLLOWS.USER_ID.eq(userId));
    }

    /** What the person follows, oldest follow first. */
    public List<FeedKey> followed(long userId) {
        return dsl.select(FOLLOWS.FEED_TYPE, FOLLOWS.FEED_ID).from(FOLLOWS).where(FOLLOWS.USER_ID.eq(userId))
                .orderBy(FOLLOWS.CREATED_AT, FOLLOWS.FEED_TYPE, FOLLOWS.FEED_ID)
                .fetch(r -> new FeedKey(FeedType.fromCode(r.value1()), r.value2()));
    }

    /** The accounts each of the people is a member of. */
    public Map<Long, Set<Long>> accountsOf(Collection<Long> userIds) {
        Map<Long, Set<Long>> accounts = new HashMap<>();
        for (List<Long> chunk : ActivityStore.chunks(userIds)) {
            dsl.select(MEMBERSHIPS.USER_ID, MEMBERSHIPS.ACCOUNT_ID).from(MEMBERSHIPS).where(MEMBERSHIPS.USER_ID.in(chunk))
                    .forEach(r -> accounts.computeIfAbsent(r.value1(), u -> new HashSet<>()).add(r.value2()));
        }
        return accounts;
    }

    /** Of the people, those who read the feed (follow it, or are members for an account's feed). */
    public Set<Long> readersAmong(FeedKey feed, Collection<Long> userIds) {
        Set<Long> readers = new HashSet<>();
        for (List<Long> chunk : ActivityStore.chunks(userIds)) {
            if (feed.type() == FeedType.ACCOUNT) {
                readers.addAll(dsl.select(MEMBERSHIPS.USER_ID).from(MEMBERSHIPS)
                        .where(MEMBERSHIPS.ACCOUNT_ID.eq(feed.id())).and(MEMBERSHIPS.USER_ID.in(chunk))
                        .fetch(MEMBERSHIPS.USER_ID));
            } else {
                readers.addAll(dsl.select(FOLLOWS.USER_ID).from(FOLLOWS).where(FOLLOWS.FEED_TYPE.eq(feed.type().code()))
                        .and(FOLLOWS.FEED_ID.eq(feed.id())).and(FOLLOWS.USER_ID.in(chunk)).fetch(FOLLOWS.USER_ID));
            }
        }
        return readers;
    }
}
