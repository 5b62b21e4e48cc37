package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.STATS;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.val;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.schema.tables.records.StatsRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Stats of accounts. A deleted stat keeps its row (and data) with deleted_at set, for the trash. */
public final class StatStore {
    private static final long LIVE = 0L;
    /** Escapes LIKE wildcards in searches; not a backslash, which MySQL also reads as a string escape. */
    static final char LIKE_ESCAPE = '!';

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

    /** Every live stat of an account, in no particular order: what an api-server holds in memory. */
    public List<Stat> allLive(long accountId) {
        return dsl.selectFrom(STATS)
                .where(STATS.ACCOUNT_ID.eq(accountId).and(STATS.DELETED_AT.eq(LIVE)))
                .fetch(StatStore::toStat);
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
     * Live stats of an account whose name contains {@code query}, ignoring case, ordered by name,
     * a page at a time. The query is matched literally: {@code %} and {@code _} are no wildcards.
     * An empty query matches every stat.
     */
    public List<Stat> searchLive(long accountId, String query, int offset, int limit) {
        return dsl.selectFrom(STATS)
                .where(STATS.ACCOUNT_ID.eq(accountId).and(STATS.DELETED_AT.eq(LIVE))
                        .and(lower(STATS.NAME).like(lower(val(containsPattern(query)))).escape(LIKE_ESCAPE)))
                .orderBy(STATS.NAME, STATS.ID)
                .limit(limit).offset(offset)
                .fetch(StatStore::toStat);
    }

    /** Makes a live stat of the account public (anyone may view and embed it) or private again; false if none. */
    public boolean setPublic(long accountId, long statId, boolean isPublic) {
        return dsl.update(STATS).set(STATS.IS_PUBLIC, isPublic).where(liveOf(accountId, statId)).execute() == 1;
    }

    /**
     * Gives a live stat of the account a share link's secret, replacing (and so revoking) any
     * earlier one; false if there is no such stat. Tokens are generated secrets, so they do not clash.
     */
    public boolean setShareToken(long accountId, long statId, String shareToken) {
        return dsl.update(STATS).set(STATS.SHARE_TOKEN, shareToken).where(liveOf(accountId, statId)).execute() == 1;
    }

    /** Revokes the share link of a live stat of the account; false if there is no such stat. */
    public boolean clearShareToken(long accountId, long statId) {
        return dsl.update(STATS).setNull(STATS.SHARE_TOKEN).where(liveOf(accountId, statId)).execute() == 1;
    }

    /** The share link's secret of a live stat of the account, if it has one (shown to its owner). */
    public Optional<String> shareToken(long accountId, long statId) {
        return dsl.select(STATS.SHARE_TOKEN).from(STATS).where(liveOf(accountId, statId))
                .fetchOptional(STATS.SHARE_TOKEN);
    }

    /** The live stat a share link's secret opens, public or not: only the exact token, nothing like it. */
    public Optional<Stat> findLiveByShareToken(String shareToken) {
        return dsl.selectFrom(STATS).where(STATS.SHARE_TOKEN.eq(shareToken).and(STATS.DELETED_AT.eq(LIVE)))
                .fetchOptional()
                // MariaDB's PAD SPACE collations let 'token ' equal 'token': compare again, exactly.
                .filter(r -> shareToken.equals(r.getShareToken()))
                .map(StatStore::toStat);
    }

    /** A live stat by id, only if it is public: what a visitor of any account may see. */
    public Optional<Stat> findLivePublic(long statId) {
        return dsl.selectFrom(STATS)
                .where(STATS.ID.eq(statId).and(STATS.IS_PUBLIC.isTrue()).and(STATS.DELETED_AT.eq(LIVE)))
                .fetchOptional().map(StatStore::toStat);
    }

    /** Who may see a live stat outside its account: whether it is public. */
    public record Visibility(long accountId, boolean isPublic) {
    }

    /** Of the given stats, the live ones, with their account and whether they are public. */
    public java.util.Map<Long, Visibility> liveVisibility(java.util.Collection<Long> statIds) {
        java.util.Map<Long, Visibility> live = new java.util.HashMap<>();
        for (List<Long> chunk : ActivityStore.chunks(statIds)) {
            dsl.select(STATS.ID, STATS.ACCOUNT_ID, STATS.IS_PUBLIC).from(STATS).where(STATS.ID.in(chunk))
                    .and(STATS.DELETED_AT.eq(LIVE))
                    .forEach(r -> live.put(r.value1(), new Visibility(r.value2(), r.value3())));
        }
        return live;
    }

    /** The live stats of those ids, by name. */
    public List<Stat> liveByIds(java.util.Collection<Long> statIds) {
        List<Stat> found = new java.util.ArrayList<>();
        for (List<Long> chunk : ActivityStore.chunks(statIds)) {
            found.addAll(dsl.selectFrom(STATS).where(STATS.ID.in(chunk)).and(STATS.DELETED_AT.eq(LIVE))
                    .fetch(StatStore::toStat));
        }
        found.sort(java.util.Comparator.comparing(Stat::name).thenComparingLong(Stat::id));
        return found;
    }

    /** Live stats with ids above {@code idAbove} (ids grow with time: the newest), oldest first. */
    public List<Stat> liveAbove(long idAbove, int limit) {
        return dsl.selectFrom(STATS).where(STATS.ID.gt(idAbove)).and(STATS.DELETED_AT.eq(LIVE))
                .orderBy(STATS.ID).limit(limit).fetch(StatStore::toStat);
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

    /**
     * Moves a live stat of the account to the trash; false if there was none. The api-servers
     * hear of it through {@link DirectoryChanges}.
     */
    public boolean softDelete(long accountId, long statId, long nowMillis) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            boolean deleted = db.update(STATS).set(STATS.DELETED_AT, nowMillis)
                    .where(STATS.ID.eq(statId).and(STATS.ACCOUNT_ID.eq(accountId)).and(STATS.DELETED_AT.eq(LIVE)))
                    .execute() == 1;
            if (deleted) {
                DirectoryChanges.record(db, accountId, nowMillis);
            }
            return deleted;
        });
    }

    /** {@code %query%} with the query's own wildcards (and the escape character) escaped. */
    static String containsPattern(String query) {
        StringBuilder pattern = new StringBuilder(query.length() + 2).append('%');
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                pattern.append(LIKE_ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    private static Condition liveOf(long accountId, long statId) {
        return STATS.ID.eq(statId).and(STATS.ACCOUNT_ID.eq(accountId)).and(STATS.DELETED_AT.eq(LIVE));
    }

    static Stat toStat(StatsRecord r) {
        return new Stat(r.getId(), r.getAccountId(), r.getName(), r.getIsCounter(), r.getStatKey(), r.getIsPublic(),
                r.getCreatedAt());
    }
}
