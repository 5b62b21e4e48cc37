package io.statfeed.appservers.graph;

import java.util.List;

/**
 * One graph to draw: its size in pixels, style and lines. The renderer downsamples each line to
 * about one point per pixel of width, so callers may send a week of minute points.
 *
 * @param title shown above the graph; empty for none
 * @param windowStart unix seconds where the x axis starts
 * @param windowEnd unix seconds where the x axis ends
 */
public record GraphRequest(GraphStyle style, ImageFormat format, int width, int height, String title,
                           long windowStart, long windowEnd, List<Line> lines) {
    public static final int MIN_SIDE = 16;
    public static final int MAX_WIDTH = 4_000;
    public static final int MAX_HEIGHT = 2_000;
    public static final int MAX_LINES = 50;

    public GraphRequest {
        lines = List.copyOf(lines);
    }

    /** How a line is drawn: the stat itself, or the previous period laid over the same window. */
    public enum Role { CURRENT, PREVIOUS }

    /**
     * One line. {@code times} are unix seconds (a previous period's already shifted into this
     * window) and {@code values} the same length; a value stat's empty intervals are simply absent.
     */
    public record Line(String label, Role role, long[] times, double[] values) {
    }
}
