package io.statfeed.interactor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.concurrent.InParallel;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            SeriesReader oneQuery = world.seriesReader();
            SeriesReader inSlices = inSlices(world);

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

            FoldedSeries read = inSlices(world).read(views, day);

            assertEquals(24 * 60, read.intervals().size());
            assertEquals(0, handedToPool.get());
        }
    }

    @Test
    void a_reader_needs_at_least_one_slice() {
        assertEquals("a window is read in at least one slice, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SeriesReader(null, null, null, InParallel.onCallingThread(), 0)).getMessage());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_quarter_of_half_hours_shows_hours_where_minutes_are_pruned_and_minutes_where_they_are_kept(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat views = world.counter(ada, "views");
            Stat latency = world.value(ada, "latency");
            Window quarter = Window.forFrame("3M30m", views, World.NOW_SECONDS);
            long minutesKept = world.horizons().keptFrom(Resolution.MINUTE, World.NOW_SECONDS);
            // From the first whole hour: an hour bucket that starts before the window is not read.
            long firstHour = Resolution.HOUR.bucketStart(quarter.start()) + Resolution.HOUR.seconds();
            History history = new History(firstHour, World.NOW_SECONDS, 7 * MINUTE);
            for (Stat stat : List.of(views, latency)) {
                history.storeRetained(world, stat);
            }
            assertEquals(List.of(), world.buckets.read(views.id(), Resolution.MINUTE, 0, minutesKept),
                    "minute buckets older than a month are gone, as after pruning");

            for (Stat stat : List.of(views, latency)) {
                SeriesReader reader = stat == views ? world.seriesReader() : inSlices(world);
                Map<Long, Double> read = byTime(reader.read(stat, quarter).points());
                Map<Long, Double> hours = landed(history.buckets(Resolution.HOUR), quarter, stat.counter());
                Map<Long, Double> minutes = landed(history.buckets(Resolution.MINUTE), quarter, stat.counter());
                int oldShown = 0;
                int recentShown = 0;
                for (long t = quarter.start(); t < quarter.end(); t += quarter.intervalSeconds()) {
                    if (t + quarter.intervalSeconds() <= minutesKept) {
                        assertEquals(shown(hours, t, stat), read.get(t), stat.name() + ": an old half hour, at " + t);
                        oldShown += read.getOrDefault(t, 0.0) > 0 ? 1 : 0;
                    } else if (t >= minutesKept + Resolution.HOUR.seconds() && t <= World.NOW_SECONDS) {
                        assertEquals(shown(minutes, t, stat), read.get(t), stat.name() + ": a recent half hour, at " + t);
                        recentShown += read.getOrDefault(t, 0.0) > 0 ? 1 : 0;
                    }
                }
                // Each old hour lands in the half hour holding its start; the half hour after it is empty.
                assertEquals((minutesKept - firstHour) / Resolution.HOUR.seconds(), oldShown,
                        stat.name() + ": every old hour shows its numbers");
                assertEquals((World.NOW_SECONDS - minutesKept - Resolution.HOUR.seconds()) / quarter.intervalSeconds() + 1,
                        recentShown, stat.name() + ": every recent half hour shows its own minutes, none is zero");
            }
            double counted = world.seriesReader().read(views, quarter).points().stream().mapToDouble(Point::value).sum();
            assertEquals(history.total(), counted, "nothing lost where hours give way to minutes, nothing counted twice");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void beyond_the_hour_retention_a_window_shows_days(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat views = world.counter(ada, "views");
            long interval = 150 * MINUTE; // fits minutes only, so a read starts from minutes
            long end = Math.floorDiv(World.NOW_SECONDS, interval) * interval + interval;
            Window window = new Window("800d150m", end - 800 * Resolution.DAY.seconds(), end, interval);
            long hoursKept = world.horizons().keptFrom(Resolution.HOUR, World.NOW_SECONDS);
            long minutesKept = world.horizons().keptFrom(Resolution.MINUTE, World.NOW_SECONDS);
            long firstDay = Resolution.DAY.bucketStart(window.start()) + Resolution.DAY.seconds();
            History history = new History(firstDay, World.NOW_SECONDS, 97 * MINUTE);
            history.storeRetained(world, views);

            Map<Long, Double> read = byTime(inSlices(world).read(views, window).points());

            Map<Long, Double> days = landed(history.buckets(Resolution.DAY), window, true);
            Map<Long, Double> hours = landed(history.buckets(Resolution.HOUR), window, true);
            Map<Long, Double> minutes = landed(history.buckets(Resolution.MINUTE), window, true);
            int checked = 0;
            for (long t = window.start(); t < window.end(); t += interval) {
                Map<Long, Double> expected = t + interval <= hoursKept ? days
                        : t >= hoursKept + Resolution.DAY.seconds() && t + interval <= minutesKept ? hours
                        : t >= minutesKept + Resolution.HOUR.seconds() ? minutes : null;
                if (expected != null) {
                    assertEquals(expected.getOrDefault(t, 0.0), read.get(t), "at " + t);
                    checked++;
                }
            }
            assertTrue(checked > window.intervals() - 30, "all but the intervals where resolutions meet");
            assertTrue(days.keySet().stream().filter(t -> t < hoursKept).count() > 60, "some 70 days shown as days");
            assertEquals(history.total(), read.values().stream().mapToDouble(Double::doubleValue).sum());
        }
    }

    private SeriesReader inSlices(World world) {
        return new SeriesReader(world.buckets, world.horizons(), world.clock, new InParallel(countingPool), 4);
    }

    /** A counter shows 0 in an empty interval, a value stat no point at all. */
    private static Double shown(Map<Long, Double> landed, long t, Stat stat) {
        return stat.counter() ? landed.getOrDefault(t, 0.0) : landed.get(t);
    }

    private static Map<Long, Double> byTime(List<Point> points) {
        Map<Long, Double> byTime = new HashMap<>();
        points.forEach(point -> byTime.put(point.time(), point.value()));
        return byTime;
    }

    /**
     * What a window shows of the buckets: each in the interval that holds its start, a counter's
     * summed, a value's averaged over its points.
     */
    private static Map<Long, Double> landed(Collection<Bucket> buckets, Window window, boolean counter) {
        Map<Long, long[]> counts = new TreeMap<>();
        Map<Long, Double> totals = new TreeMap<>();
        for (Bucket bucket : buckets) {
            if (bucket.start() >= window.start() && bucket.start() < window.end()) {
                long t = window.start() + (bucket.start() - window.start()) / window.intervalSeconds()
                        * window.intervalSeconds();
                counts.computeIfAbsent(t, k -> new long[1])[0] += bucket.n();
                totals.merge(t, bucket.total(), Double::sum);
            }
        }
        Map<Long, Double> shown = new HashMap<>();
        totals.forEach((t, total) -> shown.put(t, counter ? total : total / counts.get(t)[0]));
        return shown;
    }

    /**
     * Whole-numbered points every {@code step} seconds, rolled up into minute, hour and day buckets
     * as the api-server writes them, and stored as retention leaves them: minutes and hours only
     * from where they are kept, days all.
     */
    private static final class History {
        private final Map<Resolution, Map<Long, Bucket>> rolledUp = new EnumMap<>(Resolution.class);
        private double total;

        History(long from, long until, long step) {
            for (Resolution resolution : Resolution.values()) {
                rolledUp.put(resolution, new TreeMap<>());
            }
            for (long t = from; t <= until; t += step) {
                double value = 1 + (t / step) % 9;
                total += value;
                for (Resolution resolution : Resolution.values()) {
                    rolledUp.get(resolution).merge(resolution.bucketStart(t),
                            Bucket.of(resolution.bucketStart(t), value), History::sum);
                }
            }
        }

        Collection<Bucket> buckets(Resolution resolution) {
            return rolledUp.get(resolution).values();
        }

        double total() {
            return total;
        }

        void storeRetained(World world, Stat stat) {
            for (Resolution resolution : Resolution.values()) {
                long kept = world.horizons().keptFrom(resolution, World.NOW_SECONDS);
                world.store(stat, resolution, buckets(resolution).stream().filter(b -> b.start() >= kept)
                        .toArray(Bucket[]::new));
            }
        }

        private static Bucket sum(Bucket a, Bucket b) {
            return new Bucket(a.start(), a.n() + b.n(), a.total() + b.total(), Math.min(a.min(), b.min()),
                    Math.max(a.max(), b.max()), a.sumSquares() + b.sumSquares());
        }
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
