package io.statfeed.apiserver.monitor;

import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A value measured many times between two reports, kept as count, sum, min, max and sum of
 * squares: exactly what a value stat's bucket holds. Lock-free, for the request path; a report
 * taken while others record may place a sample in the next report, never lose it.
 */
final class Measure {
    private final LongAdder n = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();
    private final DoubleAdder squares = new DoubleAdder();
    private final DoubleAccumulator min = new DoubleAccumulator(Math::min, Double.POSITIVE_INFINITY);
    private final DoubleAccumulator max = new DoubleAccumulator(Math::max, Double.NEGATIVE_INFINITY);

    record Snapshot(long n, double sum, double min, double max, double squares) {
    }

    void record(double value) {
        sum.add(value);
        squares.add(value * value);
        min.accumulate(value);
        max.accumulate(value);
        n.increment();
    }

    /** What was recorded since the last take, and a fresh start. */
    Snapshot take() {
        long count = n.sumThenReset();
        return new Snapshot(count, sum.sumThenReset(), min.getThenReset(), max.getThenReset(),
                squares.sumThenReset());
    }
}
