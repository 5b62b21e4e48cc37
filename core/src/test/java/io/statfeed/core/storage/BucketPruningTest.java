package io.statfeed.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retention's storage half: deleting the buckets of one resolution that start before a cutoff. */
class BucketPruningTest {
    private static final long NOW_MILLIS = 1_700_000_000_000L;
    private static final long MINUTE = Resolution.MINUTE.seconds();
    private static final long HOUR = Resolution.HOUR.seconds();
    private static final long DAY = Resolution.DAY.seconds();
    /** An hour-aligned cutoff, as retention uses. */
    private static final long CUTOFF = 1_697_400_000L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void minute_buckets_before_the_cutoff_go_and_everything_else_stays(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            BucketStore buckets = new BucketStore(database);
            StatStore stats = new StatStore(database);
            long account = newAccount(database);
            Stat busy = stats.createOrGet(account, "busy", true, NOW_MILLIS);
            Stat trashed = stats.createOrGet(account, "trashed", false, NOW_MILLIS);
            stats.softDelete(account, trashed.id(), NOW_MILLIS);
            // More old minutes of one stat than one statement deletes, so the loop has to go round.
            int busyOld = BucketStore.PRUNE_ROWS_PER_STATEMENT + 321;
            List<StatBucket> rows = new ArrayList<>();
            minutes(busy, CUTOFF - busyOld * MINUTE, CUTOFF + 90 * MINUTE).forEach(rows::add);
            minutes(trashed, CUTOFF - 5 * MINUTE, CUTOFF + 5 * MINUTE).forEach(rows::add);
            for (Stat stat : List.of(busy, trashed)) {
                rows.add(new StatBucket(stat.id(), Resolution.HOUR, Bucket.of(CUTOFF - 400 * DAY, 1)));
                rows.add(new StatBucket(stat.id(), Resolution.HOUR, Bucket.of(CUTOFF - HOUR, 2)));
                rows.add(new StatBucket(stat.id(), Resolution.DAY, Bucket.of(CUTOFF - 4_000 * DAY, 3)));
            }
            buckets.add(rows, "node", 1, NOW_MILLIS);

            assertEquals(busyOld + 5, buckets.deleteOlderThan(Resolution.MINUTE, CUTOFF));

            assertEquals(starts(CUTOFF, CUTOFF + 90 * MINUTE, MINUTE), startsOf(buckets, busy, Resolution.MINUTE),
                    "the minute at the cutoff and those after it stay");
            assertEquals(starts(CUTOFF, CUTOFF + 5 * MINUTE, MINUTE), startsOf(buckets, trashed, Resolution.MINUTE),
                    "a deleted stat's old minutes go as well");
            for (Stat stat : List.of(busy, trashed)) {
                assertEquals(List.of(CUTOFF - 400 * DAY, CUTOFF - HOUR), startsOf(buckets, stat, Resolution.HOUR));
                assertEquals(List.of(CUTOFF - 4_000 * DAY), startsOf(buckets, stat, Resolution.DAY));
            }
            assertEquals(0, buckets.deleteOlderThan(Resolution.MINUTE, CUTOFF), "a second run finds nothing");

            assertEquals(2, buckets.deleteOlderThan(Resolution.HOUR, CUTOFF - 30 * DAY));
            assertEquals(List.of(CUTOFF - HOUR), startsOf(buckets, busy, Resolution.HOUR));
            assertEquals(90, startsOf(buckets, busy, Resolution.MINUTE).size(), "hours went, minutes did not");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void small_statements_page_through_every_stat_until_none_is_left(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            // Three rows a statement, two stats a page: stats with exactly a statement of old buckets, and more.
            BucketStore buckets = new BucketStore(database, 3, 2);
            StatStore stats = new StatStore(database);
            long account = newAccount(database);
            List<Stat> made = new ArrayList<>();
            List<StatBucket> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Stat stat = stats.createOrGet(account, "stat " + i, true, NOW_MILLIS);
                made.add(stat);
                minutes(stat, CUTOFF - i * MINUTE, CUTOFF + MINUTE).forEach(rows::add); // i old minutes, one kept
            }
            buckets.add(rows, "node", 1, NOW_MILLIS);

            assertEquals(0 + 1 + 2 + 3 + 4, buckets.deleteOlderThan(Resolution.MINUTE, CUTOFF));

            for (Stat stat : made) {
                assertEquals(List.of(CUTOFF), startsOf(buckets, stat, Resolution.MINUTE), stat.name());
            }
        }
    }

    private static List<StatBucket> minutes(Stat stat, long from, long to) {
        return LongStream.iterate(from, t -> t < to, t -> t + MINUTE)
                .mapToObj(t -> new StatBucket(stat.id(), Resolution.MINUTE, Bucket.of(t, 1))).toList();
    }

    private static List<Long> starts(long from, long to, long step) {
        return LongStream.iterate(from, t -> t < to, t -> t + step).boxed().toList();
    }

    private static List<Long> startsOf(BucketStore buckets, Stat stat, Resolution resolution) {
        return buckets.read(stat.id(), resolution, Long.MIN_VALUE, Long.MAX_VALUE).stream().map(Bucket::start).toList();
    }

    private static long newAccount(Database database) {
        AccountStore.NewSignup signup = StorageTest.signup("u" + Ids.next() + "@example.com");
        new AccountStore(database).create(signup);
        return signup.accountId();
    }
}
