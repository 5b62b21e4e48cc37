package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.BUCKETS;
import static io.statfeed.core.storage.schema.Tables.INGEST_CHECKPOINTS;
import static io.statfeed.core.storage.schema.Tables.STATS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.least;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/** Aggregated buckets, written in batched upserts that merge with what is stored. */
public final class BucketStore {
    /** Rows per batched statement: large enough to amortise round trips, small enough for any packet limit. */
    public static final int BATCH_ROWS = 1_000;
    public static final long NO_CHECKPOINT = -1;
    /**
     * Rows one pruning statement deletes at most. Each statement commits on its own, so on MariaDB
     * no transaction holds the locks of a large delete while the api-servers upsert.
     */
    public static final int PRUNE_ROWS_PER_STATEMENT = 10_000;
    /** Stat ids read at a time while pruning: the walk over the stats holds no cursor open while it deletes. */
    public static final int PRUNE_STATS_PER_PAGE = 1_000;
    /** Below every stat id, where the walk over the stats starts. */
    private static final long BEFORE_FIRST_STAT = Long.MIN_VALUE;

    /** One bucket of one stat at one resolution. */
    public record StatBucket(long statId, Resolution resolution, Bucket bucket) {
    }

    private final DSLContext dsl;
    private final String upsertSql;
    private final int pruneRows;
    private final int pruneStatsPerPage;

    public BucketStore(Database database) {
        this(database, PRUNE_ROWS_PER_STATEMENT, PRUNE_STATS_PER_PAGE);
    }

    /** For tests: fewer rows a pruning statement and stats a page, so that the batching is seen at work. */
    BucketStore(Database database, int pruneRows, int pruneStatsPerPage) {
        this.dsl = database.dsl();
        this.upsertSql = dsl.render(upsert(dsl));
        this.pruneRows = pruneRows;
        this.pruneStatsPerPage = pruneStatsPerPage;
    }

    /**
     * How far a node's journal is in storage: the last group whose minute buckets are stored, and
     * the last whose hour and day buckets are (an api-server writes those less often).
     */
    public record Checkpoint(long minuteSeq, long coarseSeq) {
        public static final Checkpoint NONE = new Checkpoint(NO_CHECKPOINT, NO_CHECKPOINT);

        /** Groups up to here are in storage at every resolution. */
        public long complete() {
            return Math.min(minuteSeq, coarseSeq);
        }
    }

    /**
     * Adds the buckets (any resolutions) to the stored ones and records, in the same transaction,
     * that the node's journal has been written up to {@code groupSeq} at every resolution: either
     * both happen or neither does.
     *
     * @return false when storage already held this checkpoint (nothing was added again)
     */
    public boolean add(Collection<StatBucket> buckets, String nodeId, long groupSeq, long nowMillis) {
        return add(buckets, nodeId, new Checkpoint(groupSeq, groupSeq), nowMillis);
    }

    /**
     * As {@link #add(Collection, String, long, long)}, with the minute and coarse checkpoints apart,
     * for tools and tests that own the node outright: an api-server writes through the fenced
     * {@link #add(Collection, String, String, Checkpoint, long)}.
     */
    public boolean add(Collection<StatBucket> buckets, String nodeId, Checkpoint checkpoint, long nowMillis) {
        return write(buckets, nodeId, null, checkpoint, nowMillis);
    }

    /**
     * As {@link #add(Collection, String, Checkpoint, long)}, but only while the node's checkpoint
     * carries {@code generation} (see {@link JournalLeaseStore}): a process whose journal identity
     * another process has claimed since writes nothing.
     *
     * @return false when storage already held this checkpoint: an earlier call (or attempt) committed
     * @throws IdentityLostException when the checkpoint belongs to another generation
     */
    public boolean add(Collection<StatBucket> buckets, String nodeId, String generation, Checkpoint checkpoint,
                       long nowMillis) {
        return write(buckets, nodeId, generation, checkpoint, nowMillis);
    }

