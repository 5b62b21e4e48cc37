package io.statfeed.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.retention.ForgetOldBuckets;
import io.statfeed.interactor.retention.RetentionHorizons;
import io.statfeed.scheduler.jobs.RetentionJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetentionJobTest {
    private static final Instant NOW = Instant.parse("2023-11-14T22:13:20Z");
    private static final long DAY = Resolution.DAY.seconds();

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_job_forgets_buckets_past_their_retention_and_a_second_run_changes_nothing(Backend backend) {
        try (Backend.TestDatabase db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            // A week of minutes and a year of hours, so the test's few buckets straddle both horizons.
            Settings.Retention retention = new Settings.Retention(Duration.ofDays(7), Duration.ofDays(365));
            BucketStore buckets = new BucketStore(database);
            Stat stat = newStat(database);
            long now = NOW.getEpochSecond();
            long today = Resolution.DAY.bucketStart(now);
            buckets.add(List.of(
                    new StatBucket(stat.id(), Resolution.MINUTE, Bucket.of(today - 8 * DAY, 1)),
                    new StatBucket(stat.id(), Resolution.MINUTE, Bucket.of(today - 6 * DAY, 2)),
                    new StatBucket(stat.id(), Resolution.HOUR, Bucket.of(today - 8 * DAY, 1)),
                    new StatBucket(stat.id(), Resolution.HOUR, Bucket.of(today - 400 * DAY, 3)),
                    new StatBucket(stat.id(), Resolution.DAY, Bucket.of(today - 400 * DAY, 3))), "node", 1, clock.millis());
            RetentionJob job = new RetentionJob(new ForgetOldBuckets(buckets, new RetentionHorizons(retention), clock));

            job.execute(null);
            job.execute(null);

            assertEquals(List.of(today - 6 * DAY), starts(buckets, stat, Resolution.MINUTE));
            assertEquals(List.of(today - 8 * DAY), starts(buckets, stat, Resolution.HOUR));
            assertEquals(List.of(today - 400 * DAY), starts(buckets, stat, Resolution.DAY));
        }
    }

    private static Stat newStat(Database database) {
        long accountId = Ids.next();
        new AccountStore(database).create(new AccountStore.NewSignup(Ids.next(), "u" + accountId + "@example.com",
                "hash", accountId, "ez" + Ids.next(), "uk" + Ids.next(), Ids.next(), "default", "tok" + Ids.next(),
                NOW.toEpochMilli()));
        return new StatStore(database).createOrGet(accountId, "views", true, NOW.toEpochMilli());
    }

    private static List<Long> starts(BucketStore buckets, Stat stat, Resolution resolution) {
        return buckets.read(stat.id(), resolution, Long.MIN_VALUE, Long.MAX_VALUE).stream().map(Bucket::start).toList();
    }
}
