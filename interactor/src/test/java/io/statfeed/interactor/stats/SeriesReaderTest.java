package io.statfeed.interactor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statfeed.core.concurrent.InParallel;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeriesReaderTest {
    private static final long MINUTE = 60;

    @TempDir
    Path dataDir;

    private final ExecutorService pool = Executors.newFixedThreadPool(3);
    private final AtomicInteger handedToPool = new AtomicInteger();
    private final Executor countingPool = task -> {
        handedToPool.incrementAndGet();
        pool.execute(task);
    };

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_week_of_minutes_read_in_slices_at_the_same_time_folds_as_one_read_does(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat views = world.counter(ada, "views");
            Stat latency = world.value(ada, "latency");
            Window week = Window.forFrame("1w1m", views, World.NOW_SECONDS);
            storeEveryMinute(world, views, week, 3);
            storeEveryMinute(world, latency, week, 7);
            SeriesReader oneQuery = new SeriesReader(world.buckets);
            SeriesReader inSlices = new SeriesReader(world.buckets, new InParallel(countingPool), 4);

            for (Stat stat : List.of(views, latency)) {
                FoldedSeries whole = oneQuery.read(stat, week);
                assertEquals(7 * 24 * 60, whole.intervals().size());
                assertEquals(whole, inSlices.read(stat, week));
                // A week of half hours (the stat page's 1w) folds the same minutes, read in slices as well.
                Window halfHours = new Window("1w", week.start(), week.end(), Resolution.HOUR.seconds() / 2);
                assertEquals(oneQuery.read(stat, halfHours), inSlices.read(stat, halfHours));
            }
            assertEquals(4 * 3, handedToPool.get(), "four slices per read, three of them handed to the pool");
        }
    }

    @Test
    void a_day_of_minutes_is_read_in_one_query() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat views = world.counter(ada, "views");
            Window day = Window.forFrame("1d1m", views, World.NOW_SECONDS);
            storeEveryMinute(world, views, day, 1);

            FoldedSeries read = new SeriesReader(world.buckets, new InParallel(countingPool), 4).read(views, day);

            assertEquals(24 * 60, read.intervals().size());
            assertEquals(0, handedToPool.get());
        }
    }

    @Test
    void a_reader_needs_at_least_one_slice() {
        assertEquals("a window is read in at least one slice, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SeriesReader(null, InParallel.onCallingThread(), 0)).getMessage());
    }

    /** A bucket in every minute of the window, a different number in each, one outside at either end. */
    private static void storeEveryMinute(World world, Stat stat, Window window, int seed) {
        List<Bucket> minutes = new ArrayList<>();
        for (long t = window.start() - MINUTE; t <= window.end(); t += MINUTE) {
            double value = (t / MINUTE * seed) % 97;
            minutes.add(new Bucket(t, 2, 2 * value, value - 1, value + 1, 2 * value * value + 2));
        }
        world.store(stat, Resolution.MINUTE, minutes.toArray(Bucket[]::new));
    }
}
