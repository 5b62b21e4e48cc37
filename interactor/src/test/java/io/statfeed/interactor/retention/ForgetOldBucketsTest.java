package io.statfeed.interactor.retention;

import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ForgetOldBucketsTest {
    private static final long MINUTE = Resolution.MINUTE.seconds();
    private static final long HOUR = Resolution.HOUR.seconds();
    private static final long DAY = Resolution.DAY.seconds();

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void minutes_older_than_a_month_and_hours_older_than_two_years_go_and_days_stay(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat views = world.counter(ada, "views");
            long minutesKept = world.horizons().keptFrom(Resolution.MINUTE, World.NOW_SECONDS);
            long hoursKept = world.horizons().keptFrom(Resolution.HOUR, World.NOW_SECONDS);
            world.store(views, Resolution.MINUTE, bucket(minutesKept - 40 * DAY, 1), bucket(minutesKept - MINUTE, 2),
                    bucket(minutesKept, 3), bucket(World.NOW_SECONDS - World.NOW_SECONDS % MINUTE, 4));
            world.store(views, Resolution.HOUR, bucket(hoursKept - 10 * DAY, 5), bucket(hoursKept - HOUR, 6),
                    bucket(hoursKept, 7), bucket(minutesKept - 40 * DAY, 1));
            world.store(views, Resolution.DAY, bucket(hoursKept - 3_000 * DAY, 8), bucket(hoursKept - DAY, 9));
            ForgetOldBuckets forget = new ForgetOldBuckets(world.buckets, world.horizons(), world.clock);

            assertEquals(new ForgetOldBuckets.Forgotten(2, 2), forget.forget());

            assertEquals(List.of(minutesKept, World.NOW_SECONDS - World.NOW_SECONDS % MINUTE),
                    starts(world, views, Resolution.MINUTE));
            assertEquals(List.of(hoursKept, minutesKept - 40 * DAY), starts(world, views, Resolution.HOUR));
            assertEquals(List.of(hoursKept - 3_000 * DAY, hoursKept - DAY), starts(world, views, Resolution.DAY));
            assertEquals(new ForgetOldBuckets.Forgotten(0, 0), forget.forget(), "run twice, the second finds nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void as_the_clock_moves_on_the_next_hour_of_minutes_goes(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Stat views = world.counter(world.newVisitor(), "views");
            long minutesKept = world.horizons().keptFrom(Resolution.MINUTE, World.NOW_SECONDS);
            world.store(views, Resolution.MINUTE, bucket(minutesKept, 1), bucket(minutesKept + 59 * MINUTE, 2),
                    bucket(minutesKept + HOUR, 3));
            ForgetOldBuckets forget = new ForgetOldBuckets(world.buckets, world.horizons(), world.clock);
            assertEquals(new ForgetOldBuckets.Forgotten(0, 0), forget.forget());

            world.clock.advance(Duration.ofHours(1));

            assertEquals(new ForgetOldBuckets.Forgotten(2, 0), forget.forget());
            assertEquals(List.of(minutesKept + HOUR), starts(world, views, Resolution.MINUTE));
        }
    }

    private static List<Long> starts(World world, Stat stat, Resolution resolution) {
        return world.buckets.read(stat.id(), resolution, Long.MIN_VALUE, Long.MAX_VALUE).stream().map(Bucket::start)
                .toList();
    }
}
