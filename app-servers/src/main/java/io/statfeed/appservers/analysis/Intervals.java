package io.statfeed.appservers.analysis;

/**
 * A stat's stored buckets folded into intervals of one width over [start, end), column by column.
 * Only intervals that hold data are listed; for a counter the others count 0, for a value stat
 * they have no measurement. Per interval: the number of points, their sum, min, max and sum of
 * squares, so that means and standard deviations are exact.
 */
public record Intervals(long start, long end, long intervalSeconds,
                        long[] times, long[] counts, double[] totals, double[] mins, double[] maxs,
                        double[] sumSquares) {
    public int size() {
        return times.length;
    }
}
