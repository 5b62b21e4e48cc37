package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.BUCKETS;
import static io.statfeed.core.storage.schema.Tables.INGEST_CHECKPOINTS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.least;
import static org.jooq.impl.DSL.max;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/** Aggregated buckets, written in batched upserts that merge with what is stored. */
public final class BucketStore {
    /** Rows per batched statement: large enough to amortise round trips, small enough for any packet limit. */
    public static final int BATCH_ROWS = 1_000;
    public static final long NO_CHECKPOINT = -1;

    /** One bucket of one stat at one resolution. */
    public record StatBucket(long statId, Resolution resolution, Bucket bucket) {
    }

    private final DSLContext dsl;

    public BucketStore(Database database) {
        this.dsl = database.dsl();
    }

    /**
     * Adds the buckets to the stored ones and records, in the same transaction, that the node's
     * journal has been written up to {@code groupSeq}: either both happen or neither does.
     */
    public void add(Collection<StatBucket> buckets, String nodeId, long groupSeq, long nowMillis) {
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            BatchBindStep batch = null;
            int rows = 0;
            for (StatBucket row : buckets) {
                if (batch == null) {
                    batch = db.batch(upsert(db));
                }
                Bucket b = row.bucket();
                batch.bind(row.statId(), row.resolution().code(), b.start(), b.n(), b.total(), b.min(), b.max(),
                        b.sumSquares());
                if (++rows == BATCH_ROWS) {
                    batch.execute();
                    batch = null;
                    rows = 0;
                }
            }
            if (batch != null) {
                batch.execute();
            }
            db.insertInto(INGEST_CHECKPOINTS)
                    .set(INGEST_CHECKPOINTS.NODE_ID, nodeId)
                    .set(INGEST_CHECKPOINTS.GROUP_SEQ, groupSeq)
                    .set(INGEST_CHECKPOINTS.UPDATED_AT, nowMillis)
                    .onDuplicateKeyUpdate()
                    .set(INGEST_CHECKPOINTS.GROUP_SEQ, groupSeq)
                    .set(INGEST_CHECKPOINTS.UPDATED_AT, nowMillis)
                    .execute();
        });
    }

    /** The last journal group of the node that is in storage, or {@link #NO_CHECKPOINT}. */
    public long checkpoint(String nodeId) {
        Long seq = dsl.select(INGEST_CHECKPOINTS.GROUP_SEQ).from(INGEST_CHECKPOINTS)
                .where(INGEST_CHECKPOINTS.NODE_ID.eq(nodeId)).fetchOne(INGEST_CHECKPOINTS.GROUP_SEQ);
        return seq == null ? NO_CHECKPOINT : seq;
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
