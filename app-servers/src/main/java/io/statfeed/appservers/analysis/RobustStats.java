package io.statfeed.appservers.analysis;

import java.util.Arrays;

/** Medians and median absolute deviations: levels and spreads that a few outliers do not move. */
final class RobustStats {
    /** Scales a MAD to the standard deviation it estimates for normally distributed data. */
    static final double MAD_TO_SD = 1.4826;

    private RobustStats() {
    }

    /** The median of a non-empty array (its order is left alone). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The median absolute deviation from a centre, scaled to a standard deviation. */
    static double spread(double[] values, double centre) {
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - centre);
        }
        return MAD_TO_SD * median(deviations);
    }
}
