package io.statfeed.apiserver.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore.StatBucket;
import java.util.ArrayList;
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
        CoarseBuckets coarse = new CoarseBuckets();
        coarse.rollUp(aggregate.minutes());

        List<StatBucket> all = new ArrayList<>();
        aggregate.addRowsTo(all);
        coarse.addRowsTo(all);
        List<StatBucket> rows = all.stream()
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
    void a_delta_growing_far_past_its_first_capacity_keeps_every_entry_and_sums_repeats() {
        Delta delta = new Delta();
        long firstId = 4_622_382_119_993_344L; // time-ordered ids, as Ids makes them: they differ in low bits only
        for (int round = 0; round < 2; round++) {
            for (long stat = 0; stat < 1_000; stat++) {
                delta.add(firstId + stat, 60 + stat % 3 * 60, 1);
            }
        }
        assertEquals(1_000, delta.size());
        BucketTable minutes = delta.minutes();
        long points = 0;
        for (int i = 0; i < minutes.size(); i++) {
            assertEquals(firstId + i, minutes.statId(i), "insertion order is kept");
            assertEquals(2, minutes.count(i));
            points += minutes.count(i);
        }
        assertEquals(2_000, points);
    }
}
