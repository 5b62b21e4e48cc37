package io.statfeed.appservers.graph;

import java.util.List;

/**
 * One graph to draw: its size in pixels, style and lines. The renderer downsamples each line to
 * about one point per pixel of width, so callers may send a week of minute points.
 *
 * @param title shown above the graph; empty for none
 * @param windowStart unix seconds where the x axis starts
 * @param windowEnd unix seconds where the x axis ends
 * @param marks moments marked with a labelled vertical line (a stat's annotations), oldest first
 */
public record GraphRequest(GraphStyle style, ImageFormat format, int width, int height, String title,
                           long windowStart, long windowEnd, List<Line> lines, List<Mark> marks) {
    public static final int MIN_SIDE = 16;
    public static final int MAX_WIDTH = 4_000;
    public static final int MAX_HEIGHT = 2_000;
    public static final int MAX_LINES = 50;
    /** As many as a graph is given of a stat's annotations (AnnotationStore.MAX_PER_GRAPH). */
    public static final int MAX_MARKS = 200;

    public GraphRequest {
        lines = List.copyOf(lines);
        // A client from before marks sends none; the request then draws as it always did.
        marks = marks == null ? List.of() : List.copyOf(marks);
    }

    /** A graph without marks. */
    public GraphRequest(GraphStyle style, ImageFormat format, int width, int height, String title, long windowStart,
                        long windowEnd, List<Line> lines) {
        this(style, format, width, height, title, windowStart, windowEnd, lines, List.of());
    }

    /** The same graph with these marks. */
    public GraphRequest withMarks(List<Mark> marks) {
        return new GraphRequest(style, format, width, height, title, windowStart, windowEnd, lines, marks);
    }

    /** How a line is drawn: the stat itself, or the previous period laid over the same window. */
    public enum Role { CURRENT, PREVIOUS }

    /**
     * One line. {@code times} are unix seconds (a previous period's already shifted into this
     * window) and {@code values} the same length; a value stat's empty intervals are simply absent.
     */
    public record Line(String label, Role role, long[] times, double[] values) {
    }

    /**
     * A moment marked on the graph: {@code time} in unix seconds, {@code label} the short text
     * drawn beside its line (see {@link #labelled}). The renderer draws marks outside the window
     * not at all, and none on a sparkline.
     */
    public record Mark(long time, String label) {
        /** Longest label drawn: a few words beside the line, the rest is on the stat's page. */
        public static final int MAX_LABEL = 40;
        private static final String CUT = "…";

        /** A mark whose label is {@code text} on one line, cut to {@link #MAX_LABEL} characters. */
        public static Mark labelled(long time, String text) {
            String line = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
            if (line.codePointCount(0, line.length()) > MAX_LABEL) {
                line = line.substring(0, line.offsetByCodePoints(0, MAX_LABEL - CUT.length())).stripTrailing() + CUT;
            }
            return new Mark(time, line);
        }
    }
}
