package io.statfeed.interactor.stats;

import io.statfeed.appservers.analysis.Intervals;
import io.statfeed.core.model.Bucket;
import java.util.ArrayList;
import java.util.List;

/**
 * A stat's buckets folded into a window's intervals, keeping count, sum, extremes and sum of
 * squares of each so that the analysis is exact. Only intervals that hold data are listed.
 */
public record FoldedSeries(Window window, boolean counter, List<Bucket> intervals) {
    public FoldedSeries {
        intervals = List.copyOf(intervals);
    }

    /**
     * One point per interval: a counter's empty interval is 0 (nothing was counted), a value stat's
     * has no point, because any number there would be an invented measurement.
     */
    public List<Point> points() {
        List<Point> points = new ArrayList<>(counter ? window.intervals() : intervals.size());
        if (!counter) {
            for (Bucket interval : intervals) {
                points.add(new Point(interval.start(), interval.total() / interval.n()));
            }
            return points;
        }
        int next = 0;
        for (long time = window.start(); time < window.end(); time += window.intervalSeconds()) {
            boolean filled = next < intervals.size() && intervals.get(next).start() == time;
            points.add(new Point(time, filled ? intervals.get(next++).total() : 0));
        }
        return points;
    }

    /** The points moved forward by {@code seconds}: a previous period laid over the current window. */
    public List<Point> pointsShiftedBy(long seconds) {
        return points().stream().map(point -> new Point(point.time() + seconds, point.value())).toList();
    }

    /** The columns the analysis server reads. */
    public Intervals columns() {
        int size = intervals.size();
        long[] times = new long[size];
        long[] counts = new long[size];
        double[] totals = new double[size];
        double[] mins = new double[size];
        double[] maxs = new double[size];
        double[] squares = new double[size];
        for (int i = 0; i < size; i++) {
            Bucket interval = intervals.get(i);
            times[i] = interval.start();
            counts[i] = interval.n();
            totals[i] = interval.total();
            mins[i] = interval.min();
            maxs[i] = interval.max();
            squares[i] = interval.sumSquares();
        }
        return new Intervals(window.start(), window.end(), window.intervalSeconds(), times, counts, totals, mins,
                maxs, squares);
    }
}
