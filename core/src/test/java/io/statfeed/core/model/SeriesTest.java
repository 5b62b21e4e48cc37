package io.statfeed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.core.model.Series.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {
    private final TimeFrame.Window window = new TimeFrame.Window(0, 180, 60);

    @Test
    void a_counter_sums_each_interval_and_shows_empty_ones_as_zero() {
        List<Bucket> buckets = List.of(new Bucket(0, 2, 5, 1, 4, 17), new Bucket(120, 1, 3, 3, 3, 9));
        assertEquals(List.of(new Point(0, 5), new Point(60, 0), new Point(120, 3)),
                Series.of(window, true, buckets));
    }

    @Test
    void a_value_averages_over_its_points_and_leaves_empty_intervals_out() {
        TimeFrame.Window hourly = new TimeFrame.Window(0, 7_200, 3_600);
        List<Bucket> minutes = List.of(new Bucket(0, 2, 10, 4, 6, 52), new Bucket(60, 1, 7, 7, 7, 49));
        assertEquals(List.of(new Point(0, 17.0 / 3)), Series.of(hourly, false, minutes));
    }

    @Test
    void buckets_outside_the_window_are_ignored() {
        assertEquals(List.of(new Point(0, 0), new Point(60, 0), new Point(120, 0)),
                Series.of(window, true, List.of(new Bucket(-60, 1, 9, 9, 9, 81), new Bucket(180, 1, 9, 9, 9, 81))));
    }
}
