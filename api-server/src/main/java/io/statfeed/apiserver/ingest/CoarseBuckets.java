package io.statfeed.apiserver.ingest;

import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore.StatBucket;
import java.util.List;

/**
 * Hour and day buckets rolled up from minute buckets, held until they are written. They are
 * written less often than minutes: the same stat's hour and day rows would otherwise be rewritten
 * at every flush, two thirds of all the rows storage takes. Not thread-safe.
 */
final class CoarseBuckets {
    private final BucketTable hours = new BucketTable();
    private final BucketTable days = new BucketTable();

    /** Adds every minute of the table to its hour and its day. */
    void rollUp(BucketTable minutes) {
        for (int i = 0; i < minutes.size(); i++) {
            long stat = minutes.statId(i);
            long start = minutes.start(i);
            hours.add(stat, Resolution.HOUR.bucketStart(start), minutes.count(i), minutes.total(i), minutes.min(i),
                    minutes.max(i), minutes.sumSquares(i));
            days.add(stat, Resolution.DAY.bucketStart(start), minutes.count(i), minutes.total(i), minutes.min(i),
                    minutes.max(i), minutes.sumSquares(i));
        }
    }

    int size() {
        return hours.size() + days.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Appends every hour and day bucket to {@code rows}. */
    void addRowsTo(List<StatBucket> rows) {
        Aggregate.addRows(rows, Resolution.HOUR, hours);
        Aggregate.addRows(rows, Resolution.DAY, days);
    }
}
