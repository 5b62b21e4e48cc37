package io.statfeed.appservers.analysis;

/**
 * A window's interval values, the series that trends, percentiles, anomalies and forecasts read.
 * A counter's value is its sum in each interval, and every interval counts (empty ones are 0: a
 * counter that stops is news). A value stat's value is its mean in each interval that has
 * points; empty intervals have no measurement and are left out.
 *
 * @param times the start of each interval, unix seconds
 */
record IntervalSeries(long[] times, double[] values) {

    static IntervalSeries of(Intervals window, boolean counter) {
        return counter ? everyInterval(window) : measuredIntervals(window);
    }

    int size() {
        return values.length;
    }

    boolean isEmpty() {
        return values.length == 0;
    }

    private static IntervalSeries everyInterval(Intervals window) {
        int n = (int) intervalCount(window);
        long[] times = new long[n];
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            times[k] = window.start() + k * window.intervalSeconds();
        }
        for (int i = 0; i < window.size(); i++) {
            values[(int) ((window.times()[i] - window.start()) / window.intervalSeconds())] += window.totals()[i];
        }
        return new IntervalSeries(times, values);
    }

    private static IntervalSeries measuredIntervals(Intervals window) {
        int measured = 0;
        for (long count : window.counts()) {
            if (count > 0) {
                measured++;
            }
        }
        long[] times = new long[measured];
        double[] values = new double[measured];
        int m = 0;
        for (int i = 0; i < window.size(); i++) {
            if (window.counts()[i] > 0) {
                times[m] = alignedStart(window, window.times()[i]);
                values[m++] = window.totals()[i] / window.counts()[i];
            }
        }
        return new IntervalSeries(times, values);
    }

    static long intervalCount(Intervals window) {
        return (window.end() - window.start()) / window.intervalSeconds();
    }

    private static long alignedStart(Intervals window, long time) {
        return window.start() + (time - window.start()) / window.intervalSeconds() * window.intervalSeconds();
    }
}
