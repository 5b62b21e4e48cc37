package io.statfeed.apiserver.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore.StatBucket;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateTest {
    @Test
    void minutes_roll_up_into_their_hour_and_day() {
        Delta delta = new Delta();
        delta.add(7, 3_600, 2);      // 01:00
        delta.add(7, 3_659, 4);      // 01:00, same minute
        delta.add(7, 7_199, 1);      // 01:59
        delta.add(7, 86_400 + 5, 8); // next day
        Aggregate aggregate = new Aggregate();
        aggregate.merge(delta);

        List<StatBucket> rows = aggregate.toRows().stream()
                .sorted(Comparator.comparing((StatBucket r) -> r.resolution()).thenComparing(r -> r.bucket().start()))
                .toList();
        assertEquals(List.of(
                new StatBucket(7, Resolution.MINUTE, new Bucket(3_600, 2, 6, 2, 4, 20)),
                new StatBucket(7, Resolution.MINUTE, new Bucket(7_140, 1, 1, 1, 1, 1)),
                new StatBucket(7, Resolution.MINUTE, new Bucket(86_400, 1, 8, 8, 8, 64)),
                new StatBucket(7, Resolution.HOUR, new Bucket(3_600, 3, 7, 1, 4, 21)),
                new StatBucket(7, Resolution.HOUR, new Bucket(86_400, 1, 8, 8, 8, 64)),
                new StatBucket(7, Resolution.DAY, new Bucket(0, 3, 7, 1, 4, 21)),
                new StatBucket(7, Resolution.DAY, new Bucket(86_400, 1, 8, 8, 8, 64))), rows);
    }

    @Test
    void a_delta_switches_from_scanning_to_hashing_without_losing_entries() {
        Delta delta = new Delta();
        for (int round = 0; round < 2; round++) {
            for (long stat = 0; stat < 100; stat++) {
                delta.add(stat, 60, 1);
            }
        }
        assertEquals(100, delta.size());
        long[] points = new long[1];
        delta.forEach((statId, minute, n, total, min, max, squares) -> points[0] += n);
        assertEquals(200, points[0]);
    }
}
