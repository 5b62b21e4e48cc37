package io.statfeed.appservers.graph;

import java.awt.Color;

/** The colours of a graph: distinct line colours that stay apart on white, and the quiet chrome. */
final class Palette {
    /** Blue first: a single stat is always drawn in the product's colour. */
    private static final Color[] LINES = {
        new Color(0x2f6fdf), // blue
        new Color(0xe8590c), // orange
        new Color(0x2b9348), // green
        new Color(0xc2255c), // raspberry
        new Color(0x7048e8), // violet
        new Color(0x0c8599), // teal
        new Color(0xd4a000), // amber
        new Color(0x5c6770), // slate
        new Color(0x9c36b5), // grape
        new Color(0x74b816), // lime
    };

    static final Color BACKGROUND = Color.WHITE;
    static final Color PREVIOUS_PERIOD = new Color(0xa9aeb7);
    static final Color GRID = new Color(0xebedf0);
    static final Color AXIS_LABELS = new Color(0x6b7280);
    static final Color TITLE = new Color(0x1f2937);
    static final Color LEGEND_TEXT = new Color(0x374151);
    static final Color NO_DATA = new Color(0x9ca3af);
    /** How much of a line's colour fills the area under it: enough to read as a shape, not a block. */
    static final int FILL_ALPHA = 46;

    private Palette() {
    }

    /** The colour of the n-th current line (previous-period lines are grey and do not use one). */
    static Color line(int n) {
        return LINES[n % LINES.length];
    }

    static Color fillUnder(Color line) {
        return new Color(line.getRed(), line.getGreen(), line.getBlue(), FILL_ALPHA);
    }
}
