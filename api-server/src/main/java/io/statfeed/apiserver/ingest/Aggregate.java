package io.statfeed.apiserver.ingest;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore.StatBucket;
import java.util.List;

/**
 * Minute buckets summed in memory between flushes, so the request path touches one bucket per
 * point. Their hours and days are rolled up apart ({@link CoarseBuckets}).
 * Not thread-safe: one thread owns an aggregate at a time.
 */
final class Aggregate {
    private final BucketTable minutes = new BucketTable();

    void merge(Delta delta) {
        minutes.addAll(delta.minutes());
    }

    void merge(Aggregate other) {
        minutes.addAll(other.minutes);
    }

    int size() {
        return minutes.size();
    }

    boolean isEmpty() {
        return minutes.size() == 0;
    }

    BucketTable minutes() {
        return minutes;
    }

    /** Appends every minute bucket to {@code rows}. */
    void addRowsTo(List<StatBucket> rows) {
        addRows(rows, Resolution.MINUTE, minutes);
    }

    static void addRows(List<StatBucket> rows, Resolution resolution, BucketTable table) {
        for (int i = 0; i < table.size(); i++) {
            rows.add(new StatBucket(table.statId(i), resolution, new Bucket(table.start(i), table.count(i),
                    table.total(i), table.min(i), table.max(i), table.sumSquares(i))));
        }
    }
}
