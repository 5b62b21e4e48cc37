package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.STATS;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.schema.tables.records.StatsRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Stats of accounts. A deleted stat keeps its row (and data) with deleted_at set, for the trash. */
public final class StatStore {
    private static final long LIVE = 0L;

    private final DSLContext dsl;

    public StatStore(Database database) {
        this.dsl = database.dsl();
    }

    public Optional<Stat> findLive(long accountId, String name) {
        return dsl.selectFrom(STATS)
                .where(STATS.ACCOUNT_ID.eq(accountId).and(STATS.NAME.eq(name)).and(STATS.DELETED_AT.eq(LIVE)))
                .fetchOptional().map(StatStore::toStat);
    }

    public Optional<Stat> findLiveById(long accountId, long statId) {
        return dsl.selectFrom(STATS)
                .where(STATS.ID.eq(statId).and(STATS.ACCOUNT_ID.eq(accountId)).and(STATS.DELETED_AT.eq(LIVE)))
                .fetchOptional().map(StatStore::toStat);
    }

    public Optional<Stat> findLiveByKey(String statKey) {
        return dsl.selectFrom(STATS).where(STATS.STAT_KEY.eq(statKey).and(STATS.DELETED_AT.eq(LIVE)))
                .fetchOptional().map(StatStore::toStat);
    }

    /** Live stats of an account ordered by name, a page at a time. */
    public List<Stat> listLive(long accountId, int offset, int limit) {
        return dsl.selectFrom(STATS)
                .where(STATS.ACCOUNT_ID.eq(accountId).and(STATS.DELETED_AT.eq(LIVE)))
                .orderBy(STATS.NAME, STATS.ID)
                .limit(limit).offset(offset)
                .fetch(StatStore::toStat);
    }

    /**
     * Creates the stat, or returns the live one of that name if another process created it first.
     * The first kind posted decides whether it is a counter.
     */
    public Stat createOrGet(long accountId, String name, boolean counter, long nowMillis) {
        Stat stat = new Stat(Ids.next(), accountId, name, counter, Secrets.newKey(Secrets.STAT_KEY_BYTES), false,
                nowMillis);
        try {
            dsl.insertInto(STATS)
                    .set(STATS.ID, stat.id())
                    .set(STATS.ACCOUNT_ID, accountId)
                    .set(STATS.NAME, name)
                    .set(STATS.IS_COUNTER, counter)
                    .set(STATS.STAT_KEY, stat.key())
                    .set(STATS.IS_PUBLIC, false)
                    .set(STATS.CREATED_AT, nowMillis)
                    .set(STATS.DELETED_AT, LIVE)
                    .execute();
            return stat;
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e)) {
                return findLive(accountId, name).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** Moves a live stat of the account to the trash; false if there was none. */
    public boolean softDelete(long accountId, long statId, long nowMillis) {
        return dsl.update(STATS).set(STATS.DELETED_AT, nowMillis)
                .where(STATS.ID.eq(statId).and(STATS.ACCOUNT_ID.eq(accountId)).and(STATS.DELETED_AT.eq(LIVE)))
                .execute() == 1;
    }

    private static Stat toStat(StatsRecord r) {
        return new Stat(r.getId(), r.getAccountId(), r.getName(), r.getIsCounter(), r.getStatKey(), r.getIsPublic(),
                r.getCreatedAt());
    }
}
