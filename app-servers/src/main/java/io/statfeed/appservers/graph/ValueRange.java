package io.statfeed.appservers.graph;

import java.util.List;

/**
 * The y axis's extent. Graphs with axes start at zero, so that a line's height reads as its size;
 * a sparkline spans its own range, so that its shape is what shows. Some headroom keeps the
 * highest point off the top edge.
 */
record ValueRange(double min, double max) {
    /** Share of the range left above the highest point on graphs with axes. */
    private static final double HEADROOM = 0.08;
    /**
     * Share of the range left below zero on graphs that start there: XChart labels only ticks
     * strictly inside the axis, and a graph from zero should say "0".
     */
    private static final double BELOW_ZERO = 0.01;
    /** What an empty or flat graph spans, so that the axis still has a scale. */
    private static final double FLAT_SPAN = 1.0;

    static ValueRange of(List<PlotLine> lines, boolean fromZero, double edgeShare) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (PlotLine line : lines) {
            for (double y : line.points().ys()) {
                low = Math.min(low, y);
                high = Math.max(high, y);
            }
        }
        if (low > high) {
            return fromZero ? new ValueRange(-FLAT_SPAN * BELOW_ZERO, FLAT_SPAN) : new ValueRange(0, FLAT_SPAN);
        }
        if (fromZero) {
            low = Math.min(low, 0);
            high = Math.max(high, 0);
        }
        if (high == low) {
            double half = Math.max(Math.abs(high), FLAT_SPAN) / 2;
            return fromZero && high >= 0 ? new ValueRange(-2 * half * BELOW_ZERO, high + 2 * half)
                    : new ValueRange(low - half, high + half);
        }
        double span = high - low;
        if (fromZero) {
            return new ValueRange(low < 0 ? low - span * HEADROOM : low - span * BELOW_ZERO,
                    high > 0 ? high + span * HEADROOM : high + span * BELOW_ZERO);
        }
        return new ValueRange(low - span * edgeShare, high + span * edgeShare);
    }

    /** Where a filled area closes: zero when the axis shows it, otherwise the bottom edge. */
    double baseline() {
        return min <= 0 && max >= 0 ? 0 : min;
    }
}
