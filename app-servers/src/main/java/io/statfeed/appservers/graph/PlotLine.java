package io.statfeed.appservers.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Optional;

/**
 * One line ready to draw: its thinned points, its legend label, its stroke and colour, and the
 * colour under it when the style fills the area down to the baseline.
 */
record PlotLine(String label, boolean previousPeriod, Downsampler.Thinned points, Color color, BasicStroke stroke, Optional<Color> fill) {
}
