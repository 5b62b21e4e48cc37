package io.statfeed.appservers.graph;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * An XChart XY chart whose lines Statfeed draws itself, between the plot surface and the title.
 * XChart lays out the frame (axes, ticks, grid, title) and labels the axes, but
 * draws a line as one separate segment per pair of points: slow for a thousand points, one SVG
 * element per segment, and a dash pattern that restarts on every short segment so a dashed line
 * comes out solid. Here each line is one path. The chart's own series only make the x axis a date
 * axis (their data is NaN, which XChart skips).
 */
final class StatChart extends XYChart {
    private static final String NO_DATA = "no data";

    private final List<PlotLine> lines;
    private final long windowStartMillis;
    private final long windowEndMillis;
    private final ValueRange range;
    private final Font noDataFont;
    private final Legend lineLegend;
    private final MarkLayer marks;

    StatChart(int width, int height, List<PlotLine> lines, long windowStartMillis, long windowEndMillis,
              ValueRange range, Font noDataFont, Legend lineLegend, MarkLayer marks) {
        super(width, height);
        this.lines = List.copyOf(lines);
        this.windowStartMillis = windowStartMillis;
        this.windowEndMillis = windowEndMillis;
        this.range = range;
        this.noDataFont = noDataFont;
        this.lineLegend = lineLegend;
        this.marks = marks;
    }

    /**
     * XYChart's order (background, axes, plot, title) with the lines and then the marks drawn after
     * the plot, in the image's height less the legend's, and the legend (ours, XChart's is off) in
     * the strip below.
     */
    @Override
    public void paint(Graphics2D g, int width, int height) {
        int chartHeight = height - lineLegend.height();
        g.setPaint(Palette.BACKGROUND);
        g.fillRect(0, 0, width, height);
        setWidth(width);
        setHeight(chartHeight);
        paintBackground(g);
        axisPair.paint(g);
        plot.paint(g);
        Mapping map = mapping();
        paintLines(g, map);
        marks.paint(g, plot.getBounds(), map::x);
        chartTitle.paint(g);
        lineLegend.paint(g, chartHeight, width);
    }

    /**
     * The plot's data reaches its edges (plot content size 1), so the plot's bounds are the
     * window's and the range's ends. XChart's own value-to-pixel methods are not used: they give
     * up on an axis shorter than the x tick spacing hint, as a sparkline's is.
     */
    private Mapping mapping() {
        Rectangle2D area = plot.getBounds();
        return new Mapping(area.getMinX(), area.getMaxX(), area.getMaxY(), area.getMinY(), windowStartMillis,
                windowEndMillis, range);
    }

    private void paintLines(Graphics2D g, Mapping map) {
        Rectangle2D area = plot.getBounds();
        Shape clip = g.getClip();
        g.clip(area);
        boolean anyPoints = false;
        for (PlotLine line : lines) {
            if (line.points().isEmpty()) {
                continue;
            }
            anyPoints = true;
            Path2D.Float path = path(line.points(), map);
            line.fill().ifPresent(colour -> {
                g.setPaint(colour);
                g.fill(closedToBaseline(path, line.points(), map));
            });
            g.setPaint(line.color());
            g.setStroke(line.stroke());
            g.draw(path);
        }
        g.setClip(clip);
        if (!anyPoints) {
            paintNoData(g, area);
        }
    }

    private static Path2D.Float path(Downsampler.Thinned points, Mapping map) {
        Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO, points.size() + 3);
        double[] xs = points.xs();
        double[] ys = points.ys();
        path.moveTo(map.x(xs[0]), map.y(ys[0]));
        for (int i = 1; i < xs.length; i++) {
            path.lineTo(map.x(xs[i]), map.y(ys[i]));
        }
        return path;
    }

    private static Path2D.Float closedToBaseline(Path2D.Float line, Downsampler.Thinned points, Mapping map) {
        Path2D.Float area = new Path2D.Float(line);
        float base = map.y(map.range().baseline());
        area.lineTo(map.x(points.xs()[points.size() - 1]), base);
        area.lineTo(map.x(points.xs()[0]), base);
        area.closePath();
        return area;
    }

    private void paintNoData(Graphics2D g, Rectangle2D area) {
        g.setFont(noDataFont);
        g.setPaint(Palette.NO_DATA);
        FontMetrics metrics = g.getFontMetrics();
        float x = (float) (area.getCenterX() - metrics.stringWidth(NO_DATA) / 2.0);
        float y = (float) (area.getCenterY() + (metrics.getAscent() - metrics.getDescent()) / 2.0);
        g.drawString(NO_DATA, x, y);
    }

    /**
     * Linear map from (unix seconds, value) to pixels, fixed by the window's and the range's edges.
     * Pixels are rounded to an eighth: invisible, and an SVG path then says 105.375 where it would
     * say 105.36934166076747.
     */
    private record Mapping(double left, double right, double bottom, double top, long startMillis, long endMillis,
                           ValueRange range) {
        private static final double MILLIS = 1_000.0;
        private static final float SUBPIXELS = 8f;

        float x(double unixSeconds) {
            return snap(left + (unixSeconds * MILLIS - startMillis) / (endMillis - startMillis) * (right - left));
        }

        float y(double value) {
            return snap(bottom + (value - range.min()) / (range.max() - range.min()) * (top - bottom));
        }

        private static float snap(double pixel) {
            return Math.round(pixel * SUBPIXELS) / SUBPIXELS;
        }
    }
}
