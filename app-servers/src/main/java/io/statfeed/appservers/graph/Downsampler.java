package io.statfeed.appservers.graph;

import java.util.Arrays;

/**
 * Thins a line to about two points per pixel column before it is drawn: within each column it
 * keeps the lowest and the highest point, in time order. A spike of one minute in a week of minute
 * data therefore still reaches its full height, where averaging or picking every n-th point would
 * flatten or lose it. Points outside the window are dropped; they would be clipped anyway.
 */
final class Downsampler {
    private static final int POINTS_PER_COLUMN = 2;
    /**
     * A previous period is context, drawn dashed: half the detail is plenty, and a dash pattern
     * needs segments longer than a pixel to show.
     */
    private static final int PREVIOUS_PIXELS_PER_COLUMN = 2;

    private Downsampler() {
    }

    /** The columns a line of a graph {@code width} pixels wide is thinned to: one per pixel, half for a previous period. */
    static int columns(GraphRequest.Role role, int width) {
        return role == GraphRequest.Role.PREVIOUS ? Math.max(1, width / PREVIOUS_PIXELS_PER_COLUMN) : width;
    }

    /** Times (unix seconds, ascending) and values thinned for {@code columns} pixel columns across the window. */
    static Thinned thin(long[] times, double[] values, long windowStart, long windowEnd, int columns) {
        int from = firstAtOrAfter(times, windowStart);
        int to = firstAfter(times, windowEnd);
        int inWindow = to - from;
        if (inWindow <= columns * POINTS_PER_COLUMN) {
            return copy(times, values, from, to);
        }
        double[] xs = new double[columns * POINTS_PER_COLUMN];
        double[] ys = new double[columns * POINTS_PER_COLUMN];
        int kept = 0;
        double span = windowEnd - windowStart;
        int i = from;
        while (i < to) {
            int column = column(times[i], windowStart, span, columns);
            int lowest = i;
            int highest = i;
            int j = i + 1;
            while (j < to && column(times[j], windowStart, span, columns) == column) {
                if (values[j] < values[lowest]) {
                    lowest = j;
                }
                if (values[j] > values[highest]) {
                    highest = j;
                }
                j++;
            }
            int first = Math.min(lowest, highest);
            int second = Math.max(lowest, highest);
            xs[kept] = times[first];
            ys[kept++] = values[first];
            if (second != first) {
                xs[kept] = times[second];
                ys[kept++] = values[second];
            }
            i = j;
        }
        return new Thinned(Arrays.copyOf(xs, kept), Arrays.copyOf(ys, kept));
    }

    private static int column(long time, long windowStart, double span, int columns) {
        // The window's last instant belongs to the last column, not to one past it.
        return Math.min(columns - 1, (int) ((time - windowStart) / span * columns));
    }

    private static Thinned copy(long[] times, double[] values, int from, int to) {
        double[] xs = new double[to - from];
        for (int k = from; k < to; k++) {
            xs[k - from] = times[k];
        }
        return new Thinned(xs, Arrays.copyOfRange(values, from, to));
    }

    private static int firstAtOrAfter(long[] times, long time) {
        int i = Arrays.binarySearch(times, time);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && times[i - 1] == time) {
            i--;
        }
        return i;
    }

    private static int firstAfter(long[] times, long time) {
        int i = Arrays.binarySearch(times, time);
        if (i < 0) {
            return -i - 1;
        }
        while (i < times.length && times[i] == time) {
            i++;
        }
        return i;
    }

    /** A thinned line: x in unix seconds, y the values, the same length. */
    record Thinned(double[] xs, double[] ys) {
        int size() {
            return xs.length;
        }

        boolean isEmpty() {
            return xs.length == 0;
        }
    }
}
