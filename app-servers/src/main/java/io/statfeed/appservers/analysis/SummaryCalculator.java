package io.statfeed.appservers.analysis;

import java.util.OptionalDouble;

/** The window at a glance, with the semantics documented on {@link Analysis.Summary}. */
final class SummaryCalculator {
    private static final double PERCENT = 100.0;

    private SummaryCalculator() {
    }

    static Analysis.Summary summarize(boolean counter, Intervals current, Intervals previous) {
        long points = 0;
        double total = 0;
        for (int i = 0; i < current.size(); i++) {
            points += current.counts()[i];
            total += current.totals()[i];
        }
        Spread spread = counter ? counterSpread(current, total) : valueSpread(current);
        OptionalDouble now = counter ? OptionalDouble.of(total) : spread.mean();
        OptionalDouble before = previous == null ? OptionalDouble.empty() : headline(counter, previous);
        return new Analysis.Summary(points, total, spread.mean(), spread.min(), spread.max(), spread.stddev(), before,
                change(now, before));
    }

    /** What the change compares: a counter's total, a value stat's mean. */
    private static OptionalDouble headline(boolean counter, Intervals window) {
        double total = 0;
        long points = 0;
        for (int i = 0; i < window.size(); i++) {
            total += window.totals()[i];
            points += window.counts()[i];
        }
        if (counter) {
            return OptionalDouble.of(total);
        }
        return points == 0 ? OptionalDouble.empty() : OptionalDouble.of(total / points);
    }

    private static OptionalDouble change(OptionalDouble now, OptionalDouble before) {
        if (now.isEmpty() || before.isEmpty() || before.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((now.getAsDouble() - before.getAsDouble()) / Math.abs(before.getAsDouble()) * PERCENT);
    }

    /** Over every interval of the window, the empty ones counting 0. */
    private static Spread counterSpread(Intervals window, double total) {
        IntervalSeries series = IntervalSeries.of(window, true);
        double mean = total / series.size();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double squares = 0;
        for (double value : series.values()) {
            min = Math.min(min, value);
            max = Math.max(max, value);
            squares += (value - mean) * (value - mean);
        }
        return new Spread(OptionalDouble.of(mean), OptionalDouble.of(min), OptionalDouble.of(max),
                OptionalDouble.of(Math.sqrt(squares / series.size())));
    }

    /** Over every point received, from the intervals' sums, extremes and sums of squares. */
    private static Spread valueSpread(Intervals window) {
        long points = 0;
        double total = 0;
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < window.size(); i++) {
            if (window.counts()[i] == 0) {
                continue;
            }
            points += window.counts()[i];
            total += window.totals()[i];
            squares += window.sumSquares()[i];
            min = Math.min(min, window.mins()[i]);
            max = Math.max(max, window.maxs()[i]);
        }
        if (points == 0) {
            return new Spread(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
        }
        double mean = total / points;
        // E[x²] − mean² can come out a hair below zero from rounding when every point is equal.
        double variance = Math.max(0, squares / points - mean * mean);
        return new Spread(OptionalDouble.of(mean), OptionalDouble.of(min), OptionalDouble.of(max),
                OptionalDouble.of(Math.sqrt(variance)));
    }

    private record Spread(OptionalDouble mean, OptionalDouble min, OptionalDouble max, OptionalDouble stddev) {
    }
}
