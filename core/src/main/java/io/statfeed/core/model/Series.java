package io.statfeed.core.model;

import java.util.ArrayList;
import java.util.List;

/** Points of a stat over a window: counters summed per interval, values averaged over their points. */
public final class Series {
    public record Point(long time, double value) {
    }

    private Series() {
    }

    /**
     * Folds stored buckets (any resolution finer than or equal to the interval) into one point per
     * interval. A counter's empty interval is 0: nothing was counted. A value's empty interval has
     * no point at all, because any number put there would be an invented measurement.
     */
    public static List<Point> of(TimeFrame.Window window, boolean counter, List<Bucket> buckets) {
        int intervals = window.intervals();
        double[] totals = new double[intervals];
        long[] counts = new long[intervals];
        for (Bucket bucket : buckets) {
            if (bucket.start() < window.start() || bucket.start() >= window.end()) {
                continue;
            }
            int slot = (int) ((bucket.start() - window.start()) / window.intervalSeconds());
            totals[slot] += bucket.total();
            counts[slot] += bucket.n();
        }
        List<Point> points = new ArrayList<>(intervals);
        for (int slot = 0; slot < intervals; slot++) {
            long time = window.start() + slot * window.intervalSeconds();
            if (counter) {
                points.add(new Point(time, totals[slot]));
            } else if (counts[slot] > 0) {
                points.add(new Point(time, totals[slot] / counts[slot]));
            }
        }
        return points;
    }
}
