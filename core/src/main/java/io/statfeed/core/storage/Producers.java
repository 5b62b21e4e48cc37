package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.FEED_PRODUCERS;

import io.statfeed.core.model.feeds.FanoutPolicy;
import io.statfeed.core.model.feeds.FeedKey;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Each feed's follower count, publication rate and whether it is pulled (see V9). Counted with
 * single-statement updates on the feed's row, so concurrent follows and publications on any number
 * of processes add up.
 */
public final class Producers {
    /** A feed's follower count and whether readers merge it in at read time. */
    public record Producer(int followers, boolean pulled) {
    }

    private Producers() {
    }

    static Producer find(DSLContext dsl, FeedKey feed) {
        return dsl.select(FEED_PRODUCERS.FOLLOWERS, FEED_PRODUCERS.PULLED).from(FEED_PRODUCERS).where(key(feed))
                .fetchOptional(r -> new Producer(r.value1(), r.value2())).orElse(new Producer(0, false));
    }

    /** Counts one publication in the feed's hour; true if the feed is (now) pulled. */
    static boolean countPublication(DSLContext tx, FeedKey feed, long nowMillis, FanoutPolicy policy) {
        Condition windowOver = FEED_PRODUCERS.WINDOW_START.le(nowMillis - FanoutPolicy.RATE_WINDOW_MILLIS);
        // WINDOW_START is set last: MySQL evaluates SET left to right with the new values, H2 with the old.
        ensureRow(tx, feed, nowMillis, () -> tx.update(FEED_PRODUCERS)
                .set(FEED_PRODUCERS.WINDOW_COUNT, DSL.when(windowOver, DSL.inline(1)).otherwise(FEED_PRODUCERS.WINDOW_COUNT.plus(1)))
                .set(FEED_PRODUCERS.WINDOW_START, DSL.when(windowOver, DSL.val(nowMillis)).otherwise(FEED_PRODUCERS.WINDOW_START))
                .where(key(feed)).execute());
        return pullIfOver(tx, feed, policy);
    }

    /** Adds (or with -1 removes) a follower; true if the feed is (now) pulled. */
    static boolean countFollower(DSLContext tx, FeedKey feed, int change, long nowMillis, FanoutPolicy policy) {
        ensureRow(tx, feed, nowMillis, () -> tx.update(FEED_PRODUCERS)
                .set(FEED_PRODUCERS.FOLLOWERS, DSL.greatest(DSL.inline(0), FEED_PRODUCERS.FOLLOWERS.plus(change)))
                .where(key(feed)).execute());
        return pullIfOver(tx, feed, policy);
    }

    private interface Update {
        int run();
    }

    private static void ensureRow(DSLContext tx, FeedKey feed, long nowMillis, Update update) {
        if (update.run() > 0) {
            return;
        }
        try {
            tx.insertInto(FEED_PRODUCERS).set(FEED_PRODUCERS.FEED_TYPE, feed.type().code())
                    .set(FEED_PRODUCERS.FEED_ID, feed.id()).set(FEED_PRODUCERS.FOLLOWERS, 0)
                    .set(FEED_PRODUCERS.PULLED, false).set(FEED_PRODUCERS.WINDOW_START, nowMillis)
                    .set(FEED_PRODUCERS.WINDOW_COUNT, 0).execute();
        } catch (DataAccessException e) {
            if (!Constraints.isUniqueViolation(e)) { // another process made the row first: count on it
                throw e;
            }
        }
        update.run();
    }

    /** Sticky: a feed that went back to pushing would leave a gap in its followers' timelines. */
    private static boolean pullIfOver(DSLContext tx, FeedKey feed, FanoutPolicy policy) {
        tx.update(FEED_PRODUCERS).set(FEED_PRODUCERS.PULLED, true).where(key(feed))
                .and(FEED_PRODUCERS.PULLED.isFalse())
                .and(FEED_PRODUCERS.FOLLOWERS.gt(policy.fanoutLimit()).or(FEED_PRODUCERS.WINDOW_COUNT.gt(policy.pullRatePerHour())))
                .execute();
        return Boolean.TRUE.equals(tx.select(FEED_PRODUCERS.PULLED).from(FEED_PRODUCERS).where(key(feed))
                .fetchOne(FEED_PRODUCERS.PULLED));
    }

    private static Condition key(FeedKey feed) {
        return FEED_PRODUCERS.FEED_TYPE.eq(feed.type().code()).and(FEED_PRODUCERS.FEED_ID.eq(feed.id()));
    }
}
