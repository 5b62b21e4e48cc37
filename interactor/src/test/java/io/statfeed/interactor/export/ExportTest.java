package io.statfeed.interactor.export;

import static io.statfeed.interactor.testing.World.NOW_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.accounts.SignUp.SignedUp;
import io.statfeed.interactor.export.ReadStatData.DataPoint;
import io.statfeed.interactor.export.ReadStatData.StatData;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportTest {
    /** 1h10m at NOW_SECONDS: six ten-minute intervals, the last holding now. */
    private static final long WINDOW_START = 1_699_996_800L;
    private static final long TEN_MINUTES = 600;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_stat_list_holds_the_accounts_live_stats_ordered_by_name(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat signups = world.counter(ada, "signups");
            world.value(ada, "load");
            Stat deleted = world.counter(ada, "old");
            world.stats.softDelete(ada.accountId(), deleted.id(), world.clock.millis());
            world.counter(world.newAccount(), "someone else's");

            List<ExportedStat> listed = listStats(world).list(ada.accessToken(), 0);

            assertEquals(List.of("load", "signups"), listed.stream().map(ExportedStat::name).toList());
            assertEquals(new ExportedStat(signups.id(), "signups", false, true, signups.key()), listed.get(1));
        }
    }

    @Test
    void the_stat_list_pages_by_ten_thousand_from_the_offset_as_stathat_does() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            List<String> names = new ArrayList<>();
            IntStream.range(0, ListStats.PAGE_SIZE + 5).forEach(i -> names.add(String.format("stat %05d", i)));
            List<String> shuffled = new ArrayList<>(names);
            Collections.shuffle(shuffled);
            shuffled.forEach(name -> world.counter(ada, name));

            List<ExportedStat> first = listStats(world).list(ada.accessToken(), 0);
            List<ExportedStat> second = listStats(world).list(ada.accessToken(), ListStats.PAGE_SIZE);

            assertEquals(names.subList(0, ListStats.PAGE_SIZE), first.stream().map(ExportedStat::name).toList());
            assertEquals(names.subList(ListStats.PAGE_SIZE, names.size()),
                    second.stream().map(ExportedStat::name).toList());
            assertEquals(List.of(), listStats(world).list(ada.accessToken(), Integer.MAX_VALUE));
        }
    }

    @Test
    void a_negative_offset_is_refused_with_the_parameter_named() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            assertEquals("offset must be 0 or more, got -1", assertThrows(InvalidInputException.class,
                    () -> listStats(world).list(ada.accessToken(), -1)).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_unknown_or_revoked_token_reads_nothing(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.counter(ada, "signups");
            world.accounts.revokeAccessToken(ada.accessToken(), world.clock.millis());

            for (String token : new String[] {ada.accessToken(), "nope", "", null, "x".repeat(10_000),
                    "' OR '1'='1"}) {
                assertThrows(UnauthorizedException.class, () -> listStats(world).list(token, 0));
                assertThrows(UnauthorizedException.class, () -> findStat(world).find(token, "signups"));
                assertThrows(UnauthorizedException.class, () -> readStatData(world)
                        .read(token, List.of(String.valueOf(stat.id())), "1h10m", Optional.empty()));
                assertThrows(UnauthorizedException.class,
                        () -> deleteStat(world).delete(token, String.valueOf(stat.id())));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_is_found_by_its_exact_name(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.value(ada, "Anmeldungen ü 日本 🚀");

            assertEquals(ExportedStat.of(stat), findStat(world).find(ada.accessToken(), "Anmeldungen ü 日本 🚀"));
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> findStat(world).find(ada.accessToken(), "anmeldungen ü 日本 🚀"));
            assertEquals("no stat named 'anmeldungen ü 日本 🚀'", e.getMessage());
            assertEquals("name is missing; ask for ?name=STAT_NAME", assertThrows(InvalidInputException.class,
                    () -> findStat(world).find(ada.accessToken(), " ")).getMessage());
        }
    }

    @Test
    void a_stat_of_another_account_is_not_found_by_name_or_id() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            SignedUp eve = world.newAccount();
            Stat adas = world.counter(ada, "signups");
            String id = String.valueOf(adas.id());

            assertThrows(NotFoundException.class, () -> findStat(world).find(eve.accessToken(), "signups"));
            assertThrows(NotFoundException.class,
                    () -> readStatData(world).read(eve.accessToken(), List.of(id), "1h10m", Optional.empty()));
            assertThrows(NotFoundException.class, () -> deleteStat(world).delete(eve.accessToken(), id));
            assertEquals(adas.id(), findStat(world).find(ada.accessToken(), "signups").id(), "still there");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "+1", "1.0", "1e3", "99999999999999999999", "9223372036854775808", "",
            "../1", "1 OR 1=1", "٣"})
    void an_id_that_is_no_stat_id_is_simply_not_found(String id) {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            assertThrows(NotFoundException.class,
                    () -> readStatData(world).read(ada.accessToken(), List.of(id), "1h10m", Optional.empty()));
            assertThrows(NotFoundException.class, () -> deleteStat(world).delete(ada.accessToken(), id));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_counter_is_summed_per_interval_and_empty_intervals_are_zero(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.counter(ada, "signups");
            storeSample(world, stat);

            List<StatData> data = readStatData(world)
                    .read(ada.accessToken(), List.of(String.valueOf(stat.id())), "1h10m", Optional.empty());

            assertEquals(List.of(new StatData(stat.id(), "signups", "1 hour @ 10 minutes", List.of(
                    point(0, 7), point(1, 0), point(2, 5), point(3, 0), point(4, 0), point(5, 1)))), data);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_value_is_averaged_per_interval_and_empty_intervals_are_left_out(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.value(ada, "load");
            storeSample(world, stat);

            List<StatData> data = readStatData(world)
                    .read(ada.accessToken(), List.of(String.valueOf(stat.id())), "1h10m", Optional.empty());

            assertEquals(List.of(point(0, 7.0 / 3), point(2, 5), point(5, 1)), data.get(0).points());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void several_stats_are_read_in_the_order_asked_and_a_repeated_id_once(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat a = world.counter(ada, "a");
            Stat b = world.value(ada, "b");
            world.store(b, Resolution.HOUR, Bucket.of(1_699_966_800L, 4)); // an hour bucket, read for 1d1h

            List<StatData> data = readStatData(world).read(ada.accessToken(),
                    List.of(String.valueOf(b.id()), String.valueOf(a.id()), String.valueOf(b.id())), "1d1h",
                    Optional.empty());

            assertEquals(List.of("b", "a"), data.stream().map(StatData::name).toList());
            assertEquals(List.of(new DataPoint(1_699_966_800L, 4)), data.get(0).points());
            assertEquals(24, data.get(1).points().size());
        }
    }

    @Test
    void a_frame_that_is_no_whole_number_of_intervals_reads_whole_intervals_up_to_now() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.counter(ada, "signups");
            storeSample(world, stat);

            // 1h of 25m intervals is read as three of them, 75m ending with the one holding now.
            List<DataPoint> points = readStatData(world)
                    .read(ada.accessToken(), List.of(String.valueOf(stat.id())), "1h25m", Optional.empty())
                    .get(0).points();

            assertEquals(List.of(new DataPoint(1_699_996_500L, 100 + 3 + 4), new DataPoint(1_699_998_000L, 5),
                    new DataPoint(1_699_999_500L, 1 + 100)), points);
        }
    }

    @Test
    void start_places_the_window_at_the_interval_that_holds_it() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.counter(ada, "signups");
            storeSample(world, stat);

            List<DataPoint> points = readStatData(world).read(ada.accessToken(), List.of(String.valueOf(stat.id())),
                    "20m10m", Optional.of(WINDOW_START + 2 * TEN_MINUTES + 59)).get(0).points();

            assertEquals(List.of(point(2, 5), point(3, 0)), points);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_frame_older_than_the_minute_retention_reads_its_hours(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.counter(ada, "signups");
            long hour = Resolution.HOUR.bucketStart(NOW_SECONDS) - 60 * Resolution.DAY.seconds();
            // Two months back only hours are left (their minutes pruned); a minute from now is still there.
            world.store(stat, Resolution.HOUR, Bucket.of(hour, 7), Bucket.of(hour + 3_600, 2));
            world.store(stat, Resolution.MINUTE, Bucket.of(Resolution.MINUTE.bucketStart(NOW_SECONDS), 4));

            List<DataPoint> old = readStatData(world).read(ada.accessToken(), List.of(String.valueOf(stat.id())),
                    "2h30m", Optional.of(hour)).get(0).points();
            List<DataPoint> recent = readStatData(world).read(ada.accessToken(), List.of(String.valueOf(stat.id())),
                    "1h30m", Optional.empty()).get(0).points();

            assertEquals(List.of(new DataPoint(hour, 7), new DataPoint(hour + 1_800, 0), new DataPoint(hour + 3_600, 2),
                    new DataPoint(hour + 5_400, 0)), old, "each hour in the half hour it begins");
            assertEquals(4, recent.stream().mapToDouble(DataPoint::value).sum(), "recent frames read minutes");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, ReadStatData.MAX_START_SECONDS + 1, Long.MAX_VALUE, Long.MIN_VALUE})
    void a_start_outside_year_0_to_9999_is_refused_with_the_parameter_named(long start) {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.counter(ada, "signups");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> readStatData(world)
                    .read(ada.accessToken(), List.of(String.valueOf(stat.id())), "1h10m", Optional.of(start)));
            assertTrue(e.getMessage().startsWith("start must be unix seconds between 0 and 253402300799, got "),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1w", "1x3h", "999999y1m", "0d1h", "1h1d", "1w3h; DROP TABLE stats", "１w３h"})
    void a_bad_time_frame_is_refused_with_the_parameter_named(String t) {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.counter(ada, "signups");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> readStatData(world)
                    .read(ada.accessToken(), List.of(String.valueOf(stat.id())), t, Optional.empty()));
            assertTrue(e.getMessage().startsWith("parameter t: "), e.getMessage());
        }
    }

    @Test
    void at_most_twenty_stats_are_read_at_once() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            SignedUp ada = world.newAccount();
            List<String> ids = IntStream.range(0, 21).mapToObj(i -> String.valueOf(world.counter(ada, "s" + i).id()))
                    .toList();

            assertEquals("at most 20 stat ids may be read at once, got 21", assertThrows(InvalidInputException.class,
                    () -> readStatData(world).read(ada.accessToken(), ids, "1h10m", Optional.empty())).getMessage());
            assertEquals(20, readStatData(world)
                    .read(ada.accessToken(), ids.subList(0, 20), "1h10m", Optional.empty()).size());
            assertThrows(InvalidInputException.class,
                    () -> readStatData(world).read(ada.accessToken(), List.of(), "1h10m", Optional.empty()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_deleted_stat_leaves_the_list_and_cannot_be_deleted_again(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.newAccount();
            Stat stat = world.counter(ada, "signups");
            String id = String.valueOf(stat.id());

            DeleteStat.DeletedStat deleted = deleteStat(world).delete(ada.accessToken(), id);
            assertEquals(stat.id(), deleted.id());
            assertTrue(deleted.honoured().everywhere(), "no api-server runs here, so none is waited for");

            assertEquals(List.of(), listStats(world).list(ada.accessToken(), 0));
            assertThrows(NotFoundException.class, () -> findStat(world).find(ada.accessToken(), "signups"));
            assertThrows(NotFoundException.class, () -> deleteStat(world).delete(ada.accessToken(), id));
        }
    }

    /** Minute buckets around the 1h10m window: 7 in the first interval, 5 in the third, 1 in the last. */
    private static void storeSample(World world, Stat stat) {
        world.store(stat, Resolution.MINUTE,
                new Bucket(WINDOW_START - 60, 1, 100, 100, 100, 10_000), // before the window
                new Bucket(WINDOW_START, 2, 3, 1, 2, 5),
                new Bucket(WINDOW_START + 60, 1, 4, 4, 4, 16),
                Bucket.of(WINDOW_START + 2 * TEN_MINUTES, 5),
                Bucket.of(NOW_SECONDS - NOW_SECONDS % 60, 1),
                Bucket.of(WINDOW_START + 6 * TEN_MINUTES, 100)); // after the window
    }

    private static DataPoint point(int interval, double value) {
        return new DataPoint(WINDOW_START + interval * TEN_MINUTES, value);
    }

    private static ListStats listStats(World world) {
        return new ListStats(world.tokens, world.stats);
    }

    private static FindStat findStat(World world) {
        return new FindStat(world.tokens, world.stats);
    }

    private static ReadStatData readStatData(World world) {
        return new ReadStatData(world.tokens, world.stats, world.seriesReader(), world.clock);
    }

    private static DeleteStat deleteStat(World world) {
        return new DeleteStat(world.tokens, world.stats, world.activities, world.honour, world.clock);
    }
}
