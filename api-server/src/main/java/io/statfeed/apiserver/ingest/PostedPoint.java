package io.statfeed.apiserver.ingest;

/**
 * One data point as a client posted it: a stat (a name for /ez, a per-stat key for /c and /v),
 * a count or a value, and a time in unix seconds ({@code NaN} when the client sent none).
 * {@code index} is its place in a JSON batch, so a rejection can name it.
 */
public record PostedPoint(int index, String stat, boolean counter, double amount, double time) {
    public static final double NOW = Double.NaN;
}
