package io.statfeed.appservers.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DownsamplerTest {
    private static final int POINTS = 10_080;
    private static final long START = 1_000_000L;

    @Test
    void a_week_of_minutes_is_thinned_to_at_most_two_points_per_column() {
        Downsampler.Thinned thinned = Downsampler.thin(minutes(), flat(1.0), START, START + POINTS * 60L, 760);

        assertTrue(thinned.size() <= 2 * 760, "got " + thinned.size());
        assertTrue(thinned.size() >= 760, "every column keeps a point, got " + thinned.size());
    }

    @Test
    void a_single_spike_and_a_single_dip_survive_thinning() {
        double[] values = flat(50.0);
        values[4_321] = 9_999;
        values[7_000] = -3;

        Downsampler.Thinned thinned = Downsampler.thin(minutes(), values, START, START + POINTS * 60L, 100);

        assertEquals(9_999, Arrays.stream(thinned.ys()).max().orElseThrow());
        assertEquals(-3, Arrays.stream(thinned.ys()).min().orElseThrow());
        assertTrue(Arrays.stream(thinned.xs()).anyMatch(x -> x == START + 4_321 * 60L), "the spike keeps its time");
    }

    @Test
    void thinned_points_stay_in_time_order() {
        double[] values = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            values[i] = Math.sin(i / 7.0) * (i % 13);
        }

        double[] xs = Downsampler.thin(minutes(), values, START, START + POINTS * 60L, 300).xs();

        for (int i = 1; i < xs.length; i++) {
            assertTrue(xs[i] > xs[i - 1], "out of order at " + i);
        }
    }

    @Test
    void few_points_are_kept_as_they_are_but_clipped_to_the_window() {
        long[] times = {START - 60, START, START + 60, START + 120, START + 180};
        double[] values = {9, 1, 2, 3, 9};

        Downsampler.Thinned thinned = Downsampler.thin(times, values, START, START + 120, 760);

        assertArrayEquals(new double[] {START, START + 60, START + 120}, thinned.xs());
        assertArrayEquals(new double[] {1, 2, 3}, thinned.ys());
    }

    private static long[] minutes() {
        long[] times = new long[POINTS];
        for (int i = 0; i < POINTS; i++) {
            times[i] = START + i * 60L;
        }
        return times;
    }

    private static double[] flat(double value) {
        double[] values = new double[POINTS];
        Arrays.fill(values, value);
        return values;
    }
}
