package io.statfeed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class GraphFrameTest {
    /** 2023-11-14T22:13:20Z, a Tuesday. */
    private static final long NOW = 1_700_000_000L;
    private static final long DAY = 86_400;
    private static final long WEEK = 7 * DAY;
    /** 2023-11-14T00:00:00Z. */
    private static final long TODAY = 1_699_920_000L;

    @ParameterizedTest
    @CsvSource({
            "1h, 3600, 60",
            "1d, 86400, 300",
            "1w, 604800, 1800",
            "1M, 2592000, 10800",
            "3M, 7776000, 86400",
            "1y, 31536000, 86400",
    })
    void each_named_frame_is_a_span_cut_into_intervals(String key, long span, long interval) {
        assertEquals(new TimeFrame(key, span, interval), GraphFrame.resolve(key, 0, NOW));
    }

    @ParameterizedTest
    @EnumSource(GraphFrame.class)
    void every_named_frame_is_a_whole_number_of_intervals_and_a_few_hundred_points_at_most(GraphFrame frame) {
        TimeFrame resolved = GraphFrame.resolve(frame.key(), NOW - 3 * 365 * DAY, NOW);
        assertEquals(0, resolved.spanSeconds() % resolved.intervalSeconds());
        long points = resolved.spanSeconds() / resolved.intervalSeconds();
        assertEquals(true, points >= 1 && points <= 365, frame + " has " + points + " points");
    }

    @Test
    void a_name_is_found_by_its_exact_key_so_1m_is_not_a_month() {
        assertEquals(Optional.of(GraphFrame.MONTH), GraphFrame.named("1M"));
        assertEquals(Optional.empty(), GraphFrame.named("1m"));
        assertEquals(Optional.empty(), GraphFrame.named("ALL"));
    }

    @Test
    void any_other_text_is_read_as_a_statHat_frame() {
        assertEquals(new TimeFrame("1w3h", WEEK, 10_800), GraphFrame.resolve(" 1w3h ", 0, NOW));
        assertEquals(new TimeFrame("1d", DAY, 300), GraphFrame.resolve(" 1d ", 0, NOW));
    }

    @Test
    void a_frame_that_is_neither_is_refused_as_a_statHat_frame_would_be() {
        assertEquals("time frame '1x' is not a span and an interval such as 1d1h, 1w3h or 30m1m (units m h d w M y)",
                assertThrows(InvalidInputException.class, () -> GraphFrame.resolve("1x", 0, NOW)).getMessage());
        assertThrows(InvalidInputException.class, () -> GraphFrame.resolve(null, 0, NOW));
    }

    @Test
    void all_of_a_stat_created_today_is_today() {
        TimeFrame all = GraphFrame.resolve("all", NOW - 60, NOW);

        assertEquals(new TimeFrame("all", DAY, DAY), all);
        assertEquals(new TimeFrame.Window(TODAY, TODAY + DAY, DAY), all.window(NOW, null));
    }

    @Test
    void all_starts_on_the_day_the_stat_was_created_even_when_that_was_less_than_a_day_ago() {
        long createdLastNight = NOW;                   // 22:13 on the 14th
        long now = NOW + 3 * 3_600;                    // 01:13 on the 15th

        TimeFrame all = GraphFrame.resolve("all", createdLastNight, now);

        assertEquals(new TimeFrame.Window(TODAY, TODAY + 2 * DAY, DAY), all.window(now, null));
    }

    @Test
    void all_of_a_stat_created_a_year_ago_has_a_point_for_each_day_since() {
        long created = NOW - 365 * DAY + 60;

        TimeFrame all = GraphFrame.resolve("all", created, NOW);

        assertEquals(new TimeFrame("all", 366 * DAY, DAY), all);
        assertEquals(TODAY - 365 * DAY, all.window(NOW, null).start());
    }

    @Test
    void all_of_a_stat_older_than_two_years_has_weekly_points_from_the_week_it_was_created() {
        long created = NOW - 3 * 365 * DAY;            // 2020-11-14, in the week from 2020-11-12 (weeks start Thursdays)
        long createdWeek = 1_605_139_200L;
        long nextWeek = 1_700_092_800L;                // the week holding now ends 2023-11-16

        TimeFrame.Window window = GraphFrame.resolve("all", created, NOW).window(NOW, null);

        assertEquals(new TimeFrame.Window(createdWeek, nextWeek, WEEK), window);
        assertEquals(157, window.intervals());
    }

    @Test
    void all_of_a_stat_created_in_the_future_by_a_skewed_clock_is_one_day() {
        assertEquals(new TimeFrame("all", DAY, DAY), GraphFrame.resolve("all", NOW + 3 * DAY, NOW));
    }
}
