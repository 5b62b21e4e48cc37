package io.statfeed.appservers.analysis;

import java.util.List;
import java.util.OptionalDouble;

/** What the analysis server found. */
public record Analysis(Summary summary, Trend trend, Percentiles percentiles, List<Anomaly> anomalies,
                       List<Forecast> forecast) {
    public Analysis {
        anomalies = List.copyOf(anomalies);
        forecast = List.copyOf(forecast);
    }

    /**
     * The window at a glance. A counter's total is its count over the window, and its mean, min,
     * max and standard deviation are over intervals (empty ones 0). A value stat's mean, min, max
     * and standard deviation are over every point received. {@code changePct} compares the total
     * (counters) or mean (values) with the previous window; empty when that has nothing to compare.
     */
    public record Summary(long points, double total, OptionalDouble mean, OptionalDouble min, OptionalDouble max,
                          OptionalDouble stddev, OptionalDouble previous, OptionalDouble changePct) {
    }

    /** Least-squares line through the intervals: change per hour, and how well it fits (r squared). */
    public record Trend(OptionalDouble slopePerHour, OptionalDouble rSquared) {
    }

    /** Percentiles of the interval values (not of raw points, which storage does not keep). */
    public record Percentiles(OptionalDouble p50, OptionalDouble p90, OptionalDouble p95, OptionalDouble p99) {
    }

    /** An interval well outside the stat's usual level for that hour of the week. */
    public record Anomaly(long time, double value, double expected, double score) {
    }

    /** A forecast interval with a band that widens with distance. */
    public record Forecast(long time, double value, double low, double high) {
    }
}
