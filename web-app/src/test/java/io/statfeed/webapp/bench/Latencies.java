package io.statfeed.webapp.bench;

import java.util.Arrays;
import java.util.List;

/** The latencies of one or more runs, in nanoseconds; percentiles by nearest rank. */
final class Latencies {
    private static final double NANOS_PER_MILLI = 1e6;
    private static final int INITIAL_CAPACITY = 1_024;

    private long[] nanos = new long[INITIAL_CAPACITY];
    private int count;

    void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    int count() {
        return count;
    }

    /** The {@code percent}th percentile in milliseconds: the smallest latency at least that share of samples reach. */
    double percentileMillis(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100], got " + percent);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(rank, 1) - 1] / NANOS_PER_MILLI;
    }

    static Latencies pooled(List<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.add(part.nanos[i]);
            }
        }
        return all;
    }
}
