package io.statfeed.appservers.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatAnalyzerTest {
    private static final long T0 = 1_767_571_200L; // Monday 2026-01-05 00:00 UTC
    private static final long HOUR = 3_600;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;
    private static final double EXACT = 1e-9;

    private final StatAnalyzer analyzer = new StatAnalyzer();

    // ---- summary ----

    @Test
    void a_counters_summary_counts_empty_intervals_as_zero() {
        Intervals current = IntervalsBuilder.window(T0, T0 + 4 * HOUR, HOUR)
                .count(T0, 3, 10).count(T0 + 2 * HOUR, 2, 6).build();
        Intervals previous = IntervalsBuilder.window(T0 - 4 * HOUR, T0, HOUR).count(T0 - HOUR, 8).build();

        Analysis.Summary summary = analyze(true, current, previous, null, 0).summary();

        assertEquals(5, summary.points());
        assertEquals(16, summary.total(), EXACT);
        assertEquals(4, summary.mean().getAsDouble(), EXACT); // 16 over 4 intervals
        assertEquals(0, summary.min().getAsDouble(), EXACT);
        assertEquals(10, summary.max().getAsDouble(), EXACT);
        assertEquals(Math.sqrt(18), summary.stddev().getAsDouble(), EXACT); // of 10, 0, 6, 0
        assertEquals(8, summary.previous().getAsDouble(), EXACT);
        assertEquals(100, summary.changePct().getAsDouble(), EXACT);
    }

    @Test
    void a_value_stats_summary_is_over_every_point_received() {
        Intervals current = IntervalsBuilder.window(T0, T0 + 4 * HOUR, HOUR)
                .values(T0, 1, 2, 3).values(T0 + 3 * HOUR, 5).build();
        Intervals previous = IntervalsBuilder.window(T0 - 4 * HOUR, T0, HOUR).values(T0 - 2 * HOUR, 2, 2).build();

        Analysis.Summary summary = analyze(false, current, previous, null, 0).summary();

        assertEquals(4, summary.points());
        assertEquals(11, summary.total(), EXACT);
        assertEquals(2.75, summary.mean().getAsDouble(), EXACT);
        assertEquals(1, summary.min().getAsDouble(), EXACT);
        assertEquals(5, summary.max().getAsDouble(), EXACT);
        assertEquals(Math.sqrt(39.0 / 4 - 2.75 * 2.75), summary.stddev().getAsDouble(), EXACT);
        assertEquals(2, summary.previous().getAsDouble(), EXACT);
        assertEquals(37.5, summary.changePct().getAsDouble(), EXACT);
    }

    @Test
    void a_drop_is_a_negative_change_measured_against_the_previous_size() {
        Intervals current = IntervalsBuilder.window(T0, T0 + HOUR, HOUR).count(T0, 30).build();
        Intervals previous = IntervalsBuilder.window(T0 - HOUR, T0, HOUR).count(T0 - HOUR, 40).build();

        assertEquals(-25, analyze(true, current, previous, null, 0).summary().changePct().getAsDouble(), EXACT);
    }

    @Test
    void there_is_no_change_against_a_previous_window_of_zero_or_none() {
        Intervals current = IntervalsBuilder.window(T0, T0 + HOUR, HOUR).count(T0, 30).build();
        Intervals emptyBefore = IntervalsBuilder.window(T0 - HOUR, T0, HOUR).build();

        Analysis.Summary againstZero = analyze(true, current, emptyBefore, null, 0).summary();
        Analysis.Summary againstNothing = analyze(true, current, null, null, 0).summary();

        assertEquals(OptionalDouble.of(0), againstZero.previous());
        assertEquals(OptionalDouble.empty(), againstZero.changePct());
        assertEquals(OptionalDouble.empty(), againstNothing.previous());
        assertEquals(OptionalDouble.empty(), againstNothing.changePct());
    }

    @Test
    void a_value_stat_without_points_has_no_mean_and_no_change() {
        Intervals current = IntervalsBuilder.window(T0, T0 + 2 * HOUR, HOUR).build();
        Intervals previous = IntervalsBuilder.window(T0 - 2 * HOUR, T0, HOUR).values(T0 - HOUR, 4).build();

        Analysis analysis = analyze(false, current, previous, null, 3);

        assertEquals(0, analysis.summary().points());
        assertEquals(OptionalDouble.empty(), analysis.summary().mean());
        assertEquals(OptionalDouble.empty(), analysis.summary().stddev());
        assertEquals(OptionalDouble.of(4), analysis.summary().previous());
        assertEquals(OptionalDouble.empty(), analysis.summary().changePct());
        assertEquals(OptionalDouble.empty(), analysis.trend().slopePerHour());
        assertEquals(OptionalDouble.empty(), analysis.percentiles().p50());
        assertTrue(analysis.forecast().isEmpty());
    }

    // ---- trend and percentiles ----

    @Test
    void a_steadily_growing_counter_has_its_growth_per_hour_as_slope_and_a_perfect_fit() {
        Intervals current = IntervalsBuilder.window(T0, T0 + 4 * HOUR, HOUR)
                .count(T0, 2).count(T0 + HOUR, 4).count(T0 + 2 * HOUR, 6).count(T0 + 3 * HOUR, 8).build();

        Analysis.Trend trend = analyze(true, current, null, null, 0).trend();

        assertEquals(2, trend.slopePerHour().getAsDouble(), EXACT);
        assertEquals(1, trend.rSquared().getAsDouble(), EXACT);
    }

    @Test
    void the_slope_of_daily_intervals_is_still_per_hour() {
        Intervals current = IntervalsBuilder.window(T0, T0 + 3 * DAY, DAY)
                .count(T0, 24).count(T0 + DAY, 48).count(T0 + 2 * DAY, 72).build();

        assertEquals(1, analyze(true, current, null, null, 0).trend().slopePerHour().getAsDouble(), EXACT);
    }

    @Test
    void a_counters_trend_includes_its_empty_intervals_and_a_value_stats_skips_them() {
        Intervals counter = IntervalsBuilder.window(T0, T0 + 3 * HOUR, HOUR).count(T0, 1).count(T0 + 2 * HOUR, 3).build();
        Intervals values = IntervalsBuilder.window(T0, T0 + 3 * HOUR, HOUR).values(T0, 1).values(T0 + 2 * HOUR, 3).build();

        // counter: 1, 0, 3 — least squares line 1/3 + x; residuals 2/3, −4/3, 2/3; r² = 1 − (24/9)/(42/9)
        Analysis.Trend counterTrend = analyze(true, counter, null, null, 0).trend();
        assertEquals(1, counterTrend.slopePerHour().getAsDouble(), EXACT);
        assertEquals(1 - 24.0 / 42.0, counterTrend.rSquared().getAsDouble(), EXACT);
        // value stat: 1 at hour 0, 3 at hour 2, nothing measured between
        Analysis.Trend valueTrend = analyze(false, values, null, null, 0).trend();
        assertEquals(1, valueTrend.slopePerHour().getAsDouble(), EXACT);
        assertEquals(1, valueTrend.rSquared().getAsDouble(), EXACT);
    }

    @Test
    void a_flat_series_has_a_zero_slope_and_no_r_squared() {
        Intervals current = IntervalsBuilder.window(T0, T0 + 3 * HOUR, HOUR)
                .count(T0, 5).count(T0 + HOUR, 5).count(T0 + 2 * HOUR, 5).build();

        Analysis.Trend trend = analyze(true, current, null, null, 0).trend();

        assertEquals(0, trend.slopePerHour().getAsDouble(), EXACT);
        assertEquals(OptionalDouble.empty(), trend.rSquared());
    }

    @Test
    void percentiles_are_nearest_rank_over_interval_values() {
        IntervalsBuilder ten = IntervalsBuilder.window(T0, T0 + 10 * HOUR, HOUR);
        for (int k = 0; k < 10; k++) {
            ten.count(T0 + k * HOUR, 10 - k); // out of order on purpose: 10, 9, ..., 1
        }

        Analysis.Percentiles p = analyze(true, ten.build(), null, null, 0).percentiles();

        assertEquals(5, p.p50().getAsDouble(), EXACT);
        assertEquals(9, p.p90().getAsDouble(), EXACT);
        assertEquals(10, p.p95().getAsDouble(), EXACT);
        assertEquals(10, p.p99().getAsDouble(), EXACT);
    }

    @Test
    void a_counters_percentiles_count_its_empty_intervals() {
        Intervals current = IntervalsBuilder.window(T0, T0 + 4 * HOUR, HOUR).count(T0 + 3 * HOUR, 8).build();

        Analysis.Percentiles p = analyze(true, current, null, null, 0).percentiles();

        assertEquals(0, p.p50().getAsDouble(), EXACT);
        assertEquals(8, p.p90().getAsDouble(), EXACT);
    }

    // ---- anomalies ----

    @Test
    void a_normal_week_has_no_anomalies() {
        Analysis analysis = analyze(true, dailyRhythmCounter(T0, WEEK, 11).build(), null, fourWeeksOfHistory(), 0);

        assertEquals(List.of(), analysis.anomalies());
    }

    @Test
    void steady_growth_is_followed_forward_from_the_history_and_not_flagged() {
        double weeklyGrowth = 1.3;
        IntervalsBuilder history = IntervalsBuilder.window(T0 - 4 * WEEK, T0, HOUR);
        IntervalsBuilder current = IntervalsBuilder.window(T0, T0 + WEEK, HOUR);
        Random noise = new Random(3);
        for (long t = T0 - 4 * WEEK; t < T0 + WEEK; t += HOUR) {
            double level = usualLevel((int) ((t % DAY) / HOUR)) * Math.pow(weeklyGrowth, (t - T0) / (double) WEEK);
            (t < T0 ? history : current).count(t, Math.round(level + noise.nextGaussian() * 4));
        }

        assertEquals(List.of(), analyze(true, current.build(), null, history.build(), 0).anomalies());
    }

    @Test
    void a_burst_in_one_hour_is_flagged_with_the_usual_level_for_that_hour() {
        long burstHour = T0 + 2 * DAY + 15 * HOUR;
        Intervals current = withHour(dailyRhythmCounter(T0, WEEK, 11), burstHour, 600).build();

        List<Analysis.Anomaly> anomalies = analyze(true, current, null, fourWeeksOfHistory(), 0).anomalies();

        assertEquals(1, anomalies.size(), anomalies.toString());
        Analysis.Anomaly burst = anomalies.get(0);
        assertEquals(burstHour, burst.time());
        assertEquals(600, burst.value(), EXACT);
        assertEquals(usualLevel(15), burst.expected(), 10);
        assertTrue(burst.score() > AnomalyDetector.THRESHOLD, "score " + burst.score());
    }

    @Test
    void a_counter_falling_silent_for_an_hour_is_flagged_below_its_usual_level() {
        long silentHour = T0 + 4 * DAY + 12 * HOUR;
        Intervals current = withHour(dailyRhythmCounter(T0, WEEK, 11), silentHour, 0).build();

        List<Analysis.Anomaly> anomalies = analyze(true, current, null, fourWeeksOfHistory(), 0).anomalies();

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertEquals(silentHour, anomalies.get(0).time());
        assertTrue(anomalies.get(0).score() < -AnomalyDetector.THRESHOLD, "score " + anomalies.get(0).score());
    }

    @Test
    void with_less_than_two_weeks_of_history_nothing_is_flagged() {
        long burstHour = T0 + 2 * DAY + 15 * HOUR;
        Intervals current = withHour(dailyRhythmCounter(T0, WEEK, 11), burstHour, 600).build();
        IntervalsBuilder tenDays = dailyRhythmCounter(T0 - 10 * DAY, 10 * DAY, 3);
        Intervals thin = rewindow(tenDays.build(), T0 - 4 * WEEK, T0);

        assertEquals(List.of(), analyze(true, current, null, thin, 0).anomalies());
    }

    @Test
    void a_daily_interval_is_expected_to_hold_the_sum_of_its_usual_hours() {
        IntervalsBuilder history = IntervalsBuilder.window(T0 - 4 * WEEK, T0, HOUR);
        for (long t = T0 - 4 * WEEK; t < T0; t += HOUR) {
            history.count(t, 100);
        }
        Intervals days = IntervalsBuilder.window(T0, T0 + 3 * DAY, DAY)
                .count(T0, 2_450).count(T0 + DAY, 4_800).count(T0 + 2 * DAY, 2_300).build();

        List<Analysis.Anomaly> anomalies = analyze(true, days, null, history.build(), 0).anomalies();

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertEquals(T0 + DAY, anomalies.get(0).time());
        assertEquals(2_400, anomalies.get(0).expected(), EXACT);
    }

    @Test
    void a_minute_interval_is_expected_to_hold_a_sixtieth_of_its_hour() {
        IntervalsBuilder history = IntervalsBuilder.window(T0 - 4 * WEEK, T0, HOUR);
        for (long t = T0 - 4 * WEEK; t < T0; t += HOUR) {
            history.count(t, 600);
        }
        Intervals minutes = IntervalsBuilder.window(T0, T0 + 3 * 60, 60)
                .count(T0, 10).count(T0 + 60, 90).count(T0 + 120, 11).build();

        List<Analysis.Anomaly> anomalies = analyze(true, minutes, null, history.build(), 0).anomalies();

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertEquals(T0 + 60, anomalies.get(0).time());
        assertEquals(10, anomalies.get(0).expected(), EXACT);
    }

    @Test
    void a_value_stats_five_minute_means_may_stray_further_than_its_hourly_means_without_a_flag() {
        Random noise = new Random(9);
        IntervalsBuilder history = IntervalsBuilder.window(T0 - 4 * WEEK, T0, HOUR);
        for (long t = T0 - 4 * WEEK; t < T0; t += HOUR) {
            history.values(t, 100 + noise.nextGaussian() * 8);
        }
        // Means of a twelfth of the points stray about √12 times as far: ±30 is ordinary here.
        IntervalsBuilder fiveMinutes = IntervalsBuilder.window(T0, T0 + HOUR, 300);
        for (long t = T0; t < T0 + HOUR; t += 300) {
            fiveMinutes.values(t, (t / 300) % 2 == 0 ? 130 : 70);
        }

        assertEquals(List.of(), analyze(false, fiveMinutes.build(), null, history.build(), 0).anomalies());
    }

    @Test
    void a_value_stat_is_flagged_when_its_hourly_mean_leaves_its_usual_band() {
        Random noise = new Random(5);
        IntervalsBuilder history = IntervalsBuilder.window(T0 - 4 * WEEK, T0, HOUR);
        for (long t = T0 - 4 * WEEK; t < T0; t += HOUR) {
            history.values(t, 200 + noise.nextGaussian() * 10, 200 + noise.nextGaussian() * 10);
        }
        IntervalsBuilder current = IntervalsBuilder.window(T0, T0 + DAY, HOUR);
        for (long t = T0; t < T0 + DAY; t += HOUR) {
            double mean = t == T0 + 9 * HOUR ? 420 : 200 + noise.nextGaussian() * 5;
            current.values(t, mean - 3, mean + 3);
        }

        List<Analysis.Anomaly> anomalies = analyze(false, current.build(), null, history.build(), 0).anomalies();

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertEquals(T0 + 9 * HOUR, anomalies.get(0).time());
        assertEquals(420, anomalies.get(0).value(), EXACT);
        assertEquals(200, anomalies.get(0).expected(), 5);
    }

    // ---- forecast ----

    @Test
    void the_forecast_follows_a_linear_trend_with_a_band_that_widens() {
        IntervalsBuilder rising = IntervalsBuilder.window(T0, T0 + 24 * HOUR, HOUR);
        for (int k = 0; k < 24; k++) {
            rising.count(T0 + k * HOUR, 10 + 2 * k + (k % 2 == 0 ? 1 : -1));
        }

        List<Analysis.Forecast> forecast = analyze(true, rising.build(), null, null, 6).forecast();

        assertEquals(6, forecast.size());
        for (int j = 0; j < 6; j++) {
            Analysis.Forecast f = forecast.get(j);
            assertEquals(T0 + (24 + j) * HOUR, f.time());
            assertEquals(10 + 2 * (24 + j), f.value(), 0.2);
            assertTrue(f.low() < f.value() && f.value() < f.high(), f.toString());
        }
        double firstWidth = forecast.get(0).high() - forecast.get(0).low();
        double lastWidth = forecast.get(5).high() - forecast.get(5).low();
        assertTrue(lastWidth > firstWidth, "band " + firstWidth + " then " + lastWidth);
    }

    @Test
    void a_counters_forecast_does_not_go_below_zero() {
        Intervals falling = IntervalsBuilder.window(T0, T0 + 4 * HOUR, HOUR)
                .count(T0, 30).count(T0 + HOUR, 21).count(T0 + 2 * HOUR, 9).count(T0 + 3 * HOUR, 1).build();

        List<Analysis.Forecast> forecast = analyze(true, falling, null, null, 5).forecast();

        assertEquals(5, forecast.size());
        assertTrue(forecast.stream().allMatch(f -> f.value() >= 0 && f.low() >= 0), forecast.toString());
        assertEquals(0, forecast.get(4).value(), EXACT);
    }

    @Test
    void with_a_full_history_the_forecast_keeps_the_daily_rhythm() {
        Intervals week = dailyRhythmCounter(T0, WEEK, 11).build();

        List<Analysis.Forecast> forecast = analyze(true, week, null, fourWeeksOfHistory(), 24).forecast();

        assertEquals(24, forecast.size());
        for (int hour = 0; hour < 24; hour++) {
            assertEquals(usualLevel(hour), forecast.get(hour).value(), 12, "hour " + hour);
        }
    }

    // ---- refusals ----

    @Test
    void arrays_of_different_lengths_are_refused() {
        Intervals uneven = new Intervals(T0, T0 + HOUR, HOUR, new long[] {T0}, new long[] {1, 2}, new double[] {1},
                new double[] {1}, new double[] {1}, new double[] {1});
        assertRefused("current: times, counts, totals, mins, maxs and sumSquares must be the same length",
                new AnalysisRequest(true, uneven, null, null, 0));
    }

    @Test
    void an_interval_outside_its_window_is_refused() {
        Intervals outside = IntervalsBuilder.window(T0, T0 + HOUR, HOUR).count(T0 + HOUR, 1).build();
        assertRefused("current: interval 1 (time " + (T0 + HOUR) + ") is outside the window",
                new AnalysisRequest(true, outside, null, null, 0));
    }

    @Test
    void a_window_that_is_not_whole_intervals_is_refused() {
        Intervals ragged = IntervalsBuilder.window(T0, T0 + 90 * 60, HOUR).build();
        assertRefused("current: the window (5400 s) must be a whole number of intervals of 3600 s",
                new AnalysisRequest(true, ragged, null, null, 0));
    }

    @Test
    void a_history_that_is_not_hourly_is_refused() {
        Intervals current = IntervalsBuilder.window(T0, T0 + DAY, DAY).build();
        Intervals daily = IntervalsBuilder.window(T0 - 28 * DAY, T0, DAY).build();
        assertRefused("history must be hourly intervals (intervalSeconds 3600), got 86400",
                new AnalysisRequest(true, current, null, daily, 0));
    }

    @Test
    void a_forecast_too_far_out_is_refused() {
        Intervals current = IntervalsBuilder.window(T0, T0 + HOUR, HOUR).build();
        assertRefused("forecastIntervals must be between 0 and 1000, got 1001",
                new AnalysisRequest(true, current, null, null, 1_001));
    }

    @Test
    void a_total_that_is_not_a_finite_number_is_refused() {
        Intervals infinite = IntervalsBuilder.window(T0, T0 + HOUR, HOUR).count(T0, Double.POSITIVE_INFINITY).build();
        assertRefused("current: interval 1: totals, mins, maxs and sumSquares must be finite numbers",
                new AnalysisRequest(true, infinite, null, null, 0));
    }

    @Test
    void two_entries_for_one_interval_are_refused() {
        Intervals twice = IntervalsBuilder.window(T0, T0 + 2 * HOUR, HOUR).count(T0, 1).count(T0 + 60, 1).build();
        assertRefused("current: interval 2: times must be in ascending order, one per interval",
                new AnalysisRequest(true, twice, null, null, 0));
    }

    @Test
    void a_request_without_a_current_window_is_refused() {
        assertRefused("current is required", new AnalysisRequest(true, null, null, null, 0));
    }

    // ---- helpers ----

    private Analysis analyze(boolean counter, Intervals current, Intervals previous, Intervals history, int forecast) {
        return analyzer.analyze(new AnalysisRequest(counter, current, previous, history, forecast));
    }

    private void assertRefused(String expected, AnalysisRequest request) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> analyzer.analyze(request));
        assertTrue(refused.getMessage().contains(expected), "message was: " + refused.getMessage());
    }

    /** A counter's usual count in an hour of the day: a daily wave between 50 and 150. */
    private static double usualLevel(int hourOfDay) {
        return 100 + 50 * Math.sin(2 * Math.PI * hourOfDay / 24.0);
    }

    /** Hourly counts following the daily wave with a little noise. */
    private static IntervalsBuilder dailyRhythmCounter(long start, long length, long seed) {
        Random noise = new Random(seed);
        IntervalsBuilder window = IntervalsBuilder.window(start, start + length, HOUR);
        for (long t = start; t < start + length; t += HOUR) {
            int hourOfDay = (int) ((t % DAY) / HOUR);
            window.count(t, Math.round(usualLevel(hourOfDay) + noise.nextGaussian() * 4));
        }
        return window;
    }

    private static Intervals fourWeeksOfHistory() {
        return dailyRhythmCounter(T0 - 4 * WEEK, 4 * WEEK, 7).build();
    }

    /** The same intervals with one hour's count replaced (or an hour made empty by 0). */
    private static IntervalsBuilder withHour(IntervalsBuilder builder, long hour, double count) {
        Intervals built = builder.build();
        IntervalsBuilder copy = IntervalsBuilder.window(built.start(), built.end(), built.intervalSeconds());
        for (int i = 0; i < built.size(); i++) {
            if (built.times()[i] != hour) {
                copy.count(built.times()[i], built.totals()[i]);
            } else if (count > 0) {
                copy.count(hour, count);
            }
        }
        return copy;
    }

    private static Intervals rewindow(Intervals intervals, long start, long end) {
        return new Intervals(start, end, intervals.intervalSeconds(), intervals.times(), intervals.counts(),
                intervals.totals(), intervals.mins(), intervals.maxs(), intervals.sumSquares());
    }
}
