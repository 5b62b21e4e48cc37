package io.statfeed.interactor.stats;

import static io.statfeed.core.storage.schema.Tables.STATS;
import static io.statfeed.interactor.testing.World.NOW_SECONDS;
import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.appservers.analysis.Analysis.Summary;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.sharing.CreateShareLink;
import io.statfeed.interactor.sharing.MakeStatPublic;
import io.statfeed.interactor.sharing.RevokeShareLink;
import io.statfeed.interactor.stats.ViewStat.StatPage;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ViewStatTest {
    /** 1h at NOW_SECONDS (22:13:20): sixty minutes from 21:14, the last holding now. */
    private static final long HOUR_START = 1_699_996_440L;
    private static final long HOUR_END = 1_700_000_040L;
    private static final long MINUTE = 60;
    private static final long DAY = 86_400;
    /** 2023-11-14T00:00:00Z, the day holding now; 1M, 3M and 1y end with it. */
    private static final long TODAY = 1_699_920_000L;
    private static final double EXACT = 1e-9;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_counters_hour_shows_sixty_minute_points_with_the_stored_counts_and_zeros_elsewhere(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            storeCounts(world, signups);

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), "1h");

            assertEquals(new Window("1h", HOUR_START, HOUR_END, MINUTE), page.window());
            assertEquals(minutePoints(HOUR_START, Map.of(0, 3.0, 10, 5.0, 59, 4.0)), page.points());
            assertEquals(NOW_SECONDS, page.nowSeconds());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_counters_summary_is_its_total_the_spread_over_every_minute_and_the_change_from_the_hour_before(
            Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            storeCounts(world, signups);

            Summary summary = viewStat(world).view(Optional.of(ada), id(signups), "1h").analysis().summary();

            // 3, 5 and 4 in three of sixty minutes: mean 12/60 = 0.2, and the squared deviations
            // sum to 3² + 5² + 4² - 60 * 0.2² = 47.6. The hour before counted 6 + 2 = 8.
            assertEquals(6, summary.points());
            assertEquals(12, summary.total());
            assertEquals(0.2, summary.mean().getAsDouble(), EXACT);
            assertEquals(OptionalDouble.of(0), summary.min());
            assertEquals(OptionalDouble.of(5), summary.max());
            assertEquals(Math.sqrt(47.6 / 60), summary.stddev().getAsDouble(), EXACT);
            assertEquals(OptionalDouble.of(8), summary.previous());
            assertEquals(50, summary.changePct().getAsDouble(), EXACT);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_hour_before_is_laid_over_this_one_shifted_by_an_hour(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            storeCounts(world, signups);

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), "1h");

            assertEquals(minutePoints(HOUR_START, Map.of(0, 6.0, 59, 2.0)), page.previousPoints());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_value_stat_averages_each_interval_and_leaves_empty_intervals_out(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat load = world.value(ada, "load");
            world.store(load, Resolution.MINUTE,
                    bucket(HOUR_START - MINUTE, 35),          // the hour before
                    bucket(HOUR_START, 10, 20),
                    bucket(HOUR_START + 5 * MINUTE, 40));

            StatPage page = viewStat(world).view(Optional.of(ada), id(load), "1h");

            assertEquals(List.of(new Point(HOUR_START, 15), new Point(HOUR_START + 5 * MINUTE, 40)), page.points());
            assertEquals(List.of(new Point(HOUR_START + 59 * MINUTE, 35)), page.previousPoints());
            // Over the points 10, 20 and 40: mean 70/3, squared deviations (40² + 10² + 50²)/9 = 4200/9.
            Summary summary = page.analysis().summary();
            assertEquals(3, summary.points());
            assertEquals(70, summary.total());
            assertEquals(70.0 / 3, summary.mean().getAsDouble(), EXACT);
            assertEquals(OptionalDouble.of(10), summary.min());
            assertEquals(OptionalDouble.of(40), summary.max());
            assertEquals(Math.sqrt(4200.0 / 9 / 3), summary.stddev().getAsDouble(), EXACT);
            assertEquals(OptionalDouble.of(35), summary.previous());
            assertEquals(-100.0 / 3, summary.changePct().getAsDouble(), EXACT);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_month_reads_hour_buckets_folded_into_three_hour_points(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            long monthStart = 1_697_414_400L;                   // 2023-10-16
            long lastInterval = 1_699_995_600L;                 // 21:00 to midnight
            world.store(signups, Resolution.HOUR,
                    bucket(monthStart, 1), bucket(lastInterval, 3, 4), bucket(lastInterval + 3_600, 2));
            // Other resolutions hold other numbers, to tell which one is read.
            world.store(signups, Resolution.MINUTE, bucket(lastInterval, 100));
            world.store(signups, Resolution.DAY, bucket(TODAY, 1_000));

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), "1M");

            assertEquals(new Window("1M", monthStart, TODAY + DAY, 3 * 3_600), page.window());
            assertEquals(240, page.points().size());
            assertEquals(new Point(monthStart, 1), page.points().get(0));
            assertEquals(new Point(lastInterval, 9), page.points().get(239));
            assertEquals(10, page.analysis().summary().total());
        }
    }

    @ParameterizedTest
    @CsvSource({"EMBEDDED, 3M, 90", "MARIADB, 3M, 90", "EMBEDDED, 1y, 365", "MARIADB, 1y, 365"})
    void a_quarter_and_a_year_read_day_buckets(Backend backend, String frame, int days) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            world.store(signups, Resolution.DAY, bucket(TODAY - DAY, 4), bucket(TODAY, 5, 6));
            world.store(signups, Resolution.HOUR, bucket(TODAY, 99));
            world.store(signups, Resolution.MINUTE, bucket(TODAY, 77));

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), frame);

            assertEquals(new Window(frame, TODAY + DAY - days * DAY, TODAY + DAY, DAY), page.window());
            assertEquals(days, page.points().size());
            assertEquals(List.of(new Point(TODAY - DAY, 4), new Point(TODAY, 11)),
                    page.points().subList(days - 2, days));
            assertEquals(15, page.analysis().summary().total());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void all_starts_on_the_day_the_stat_was_created(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");          // at 22:13 on the 14th
            world.store(signups, Resolution.DAY, bucket(TODAY, 5), bucket(TODAY + DAY, 1));
            world.clock.advance(Duration.ofHours(3));              // 01:13 on the 15th

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), "all");

            assertEquals(new Window("all", TODAY, TODAY + 2 * DAY, DAY), page.window());
            assertEquals(List.of(new Point(TODAY, 5), new Point(TODAY + DAY, 1)), page.points());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void all_of_a_stat_older_than_two_years_is_weekly_from_the_week_it_was_created(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            long created = NOW_SECONDS - 3 * 365 * DAY;           // 2020-11-14, a Saturday
            Stat signups = world.stats.createOrGet(ada.accountId(), "signups", true, created * 1_000);
            long createdWeek = 1_605_139_200L;                     // weeks start on Thursdays, as the epoch did
            long thisWeek = 1_699_488_000L;
            world.store(signups, Resolution.DAY, bucket(createdWeek + 2 * DAY, 3), bucket(TODAY, 4));

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), "all");

            assertEquals(new Window("all", createdWeek, thisWeek + 7 * DAY, 7 * DAY), page.window());
            assertEquals(157, page.points().size());
            assertEquals(new Point(createdWeek, 3), page.points().get(0));
            assertEquals(new Point(thisWeek, 4), page.points().get(156));
            assertEquals(7, page.analysis().summary().total());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_statHat_frame_such_as_a_week_of_three_hour_points_works(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            long weekStart = 1_699_401_600L;                       // 2023-11-08
            world.store(signups, Resolution.HOUR, bucket(weekStart, 2), bucket(TODAY + 21 * 3_600, 3));

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), "1w3h");

            assertEquals(new Window("1w3h", weekStart, TODAY + DAY, 3 * 3_600), page.window());
            assertEquals(56, page.points().size());
            assertEquals(new Point(weekStart, 2), page.points().get(0));
            assertEquals(new Point(TODAY + 21 * 3_600, 3), page.points().get(55));
            assertEquals(5, page.analysis().summary().total());
        }
    }

    @Test
    void a_statHat_frame_that_is_no_whole_number_of_intervals_shows_whole_intervals() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            long sevenHours = 7 * 3_600;
            long start = 1_699_916_400L;                           // four 7h intervals ending 05:00 on the 15th
            world.store(signups, Resolution.HOUR, bucket(start, 1), bucket(start + 3 * sevenHours, 2));

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), "1d7h");

            assertEquals(new Window("1d7h", start, start + 4 * sevenHours, sevenHours), page.window());
            assertEquals(List.of(new Point(start, 1), new Point(start + sevenHours, 0),
                    new Point(start + 2 * sevenHours, 0), new Point(start + 3 * sevenHours, 2)), page.points());
            assertEquals(3, page.analysis().summary().total());
        }
    }

    @Test
    void no_frame_means_a_day_of_five_minute_points() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), " ");

            assertEquals(new Window("1d", 1_699_913_700L, 1_700_000_100L, 300), page.window());
            assertEquals(288, page.points().size());
        }
    }

    @Test
    void a_bad_frame_is_refused_with_a_message_that_offers_the_named_frames() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");

            for (String frame : List.of("1m", "2d", "1x3h", "1h1d")) {
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> viewStat(world).view(Optional.of(ada), id(signups), frame));
                assertTrue(e.getMessage().startsWith("time frame tf: time frame '" + frame + "' "), e.getMessage());
                assertTrue(e.getMessage().endsWith("; or use one of 1h, 1d, 1w, 1M, 3M, 1y, all"), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_newest_minute_is_the_start_of_the_latest_minute_bucket(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            assertEquals(Optional.empty(), viewStat(world).view(Optional.of(ada), id(signups), "1h").newestMinute());

            world.store(signups, Resolution.MINUTE, bucket(HOUR_START + 58 * MINUTE, 1), bucket(HOUR_START, 1));
            world.store(signups, Resolution.HOUR, bucket(1_699_999_200L, 2));
            world.store(world.counter(ada, "other"), Resolution.MINUTE, bucket(HOUR_START + 59 * MINUTE, 1));

            assertEquals(Optional.of(HOUR_START + 58 * MINUTE),
                    viewStat(world).view(Optional.of(ada), id(signups), "1h").newestMinute());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_owner_sees_the_share_token_and_embeds_by_it_until_the_stat_is_public(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");

            StatPage unshared = viewStat(world).view(Optional.of(ada), id(signups), "1h");
            String token = new CreateShareLink(world.stats).create(ada, signups.id()).token();
            StatPage shared = viewStat(world).view(Optional.of(ada), id(signups), "1h");
            new MakeStatPublic(world.stats).makePublic(ada, signups.id(), true);
            StatPage published = viewStat(world).view(Optional.of(ada), id(signups), "1h");

            assertTrue(unshared.owned());
            assertEquals(signups, unshared.stat());
            assertEquals(Optional.empty(), unshared.embedKey());
            assertEquals(Optional.empty(), unshared.shareToken());
            assertEquals(Optional.of(token), shared.embedKey());
            assertEquals(Optional.of(token), shared.shareToken());
            assertEquals(Optional.of(id(signups)), published.embedKey());
            assertEquals(Optional.of(token), published.shareToken());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_visitor_of_a_public_stat_embeds_it_by_id_and_never_sees_its_share_token(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            new CreateShareLink(world.stats).create(ada, signups.id());
            new MakeStatPublic(world.stats).makePublic(ada, signups.id(), true);
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START, 2));

            for (Optional<Visitor> visitor : List.of(Optional.of(world.newVisitor()), Optional.<Visitor>empty())) {
                StatPage page = viewStat(world).view(visitor, id(signups), "1h");

                assertFalse(page.owned());
                assertEquals(signups.id(), page.stat().id());
                assertEquals(Optional.of(id(signups)), page.embedKey());
                assertEquals(Optional.empty(), page.shareToken());
                assertEquals(2, page.analysis().summary().total());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_private_stat_is_not_found_by_another_account_or_anyone_signed_out(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            new CreateShareLink(world.stats).create(ada, signups.id());
            Stat trashed = world.counter(ada, "old");
            world.stats.softDelete(ada.accountId(), trashed.id(), world.clock.millis());

            List<Runnable> attempts = List.of(
                    () -> viewStat(world).view(Optional.of(world.newVisitor()), id(signups), "1h"),
                    () -> viewStat(world).view(Optional.empty(), id(signups), "1h"),
                    () -> viewStat(world).view(Optional.of(ada), id(trashed), "1h"));
            for (Runnable attempt : attempts) {
                assertThrows(NotFoundException.class, attempt::run);
            }
            assertEquals("no stat with id '" + signups.id() + "'", assertThrows(NotFoundException.class,
                    () -> viewStat(world).view(Optional.empty(), id(signups), "1h")).getMessage());
            assertEquals("no stat with id 'x?'", assertThrows(NotFoundException.class,
                    () -> viewStat(world).view(Optional.of(ada), "x\n", "1h")).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_with_a_nineteen_digit_id_as_every_new_one_has_from_2031_is_found(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            long nineteenDigits = 1_000_000_000_000_000_007L;
            world.database.dsl().update(STATS).set(STATS.ID, nineteenDigits).where(STATS.ID.eq(signups.id())).execute();

            StatPage page = viewStat(world).view(Optional.of(ada), Long.toString(nineteenDigits), "1h");

            assertEquals(nineteenDigits, page.stat().id());
            for (String beyondLong : List.of("9223372036854775808", "9999999999999999999", "10000000000000000000")) {
                assertThrows(NotFoundException.class, () -> viewStat(world).view(Optional.of(ada), beyondLong, "1h"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_share_link_opens_a_private_stat_to_anyone_until_it_is_revoked(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START + 10 * MINUTE, 1, 2));
            String token = new CreateShareLink(world.stats).create(ada, signups.id()).token();

            StatPage page = viewStat(world).viewShared(token, "1h");

            assertEquals(signups, page.stat());
            assertFalse(page.owned());
            assertEquals(Optional.of(token), page.embedKey());
            assertEquals(Optional.empty(), page.shareToken());
            assertEquals(minutePoints(HOUR_START, Map.of(10, 3.0)), page.points());
            new RevokeShareLink(world.stats).revoke(ada, signups.id());
            assertEquals("no shared stat for that key", assertThrows(NotFoundException.class,
                    () -> viewStat(world).viewShared(token, "1h")).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_public_stats_id_opens_it_like_a_share_link_and_a_private_ones_does_not(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat open = world.counter(ada, "open");
            Stat closed = world.counter(ada, "closed");
            new MakeStatPublic(world.stats).makePublic(ada, open.id(), true);

            StatPage page = viewStat(world).viewShared(id(open), "1d");

            assertEquals(open.id(), page.stat().id());
            assertEquals(Optional.of(id(open)), page.embedKey());
            assertThrows(NotFoundException.class, () -> viewStat(world).viewShared(id(closed), "1d"));
        }
    }

    /** Minute buckets in and just before the hour: 3, 5 and 4 in it, 6 and 2 in the hour before. */
    private static void storeCounts(World world, Stat stat) {
        world.store(stat, Resolution.MINUTE,
                bucket(HOUR_START - 60 * MINUTE, 6),
                bucket(HOUR_START - MINUTE, 2),
                bucket(HOUR_START, 1, 1, 1),
                bucket(HOUR_START + 10 * MINUTE, 2, 3),
                bucket(HOUR_START + 59 * MINUTE, 4));
    }

    /** Sixty minute points from {@code start}: the given ones by index, 0 elsewhere. */
    static List<Point> minutePoints(long start, Map<Integer, Double> filled) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            points.add(new Point(start + i * MINUTE, filled.getOrDefault(i, 0.0)));
        }
        return points;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_page_shows_the_stats_annotations_in_its_window_oldest_first(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            Stat logins = world.counter(ada, "logins");
            world.annotate(ada, signups, 1, (HOUR_START - 1) * 1000, "before the hour");
            Annotation rollback = world.annotate(ada, signups, 2, (HOUR_START + 1_800) * 1000, "rollback");
            Annotation deployed = world.annotate(ada, signups, 3, HOUR_START * 1000, "deployed v2");
            world.annotate(ada, logins, 4, (HOUR_START + 60) * 1000, "another stat's");

            StatPage page = viewStat(world).view(Optional.of(ada), id(signups), "1h");

            assertEquals(List.of(deployed, rollback), page.annotations());
        }
    }

    @Test
    void a_public_stats_annotations_are_shown_to_anyone_who_may_see_it() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            Annotation deployed = world.annotate(ada, signups, 1, (HOUR_START + 60) * 1000, "deployed v2");
            new MakeStatPublic(world.stats).makePublic(ada, signups.id(), true);

            assertEquals(List.of(deployed), viewStat(world).view(Optional.empty(), id(signups), "1h").annotations());
            assertEquals(List.of(deployed), viewStat(world).viewShared(id(signups), "1h").annotations());
        }
    }

    static String id(Stat stat) {
        return Long.toString(stat.id());
    }

    private static ViewStat viewStat(World world) {
        return new ViewStat(world.statAccess(), world.analyst(), world.buckets, world.annotations, world.clock);
    }
}
