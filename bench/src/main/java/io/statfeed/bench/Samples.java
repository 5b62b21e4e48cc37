package io.statfeed.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of one kind of request, in microseconds, from any number of threads; nearest-rank percentiles. */
final class Samples {
    final String name;
    private final List<Long> micros = new ArrayList<>();
    private int failures;

    Samples(String name) {
        this.name = name;
    }

    synchronized void add(long nanos) {
        micros.add(nanos / 1_000);
    }

    synchronized void fail() {
        failures++;
    }

    synchronized int count() {
        return micros.size();
    }

    synchronized int failures() {
        return failures;
    }

    /** The q-th quantile in milliseconds; NaN with no samples. */
    synchronized double ms(double q) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1) / 1e3;
    }

    String describe() {
        return String.format("%s: %d (%d failed), p50 %.2f ms, p99 %.2f ms, max %.2f ms", name, count(), failures(),
                ms(0.5), ms(0.99), ms(1.0));
    }
}
