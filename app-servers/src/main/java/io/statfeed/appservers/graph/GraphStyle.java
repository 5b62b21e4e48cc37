package io.statfeed.appservers.graph;

/** StatHat's embed styles, plus a plain line graph. */
public enum GraphStyle {
    /** Area under the line filled; axes, legend and title. The stat page's graph. */
    FILL,
    /** Lines only, with axes and a legend: overlays of several stats. */
    LINE,
    /** A small graph with few labels, for dashboards. */
    MINI,
    /** A sparkline: the line alone, no axes or labels, for lists and emails. */
    SPARK;

    /** Marks (annotations) go where there are axes to read them against: not on a sparkline, the line alone. */
    public boolean drawsMarks() {
        return this != SPARK;
    }
}
