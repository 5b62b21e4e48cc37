package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.STATS;
import static io.statfeed.core.storage.schema.Tables.STAT_STARS;

import io.statfeed.core.model.Stat;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The stats each person has starred: what their reports follow. Stars are a person's, not an
 * account's; reads take live stats of the given account only, so a star left on a stat in the
 * trash (or of an account the person has left) is skipped, not shown.
 */
public final class StarStore {
    private static final long LIVE = 0L;

    private final DSLContext dsl;

    public StarStore(Database database) {
        this.dsl = database.dsl();
    }

    /** Stars the stat; starring it again changes nothing. */
    public void star(long userId, long statId, long nowMillis) {
        if (isStarred(userId, statId)) {
            return;
        }
        try {
            dsl.insertInto(STAT_STARS).set(STAT_STARS.USER_ID, userId).set(STAT_STARS.STAT_ID, statId)
                    .set(STAT_STARS.CREATED_AT, nowMillis).execute();
        } catch (DataAccessException e) {
            if (!Constraints.isUniqueViolation(e)) { // a second click that raced the first: starred either way
                throw e;
            }
        }
    }

    public void unstar(long userId, long statId) {
        dsl.deleteFrom(STAT_STARS).where(STAT_STARS.USER_ID.eq(userId)).and(STAT_STARS.STAT_ID.eq(statId)).execute();
    }

    public boolean isStarred(long userId, long statId) {
        return dsl.fetchExists(STAT_STARS, STAT_STARS.USER_ID.eq(userId).and(STAT_STARS.STAT_ID.eq(statId)));
    }

    /** Of the given stats, those the person has starred: one query for a whole list page. */
    public Set<Long> starredAmong(long userId, Collection<Long> statIds) {
        if (statIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(dsl.select(STAT_STARS.STAT_ID).from(STAT_STARS)
                .where(STAT_STARS.USER_ID.eq(userId)).and(STAT_STARS.STAT_ID.in(statIds)).fetch(STAT_STARS.STAT_ID));
    }

    /** The person's starred live stats of the account, by name. */
    public List<Stat> starredStats(long userId, long accountId) {
        return dsl.select(STATS.fields()).from(STAT_STARS).join(STATS).on(STATS.ID.eq(STAT_STARS.STAT_ID))
                .where(STAT_STARS.USER_ID.eq(userId)).and(STATS.ACCOUNT_ID.eq(accountId))
                .and(STATS.DELETED_AT.eq(LIVE))
                .orderBy(STATS.NAME, STATS.ID).fetchInto(STATS).map(StatStore::toStat);
    }
}
