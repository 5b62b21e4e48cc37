package io.statfeed.core.model;

/**
 * What is kept of the points in one interval: how many, their sum, extremes and sum of squares.
 * Enough for count, sum, mean, min, max and standard deviation, and buckets add up exactly.
 */
public record Bucket(long start, long n, double total, double min, double max, double sumSquares) {

    public static Bucket of(long start, double value) {
        return new Bucket(start, 1, value, value, value, value * value);
    }

    public Bucket withStart(long newStart) {
        return new Bucket(newStart, n, total, min, max, sumSquares);
    }
}
