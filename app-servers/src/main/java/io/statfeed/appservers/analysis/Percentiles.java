package io.statfeed.appservers.analysis;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Percentiles of interval values by the nearest-rank method: the p-th percentile is the smallest
 * value with at least p% of values at or below it. Always a value that occurred, never an
 * interpolation between two.
 */
final class Percentiles {
    private static final double P50 = 50;
    private static final double P90 = 90;
    private static final double P95 = 95;
    private static final double P99 = 99;
    private static final double HUNDRED = 100;

    private Percentiles() {
    }

    static Analysis.Percentiles of(IntervalSeries series) {
        double[] sorted = series.values().clone();
        Arrays.sort(sorted);
        return new Analysis.Percentiles(rank(sorted, P50), rank(sorted, P90), rank(sorted, P95), rank(sorted, P99));
    }

    static OptionalDouble rank(double[] sorted, double percent) {
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        int rank = (int) Math.ceil(percent / HUNDRED * sorted.length);
        return OptionalDouble.of(sorted[Math.max(1, rank) - 1]);
    }
}