    /**
     * Idempotent by the checkpoint: the transaction first reads (and locks) the node's stored
     * checkpoint, and adds nothing if it covers this one already, so the same call may be made
     * again after any failure, also one that left the outcome of the commit unknown (a database
     * node or the connection to it died after the commit was sent). It is, here: a rollback
     * (a deadlock, a Galera certification conflict) or a broken connection runs it again on a
     * fresh connection, a few times, before the failure reaches the caller. With a generation,
     * the stored checkpoint must carry it.
     */
    private boolean write(Collection<StatBucket> buckets, String nodeId, String generation, Checkpoint checkpoint,
                          long nowMillis) {
        return Retries.onConflictOrLostConnection(() -> dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            var stored = db.select(INGEST_CHECKPOINTS.GROUP_SEQ, INGEST_CHECKPOINTS.COARSE_SEQ,
                            INGEST_CHECKPOINTS.GENERATION)
                    .from(INGEST_CHECKPOINTS).where(INGEST_CHECKPOINTS.NODE_ID.eq(nodeId))
                    .forUpdate()
                    .fetchOptional().orElse(null);
            if (generation != null && (stored == null || !generation.equals(stored.value3()))) {
                throw new IdentityLostException(nodeId);
            }
            if (stored != null && stored.value1() >= checkpoint.minuteSeq() && stored.value2() >= checkpoint.coarseSeq()
                    && !new Checkpoint(stored.value1(), stored.value2()).equals(Checkpoint.NONE)) {
                return false;
            }
            db.connection(connection -> upsertAll(connection, buckets));
            db.insertInto(INGEST_CHECKPOINTS)
                    .set(INGEST_CHECKPOINTS.NODE_ID, nodeId)
                    .set(INGEST_CHECKPOINTS.GROUP_SEQ, checkpoint.minuteSeq())
                    .set(INGEST_CHECKPOINTS.COARSE_SEQ, checkpoint.coarseSeq())
                    .set(INGEST_CHECKPOINTS.UPDATED_AT, nowMillis)
                    .onDuplicateKeyUpdate()
                    .set(INGEST_CHECKPOINTS.GROUP_SEQ, checkpoint.minuteSeq())
                    .set(INGEST_CHECKPOINTS.COARSE_SEQ, checkpoint.coarseSeq())
                    .set(INGEST_CHECKPOINTS.UPDATED_AT, nowMillis)
                    .execute();
            return true;
        }));
    }

    /**
     * The upsert jOOQ renders for this database, bound and batched through JDBC directly: jOOQ's
     * own batch binding cost a third of a flush of 30,000 rows on H2 (BENCHMARKS.md).
     */
    private void upsertAll(Connection connection, Collection<StatBucket> buckets) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql)) {
            int rows = 0;
            for (StatBucket row : buckets) {
                Bucket b = row.bucket();
                upsert.setLong(1, row.statId());
                upsert.setString(2, row.resolution().code());
                upsert.setLong(3, b.start());
                upsert.setLong(4, b.n());
                upsert.setDouble(5, b.total());
                upsert.setDouble(6, b.min());
                upsert.setDouble(7, b.max());
                upsert.setDouble(8, b.sumSquares());
                upsert.addBatch();
                if (++rows == BATCH_ROWS) {
                    upsert.executeBatch();
                    rows = 0;
                }
            }
            if (rows > 0) {
                upsert.executeBatch();
            }
        }
    }

    /** The last journal group of the node whose minute buckets are in storage, or {@link #NO_CHECKPOINT}. */
    public long checkpoint(String nodeId) {
        return checkpoints(nodeId).minuteSeq();
    }

    /** How far the node's journal is in storage, at each resolution. */
    public Checkpoint checkpoints(String nodeId) {
        return dsl.select(INGEST_CHECKPOINTS.GROUP_SEQ, INGEST_CHECKPOINTS.COARSE_SEQ).from(INGEST_CHECKPOINTS)
                .where(INGEST_CHECKPOINTS.NODE_ID.eq(nodeId))
                .fetchOptional(r -> new Checkpoint(r.value1(), r.value2()))
                .orElse(Checkpoint.NONE);
    }

    /**
     * Buckets of a stat with start in [from, to), oldest first. A graph of a week of minutes reads
     * 10,080 of them, so rows are taken straight off the JDBC result set: a jOOQ record per row cost
     * half as much again as the database's own work (scripts/bench-web, BENCHMARKS.md).
     */
    public List<Bucket> read(long statId, Resolution resolution, long from, long to) {
        try (ResultSet rows = dsl.select(BUCKETS.T, BUCKETS.N, BUCKETS.TOTAL, BUCKETS.MINIMUM, BUCKETS.MAXIMUM,
                        BUCKETS.SUM_SQUARES)
                .from(BUCKETS)
                .where(BUCKETS.STAT_ID.eq(statId).and(BUCKETS.RESOLUTION.eq(resolution.code()))
                        .and(BUCKETS.T.ge(from)).and(BUCKETS.T.lt(to)))
                .orderBy(BUCKETS.T)
                .fetchResultSet()) {
            List<Bucket> buckets = new ArrayList<>();
            while (rows.next()) { // columns in the order selected
                buckets.add(new Bucket(rows.getLong(1), rows.getLong(2), rows.getDouble(3), rows.getDouble(4),
                        rows.getDouble(5), rows.getDouble(6)));
            }
            return buckets;
        } catch (SQLException e) {
            throw new DataAccessException("reading the buckets of stat " + statId, e);
        }
    }

    /**
     * The start (unix seconds) of the newest minute bucket of a stat: how fresh its data is.
     * Empty when it has no minute buckets, as before its first point or after minute retention.
     */
    public Optional<Long> newestMinuteStart(long statId) {
        return dsl.select(max(BUCKETS.T)).from(BUCKETS)
                .where(BUCKETS.STAT_ID.eq(statId).and(BUCKETS.RESOLUTION.eq(Resolution.MINUTE.code())))
                .fetchOptional(0, Long.class);
    }

    /** How many points a stat's buckets over a window hold, and their total. */
    public record Sums(long n, double total) {
        public static final Sums NONE = new Sums(0, 0);
    }

    /**
     * The sums of each stat's buckets with start in [from, to), added up by the database in one
     * query per {@link #BATCH_ROWS} stats: what every alert of a cycle needs of one window. Stats
     * without buckets there are absent from the answer.
     */
    public Map<Long, Sums> sums(Collection<Long> statIds, Resolution resolution, long from, long to) {
        Map<Long, Sums> found = new HashMap<>();
        List<Long> ids = List.copyOf(statIds);
        for (int i = 0; i < ids.size(); i += BATCH_ROWS) {
            dsl.select(BUCKETS.STAT_ID, sum(BUCKETS.N), sum(BUCKETS.TOTAL)).from(BUCKETS)
                    .where(BUCKETS.STAT_ID.in(ids.subList(i, Math.min(ids.size(), i + BATCH_ROWS))))
                    .and(BUCKETS.RESOLUTION.eq(resolution.code())).and(BUCKETS.T.ge(from)).and(BUCKETS.T.lt(to))
                    .groupBy(BUCKETS.STAT_ID)
                    .forEach(r -> found.put(r.value1(), new Sums(r.value2().longValue(), r.value3().doubleValue())));
        }
        return found;
    }

    /** A stat's days before some day: how many had data, the biggest day total, and the sum of all. */
    public record DayHistory(int days, double bestTotal, double total) {
        public static final DayHistory NONE = new DayHistory(0, 0, 0);
    }

    /** Each stat's day buckets starting before {@code beforeSeconds}, summed up (milestones are judged on them). */
    public Map<Long, DayHistory> dayHistory(Collection<Long> statIds, long beforeSeconds) {
        Map<Long, DayHistory> found = new HashMap<>();
        List<Long> ids = List.copyOf(statIds);
        for (int i = 0; i < ids.size(); i += BATCH_ROWS) {
            dsl.select(BUCKETS.STAT_ID, org.jooq.impl.DSL.count(), org.jooq.impl.DSL.max(BUCKETS.TOTAL), sum(BUCKETS.TOTAL))
                    .from(BUCKETS)
                    .where(BUCKETS.STAT_ID.in(ids.subList(i, Math.min(ids.size(), i + BATCH_ROWS))))
                    .and(BUCKETS.RESOLUTION.eq(Resolution.DAY.code())).and(BUCKETS.T.lt(beforeSeconds))
                    .groupBy(BUCKETS.STAT_ID)
                    .forEach(r -> found.put(r.value1(), new DayHistory(r.value2(), r.value3(), r.value4().doubleValue())));
        }
        return found;
    }

    /**
     * Deletes every bucket of the resolution that starts before {@code beforeSeconds}, of every
     * stat in the stats table (deleted ones too: they stay there, marked), in statements of at most
     * {@link #PRUNE_ROWS_PER_STATEMENT} rows, each committed on its own. Running it again, or on two
     * nodes at once, deletes nothing twice.
     *
     * @return how many buckets went
     */
    public long deleteOlderThan(Resolution resolution, long beforeSeconds) {
        long deleted = 0;
        for (List<Long> page = statIdsAfter(BEFORE_FIRST_STAT); !page.isEmpty();
             page = statIdsAfter(page.get(page.size() - 1))) {
            for (long statId : page) {
                deleted += deleteOlderThan(statId, resolution, beforeSeconds);
            }
        }
        return deleted;
    }

    /**
     * One stat's old buckets, a statement at a time. A statement names one stat because the primary
     * key (stat, resolution, start) leads with it: each is then a range of the key, reading only
     * the rows it deletes, where "resolution and start" alone would scan the table (or need an index
     * that every new bucket pays for at ingest). Not an IN list of stats: H2 2.5 miscounts, and
     * deletes past its LIMIT, a DELETE ... LIMIT over one.
     */
    private long deleteOlderThan(long statId, Resolution resolution, long beforeSeconds) {
        Query old = dsl.deleteFrom(BUCKETS)
                .where(BUCKETS.STAT_ID.eq(statId).and(BUCKETS.RESOLUTION.eq(resolution.code()))
                        .and(BUCKETS.T.lt(beforeSeconds)));
        // Not jOOQ's limit(): on H2 it becomes a row-value IN over a subquery, which took H2 minutes
        // for 10,000 rows. H2 (MySQL mode), MariaDB and MySQL all take LIMIT on a DELETE itself.
        Query batch = dsl.query("{0} limit {1}", old, val(pruneRows));
        long deleted = 0;
        int rows;
        do {
            rows = batch.execute();
            deleted += rows;
        } while (rows == pruneRows); // fewer than asked for: the stat has none left
        return deleted;
    }

    /** The next stat ids in order, live or deleted: a page of the walk over all stats. */
    private List<Long> statIdsAfter(long statId) {
        return dsl.select(STATS.ID).from(STATS).where(STATS.ID.gt(statId)).orderBy(STATS.ID).limit(pruneStatsPerPage)
                .fetch(STATS.ID);
    }

    /** Columns bound in this order: stat, resolution, start, n, total, min, max, sum of squares. */
    private static Query upsert(DSLContext db) {
        return db.insertInto(BUCKETS, BUCKETS.STAT_ID, BUCKETS.RESOLUTION, BUCKETS.T, BUCKETS.N, BUCKETS.TOTAL,
                        BUCKETS.MINIMUM, BUCKETS.MAXIMUM, BUCKETS.SUM_SQUARES)
                .values((Long) null, null, null, null, null, null, null, null)
                .onDuplicateKeyUpdate()
                .set(BUCKETS.N, BUCKETS.N.plus(excluded(BUCKETS.N)))
                .set(BUCKETS.TOTAL, BUCKETS.TOTAL.plus(excluded(BUCKETS.TOTAL)))
                .set(BUCKETS.MINIMUM, least(BUCKETS.MINIMUM, excluded(BUCKETS.MINIMUM)))
                .set(BUCKETS.MAXIMUM, greatest(BUCKETS.MAXIMUM, excluded(BUCKETS.MAXIMUM)))
                .set(BUCKETS.SUM_SQUARES, BUCKETS.SUM_SQUARES.plus(excluded(BUCKETS.SUM_SQUARES)));
    }
}
