package io.statfeed.appservers.analysis;

import java.util.ArrayList;
import java.util.List;

/** Builds {@link Intervals} by hand: counts for counters, raw points for value stats. */
final class IntervalsBuilder {
    private final long start;
    private final long end;
    private final long intervalSeconds;
    private final List<long[]> timeAndCount = new ArrayList<>();
    private final List<double[]> sums = new ArrayList<>();

    private IntervalsBuilder(long start, long end, long intervalSeconds) {
        this.start = start;
        this.end = end;
        this.intervalSeconds = intervalSeconds;
    }

    static IntervalsBuilder window(long start, long end, long intervalSeconds) {
        return new IntervalsBuilder(start, end, intervalSeconds);
    }

    /** A counter's interval: {@code points} posts adding up to {@code total}. */
    IntervalsBuilder count(long time, long points, double total) {
        timeAndCount.add(new long[] {time, points});
        sums.add(new double[] {total, 0, total, 0});
        return this;
    }

    /** A counter's interval with one post of {@code total}. */
    IntervalsBuilder count(long time, double total) {
        return count(time, 1, total);
    }

    /** A value stat's interval holding these points. */
    IntervalsBuilder values(long time, double... points) {
        double total = 0;
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double point : points) {
            total += point;
            squares += point * point;
            min = Math.min(min, point);
            max = Math.max(max, point);
        }
        timeAndCount.add(new long[] {time, points.length});
        sums.add(new double[] {total, min, max, squares});
        return this;
    }

    Intervals build() {
        int n = timeAndCount.size();
        long[] times = new long[n];
        long[] counts = new long[n];
        double[] totals = new double[n];
        double[] mins = new double[n];
        double[] maxs = new double[n];
        double[] squares = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = timeAndCount.get(i)[0];
            counts[i] = timeAndCount.get(i)[1];
            totals[i] = sums.get(i)[0];
            mins[i] = sums.get(i)[1];
            maxs[i] = sums.get(i)[2];
            squares[i] = sums.get(i)[3];
        }
        return new Intervals(start, end, intervalSeconds, times, counts, totals, mins, maxs, squares);
    }
}
