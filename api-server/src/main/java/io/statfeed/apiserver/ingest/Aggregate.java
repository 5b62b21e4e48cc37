package io.statfeed.apiserver.ingest;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore.StatBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minute buckets summed in memory between flushes. Hour and day buckets are rolled up from the
 * minutes when the aggregate is written, so the request path touches one bucket per point.
 * Not thread-safe: one thread owns an aggregate at a time.
 */
final class Aggregate {
    private final Map<Key, Accumulator> minutes = new HashMap<>();

    private record Key(long statId, long start) {
    }

    private static final class Accumulator {
        long n;
        double total;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sumSquares;

        void add(long count, double sum, double low, double high, double squares) {
            n += count;
            total += sum;
            min = Math.min(min, low);
            max = Math.max(max, high);
            sumSquares += squares;
        }

        Bucket toBucket(long start) {
            return new Bucket(start, n, total, min, max, sumSquares);
        }
    }

    void merge(Delta delta) {
        delta.forEach((statId, minute, n, total, min, max, squares) ->
                minutes.computeIfAbsent(new Key(statId, minute), k -> new Accumulator()).add(n, total, min, max, squares));
    }

    void merge(Aggregate other) {
        other.minutes.forEach((key, acc) -> addInto(minutes, key, acc));
    }

    int size() {
        return minutes.size();
    }

    boolean isEmpty() {
        return minutes.isEmpty();
    }

    /** Every minute bucket, plus the hour and day buckets they add up to. */
    List<StatBucket> toRows() {
        Map<Key, Accumulator> hours = new HashMap<>();
        Map<Key, Accumulator> days = new HashMap<>();
        List<StatBucket> rows = new ArrayList<>(minutes.size() * 3);
        minutes.forEach((key, acc) -> {
            rows.add(new StatBucket(key.statId(), Resolution.MINUTE, acc.toBucket(key.start())));
            rollInto(hours, Resolution.HOUR, key, acc);
            rollInto(days, Resolution.DAY, key, acc);
        });
        hours.forEach((key, acc) -> rows.add(new StatBucket(key.statId(), Resolution.HOUR, acc.toBucket(key.start()))));
        days.forEach((key, acc) -> rows.add(new StatBucket(key.statId(), Resolution.DAY, acc.toBucket(key.start()))));
        return rows;
    }

    private static void rollInto(Map<Key, Accumulator> coarser, Resolution resolution, Key minute, Accumulator acc) {
        addInto(coarser, new Key(minute.statId(), resolution.bucketStart(minute.start())), acc);
    }

    private static void addInto(Map<Key, Accumulator> into, Key key, Accumulator acc) {
        into.computeIfAbsent(key, k -> new Accumulator()).add(acc.n, acc.total, acc.min, acc.max, acc.sumSquares);
    }
}
