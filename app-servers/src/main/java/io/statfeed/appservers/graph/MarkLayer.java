package io.statfeed.appservers.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A graph's marks (annotations) over its lines: each a thin dashed vertical line across the plot
 * with a small triangle at the top, and its label beside it where it does not run into the label
 * before. Marks are drawn oldest first, so when labels crowd, the earlier ones keep theirs.
 */
final class MarkLayer {
    static final Color COLOR = new Color(0xb45309);
    /** Behind a label, so that it reads over a filled area or a line. */
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 215);
    private static final float[] DASH = {3f, 3f};
    private static final float MITER_LIMIT = 10f;
    private static final BasicStroke STROKE = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            MITER_LIMIT, DASH, 0f);
    /** Half the width (and the height) of the triangle at the top of a mark. */
    private static final float MARKER_HALF = 3.5f;
    private static final double HALF_PIXEL = 0.5;
    private static final int LABEL_GAP = 3;
    private static final int LABEL_PADDING = 2;
    /** Space kept between one label and the next. */
    private static final int LABEL_SPACING = 6;

    private final List<GraphRequest.Mark> marks;
    private final Font font;

    MarkLayer(List<GraphRequest.Mark> marks, Font font) {
        this.marks = List.copyOf(marks);
        this.font = font;
    }

    static MarkLayer none() {
        return new MarkLayer(List.of(), null);
    }

    /**
     * Paints the marks inside {@code area}, the plot, placing each by {@code xOf} (unix seconds to
     * pixels); a mark outside the window is not drawn.
     */
    void paint(Graphics2D g, Rectangle2D area, DoubleUnaryOperator xOf) {
        if (marks.isEmpty()) {
            return;
        }
        Shape clip = g.getClip();
        g.clip(area);
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        double top = area.getMinY();
        double labelsRight = Double.NEGATIVE_INFINITY;
        for (GraphRequest.Mark mark : marks) {
            double at = xOf.applyAsDouble(mark.time());
            if (at < area.getMinX() || at > area.getMaxX()) {
                continue;
            }
            // On a pixel's centre a one-pixel line is one crisp column rather than two faint ones.
            double x = Math.floor(at) + HALF_PIXEL;
            g.setPaint(COLOR);
            g.setStroke(STROKE);
            g.draw(new Line2D.Double(x, top, x, area.getMaxY()));
            g.fill(marker(x, top));
            labelsRight = label(g, metrics, mark.label(), x, area, labelsRight);
        }
        g.setClip(clip);
    }

    /** Draws the label right of the line, or left of it at the plot's right edge; returns where labels now end. */
    private static double label(Graphics2D g, FontMetrics metrics, String text, double x, Rectangle2D area,
                                double labelsRight) {
        if (text.isEmpty()) {
            return labelsRight;
        }
        int width = metrics.stringWidth(text);
        double left = x + MARKER_HALF + LABEL_GAP;
        if (left + width + LABEL_PADDING > area.getMaxX()) {
            left = x - MARKER_HALF - LABEL_GAP - width;
        }
        if (left - LABEL_PADDING < labelsRight + LABEL_SPACING || left - LABEL_PADDING < area.getMinX()) {
            return labelsRight;
        }
        double baseline = area.getMinY() + LABEL_PADDING + metrics.getAscent();
        g.setPaint(LABEL_BACKGROUND);
        g.fill(new Rectangle2D.Double(left - LABEL_PADDING, area.getMinY(), width + 2.0 * LABEL_PADDING,
                metrics.getAscent() + metrics.getDescent() + 2.0 * LABEL_PADDING));
        g.setPaint(COLOR);
        g.drawString(text, (float) left, (float) baseline);
        return left + width + LABEL_PADDING;
    }

    private static Path2D marker(double x, double top) {
        Path2D.Double triangle = new Path2D.Double();
        triangle.moveTo(x - MARKER_HALF, top);
        triangle.lineTo(x + MARKER_HALF, top);
        triangle.lineTo(x, top + 2 * MARKER_HALF);
        triangle.closePath();
        return triangle;
    }
}
