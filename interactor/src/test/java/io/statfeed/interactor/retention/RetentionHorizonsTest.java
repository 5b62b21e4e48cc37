package io.statfeed.interactor.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Resolution;
import io.statfeed.interactor.retention.RetentionHorizons.Stretch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionHorizonsTest {
    private static final long NOW = at("2023-11-14T22:13:20Z");
    private final RetentionHorizons defaults = new RetentionHorizons(Settings.Retention.defaults());

    @Test
    void minutes_are_kept_from_the_hour_a_month_ago_and_hours_from_the_day_two_years_ago() {
        assertEquals(at("2023-10-15T22:00:00Z"), defaults.keptFrom(Resolution.MINUTE, NOW));
        assertEquals(at("2021-11-14T00:00:00Z"), defaults.keptFrom(Resolution.HOUR, NOW));
        assertEquals(Long.MIN_VALUE, defaults.keptFrom(Resolution.DAY, NOW), "days are kept forever");
    }

    @Test
    void a_long_window_of_minutes_is_read_from_days_then_hours_then_minutes_one_coarse_bucket_past_each_horizon() {
        long from = at("2021-01-01T00:00:00Z");
        long to = at("2023-11-14T22:30:00Z");

        assertEquals(List.of(
                        new Stretch(Resolution.DAY, from, at("2021-11-15T00:00:00Z")),
                        new Stretch(Resolution.HOUR, at("2021-11-15T00:00:00Z"), at("2023-10-15T23:00:00Z")),
                        new Stretch(Resolution.MINUTE, at("2023-10-15T23:00:00Z"), to)),
                defaults.stretches(Resolution.MINUTE, from, to, NOW));
        assertEquals(List.of(
                        new Stretch(Resolution.DAY, from, at("2021-11-15T00:00:00Z")),
                        new Stretch(Resolution.HOUR, at("2021-11-15T00:00:00Z"), to)),
                defaults.stretches(Resolution.HOUR, from, to, NOW));
        assertEquals(List.of(new Stretch(Resolution.DAY, from, to)), defaults.stretches(Resolution.DAY, from, to, NOW));
    }

    @Test
    void a_window_inside_the_minute_retention_is_read_from_minutes_alone() {
        long from = at("2023-11-07T22:30:00Z");
        long to = at("2023-11-14T22:30:00Z");

        assertEquals(List.of(new Stretch(Resolution.MINUTE, from, to)),
                defaults.stretches(Resolution.MINUTE, from, to, NOW));
    }

    @Test
    void a_window_older_than_the_minute_retention_is_read_from_hours_alone() {
        long from = at("2023-01-01T00:30:00Z");
        long to = at("2023-02-01T00:30:00Z");

        assertEquals(List.of(new Stretch(Resolution.HOUR, from, to)),
                defaults.stretches(Resolution.MINUTE, from, to, NOW));
    }

    @Test
    void with_hours_kept_as_long_as_minutes_reads_go_from_days_straight_to_minutes_at_a_day_edge() {
        RetentionHorizons month = new RetentionHorizons(new Settings.Retention(Duration.ofDays(30), Duration.ofDays(30)));
        long from = at("2023-09-01T00:00:00Z");
        long to = at("2023-11-14T22:30:00Z");

        assertEquals(List.of(
                        new Stretch(Resolution.DAY, from, at("2023-10-16T00:00:00Z")),
                        new Stretch(Resolution.MINUTE, at("2023-10-16T00:00:00Z"), to)),
                month.stretches(Resolution.MINUTE, from, to, NOW));
    }

    @Test
    void a_stretch_counts_the_buckets_that_may_start_in_it() {
        assertEquals(60, new Stretch(Resolution.MINUTE, 0, 3_600).buckets());
        assertEquals(2, new Stretch(Resolution.HOUR, 1_800, 9_000).buckets());
        assertEquals(2, new Stretch(Resolution.HOUR, 0, 3_601).buckets(), "a second past an hour holds its start");
    }

    private static long at(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }
}
