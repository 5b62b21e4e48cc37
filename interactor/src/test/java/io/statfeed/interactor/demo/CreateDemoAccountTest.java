package io.statfeed.interactor.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.demo.CreateDemoAccount.DemoAccount;
import io.statfeed.interactor.demo.CreateDemoAccount.Outcome;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo is made once per backend (a month of history takes seconds) and shared by the tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateDemoAccountTest {
    private static final long NOW = World.NOW_SECONDS; // Tuesday 2023-11-14 22:13:20 UTC
    private static final long DAY = Resolution.DAY.seconds();
    private static final long HOUR = Resolution.HOUR.seconds();
    private static final long MINUTE = Resolution.MINUTE.seconds();

    @TempDir
    Path dataDir;

    private record Demo(World world, DemoAccount first, long millis) {
        Stat stat(DemoStat which) {
            return first.stats().get(which.ordinal());
        }

        List<Bucket> read(DemoStat which, Resolution resolution, long from, long to) {
            return world.buckets.read(stat(which).id(), resolution, from, to);
        }
    }

    private final Map<Backend, Demo> demos = new EnumMap<>(Backend.class);

    private Demo demo(Backend backend) {
        return demos.computeIfAbsent(backend, b -> {
            World world = new World(b, dataDir.resolve(b.name()));
            long started = System.nanoTime();
            DemoAccount first = useCase(world).createOrFind();
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("demo history on %s: %d buckets in %d ms%n", b, first.bucketsWritten(), millis);
            return new Demo(world, first, millis);
        });
    }

    private static CreateDemoAccount useCase(World world) {
        return new CreateDemoAccount(world.signUp, world.accounts, world.stats, world.buckets, world.dashboards,
                world.clock);
    }

    @AfterAll
    void closeWorlds() {
        demos.values().forEach(demo -> demo.world().close());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_demo_account_is_made_once_and_a_second_run_leaves_it_as_it_is(Backend backend) {
        Demo demo = demo(backend);
        List<Bucket> daysBefore = demo.read(DemoStat.PAGE_VIEWS, Resolution.DAY, 0, Long.MAX_VALUE);

        DemoAccount again = useCase(demo.world()).createOrFind();

        assertEquals(Outcome.CREATED, demo.first().outcome());
        assertEquals(Outcome.FOUND, again.outcome());
        assertEquals(demo.first().accountId(), again.accountId());
        assertEquals(demo.first().ezkey(), again.ezkey());
        assertEquals(demo.first().stats(), again.stats());
        assertEquals(0, again.bucketsWritten());
        assertEquals(daysBefore, demo.read(DemoStat.PAGE_VIEWS, Resolution.DAY, 0, Long.MAX_VALUE));
        assertEquals("demo@statfeed.local", again.email());
        assertEquals("demo-password", again.password());
        assertEquals(again.accountId(), demo.world().accounts.findByEzkey(again.ezkey()).orElseThrow().id());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_ten_stats_exist_with_data_ending_in_the_current_minute(Backend backend) {
        Demo demo = demo(backend);

        List<String> names = demo.first().stats().stream().map(Stat::name).toList();
        assertEquals(List.of("page views", "signups", "orders", "api requests", "errors", "emails sent",
                "api latency ms", "queue depth", "cpu %", "order value usd"), names);
        for (DemoStat which : List.of(DemoStat.PAGE_VIEWS, DemoStat.API_REQUESTS, DemoStat.API_LATENCY_MS,
                DemoStat.QUEUE_DEPTH, DemoStat.CPU_PERCENT)) {
            List<Bucket> lastHour = demo.read(which, Resolution.MINUTE, Resolution.HOUR.bucketStart(NOW), NOW + 1);
            assertEquals(Resolution.MINUTE.bucketStart(NOW), lastHour.get(lastHour.size() - 1).start(), which.name());
        }
        for (DemoStat which : DemoStat.values()) {
            assertEquals(which.counter(), demo.stat(which).counter(), which.name());
            assertEquals(NOW - 30 * DAY, demo.stat(which).createdAtMillis() / 1_000);
            assertTrue(demo.read(which, Resolution.MINUTE, 0, NOW - 30 * DAY).isEmpty(), "a month, no more");
            assertEquals(1, demo.read(which, Resolution.HOUR, Resolution.HOUR.bucketStart(NOW), NOW + 1).size());
            assertEquals(31, demo.read(which, Resolution.DAY, 0, Long.MAX_VALUE).size(), which.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_newcomer_finds_an_overview_dashboard_and_a_public_stat_to_embed(Backend backend) {
        Demo demo = demo(backend);
        long account = demo.first().accountId();

        List<Dashboard> dashboards = demo.world().dashboards.list(account);
        assertEquals(List.of(CreateDemoAccount.DASHBOARD), dashboards.stream().map(Dashboard::name).toList());
        assertEquals(List.of("page views", "signups", "orders", "api latency ms", "errors", "cpu %"),
                demo.world().dashboards.stats(account, dashboards.get(0).id()).stream().map(Stat::name).toList());
        assertEquals(List.of("page views"), demo.first().stats().stream().map(Stat::id)
                .map(id -> demo.world().stats.findLivePublic(id)).flatMap(Optional::stream).map(Stat::name).toList());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hour_buckets_are_the_sums_of_their_minutes_and_day_buckets_the_sums_of_their_hours(Backend backend) {
        Demo demo = demo(backend);
        long today = Resolution.DAY.bucketStart(NOW);
        List<Long> sampleHours = List.of(today - 29 * DAY + 3 * HOUR, today - 9 * DAY + 3 * HOUR,
                today - 3 * DAY + 14 * HOUR, today - DAY + 12 * HOUR, Resolution.HOUR.bucketStart(NOW));

        for (DemoStat which : DemoStat.values()) {
            for (long hour : sampleHours) {
                Bucket stored = demo.read(which, Resolution.HOUR, hour, hour + 1).get(0);
                assertSameSums(sum(hour, demo.read(which, Resolution.MINUTE, hour, hour + HOUR)), stored, which);
            }
            long day = today - 5 * DAY;
            Bucket stored = demo.read(which, Resolution.DAY, day, day + 1).get(0);
            assertSameSums(sum(day, demo.read(which, Resolution.HOUR, day, day + DAY)), stored, which);
            assertSameSums(sum(day, demo.read(which, Resolution.MINUTE, day, day + DAY)), stored, which);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void page_views_are_higher_on_weekdays_than_at_weekends(Backend backend) {
        Demo demo = demo(backend);
        long today = Resolution.DAY.bucketStart(NOW);
        List<Bucket> wholeDays = demo.read(DemoStat.PAGE_VIEWS, Resolution.DAY, today - 29 * DAY, today);

        double weekdays = wholeDays.stream().filter(d -> DemoTraffic.weekday(d.start()) < 5)
                .mapToDouble(Bucket::total).average().orElseThrow();
        double weekends = wholeDays.stream().filter(d -> DemoTraffic.weekday(d.start()) >= 5)
                .mapToDouble(Bucket::total).average().orElseThrow();

        assertEquals(29, wholeDays.size());
        assertTrue(weekends < 0.75 * weekdays, "weekdays " + weekdays + " vs weekends " + weekends);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void traffic_is_low_at_night_and_grows_over_the_month(Backend backend) {
        Demo demo = demo(backend);
        long lastTuesday = Resolution.DAY.bucketStart(NOW) - 7 * DAY;
        long monthAgoTuesday = lastTuesday - 21 * DAY;

        double night = demo.read(DemoStat.PAGE_VIEWS, Resolution.HOUR, lastTuesday + 4 * HOUR, lastTuesday + 4 * HOUR + 1)
                .get(0).total();
        double afternoon = demo.read(DemoStat.PAGE_VIEWS, Resolution.HOUR, lastTuesday + 14 * HOUR,
                lastTuesday + 14 * HOUR + 1).get(0).total();
        double then = demo.read(DemoStat.PAGE_VIEWS, Resolution.DAY, monthAgoTuesday, monthAgoTuesday + 1).get(0).total();
        double now = demo.read(DemoStat.PAGE_VIEWS, Resolution.DAY, lastTuesday, lastTuesday + 1).get(0).total();

        assertTrue(night < afternoon / 3, "4 am " + night + " vs 2 pm " + afternoon);
        assertTrue(now > then * 1.2, "a Tuesday three weeks earlier " + then + " vs last Tuesday " + now);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_bad_deploy_and_the_database_failover_stand_out_as_the_worst_minutes(Backend backend) {
        Demo demo = demo(backend);
        DemoTraffic story = new DemoTraffic(NOW, CreateDemoAccount.SEED);

        Bucket mostErrors = worst(demo.read(DemoStat.ERRORS, Resolution.MINUTE, 0, Long.MAX_VALUE), false);
        Bucket slowest = worst(demo.read(DemoStat.API_LATENCY_MS, Resolution.MINUTE, 0, Long.MAX_VALUE), true);

        assertTrue(within(story.badDeploy, mostErrors.start()), "errors peak at " + mostErrors);
        assertTrue(mostErrors.total() > 40, mostErrors.toString());
        assertTrue(within(story.databaseFailover, slowest.start()), "latency peaks at " + slowest);
        assertTrue(slowest.total() / slowest.n() > 300, slowest.toString());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void every_value_bucket_is_a_possible_summary_of_its_measurements(Backend backend) {
        Demo demo = demo(backend);
        long day = Resolution.DAY.bucketStart(NOW) - 9 * DAY;

        for (DemoStat which : DemoStat.values()) {
            for (Bucket b : demo.read(which, Resolution.MINUTE, day, day + DAY)) {
                double mean = b.total() / b.n();
                assertTrue(b.n() > 0 && b.min() <= mean + 1e-9 && mean <= b.max() + 1e-9, which + " " + b);
                assertTrue(b.sumSquares() >= b.total() * mean - 1e-6 * b.sumSquares(), which + " " + b);
                assertTrue(b.min() >= 0, which + " " + b);
            }
        }
    }

    @Test
    void the_demo_writes_under_its_own_node_so_api_server_checkpoints_are_untouched() {
        Demo demo = demo(Backend.EMBEDDED);

        assertEquals(BucketStore.NO_CHECKPOINT, demo.world().buckets.checkpoint("test-node"));
        long groups = demo.world().buckets.checkpoint(CreateDemoAccount.NODE_ID);
        assertTrue(groups > 10, "minutes go in many batches, got " + groups);
    }

    @Test
    void the_same_end_time_gives_the_same_history_to_the_last_digit() {
        DemoSampler one = new DemoSampler(new DemoTraffic(NOW, CreateDemoAccount.SEED), CreateDemoAccount.SEED);
        DemoSampler two = new DemoSampler(new DemoTraffic(NOW, CreateDemoAccount.SEED), CreateDemoAccount.SEED);
        long start = Resolution.MINUTE.bucketStart(NOW) - DAY;

        for (long minute = start; minute < start + DAY; minute += MINUTE) {
            assertArrayEquals(one.minute(minute, 1), two.minute(minute, 1));
        }
    }

    private static Bucket worst(List<Bucket> minutes, boolean byMean) {
        Bucket worst = minutes.get(0);
        for (Bucket b : minutes) {
            double score = byMean ? b.total() / b.n() : b.total();
            if (score > (byMean ? worst.total() / worst.n() : worst.total())) {
                worst = b;
            }
        }
        return worst;
    }

    private static boolean within(DemoTraffic.Incident incident, long second) {
        return second >= incident.start() && second < incident.end();
    }

    private static Bucket sum(long start, List<Bucket> parts) {
        long n = 0;
        double total = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double squares = 0;
        for (Bucket b : parts) {
            n += b.n();
            total += b.total();
            min = Math.min(min, b.min());
            max = Math.max(max, b.max());
            squares += b.sumSquares();
        }
        return new Bucket(start, n, total, min, max, squares);
    }

    private static void assertSameSums(Bucket expected, Bucket actual, DemoStat which) {
        String what = which + " at " + actual.start();
        assertEquals(expected.start(), actual.start(), what);
        assertEquals(expected.n(), actual.n(), what);
        assertEquals(expected.total(), actual.total(), 1e-9 * Math.abs(expected.total()), what);
        assertEquals(expected.min(), actual.min(), what);
        assertEquals(expected.max(), actual.max(), what);
        assertEquals(expected.sumSquares(), actual.sumSquares(), 1e-9 * Math.abs(expected.sumSquares()), what);
    }
}
