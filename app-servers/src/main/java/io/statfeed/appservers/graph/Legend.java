package io.statfeed.appservers.graph;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The legend under the plot: entries wrap onto centred rows, as many rows as a third of the image
 * allows, the rest summed up as "+N more". XChart's own horizontal legend is one row that runs off
 * both edges once an overlay has a handful of stats.
 */
final class Legend {
    private static final int SAMPLE_LENGTH = 16;
    private static final int SAMPLE_GAP = 5;
    private static final int ENTRY_GAP = 16;
    private static final int ROW_GAP = 4;
    private static final int SIDE_MARGIN = 8;
    private static final float MIN_SAMPLE_WIDTH = 2f;
    /** The legend never takes more than this share of the image's height from the plot. */
    private static final double MAX_HEIGHT_SHARE = 1.0 / 3;
    /** Nor more than this share of its width for one label. */
    private static final double MAX_LABEL_SHARE = 0.45;
    private static final String ELLIPSIS = "…";
    /** Measures text without a Graphics: antialiased, fractional metrics, as the chart draws it. */
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    private final Font font;
    private final List<List<Entry>> rows;
    private final String more;
    private final int rowHeight;
    private final int ascent;

    private Legend(Font font, List<List<Entry>> rows, String more, int rowHeight, int ascent) {
        this.font = font;
        this.rows = rows;
        this.more = more;
        this.rowHeight = rowHeight;
        this.ascent = ascent;
    }

    static Legend none() {
        return new Legend(null, List.of(), "", 0, 0);
    }

    /** Lays the entries out for an image of the given size. */
    static Legend of(List<PlotLine> lines, Font font, int width, int height) {
        var metrics = font.getLineMetrics("Ag", MEASURE);
        int ascent = (int) Math.ceil(metrics.getAscent());
        int rowHeight = ascent + (int) Math.ceil(metrics.getDescent()) + ROW_GAP;
        int maxRows = (int) (height * MAX_HEIGHT_SHARE / rowHeight);
        if (maxRows == 0 || lines.isEmpty()) {
            return none();
        }
        double available = width - 2.0 * SIDE_MARGIN;
        List<List<Entry>> rows = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        double used = 0;
        int placed = 0;
        for (PlotLine line : lines) {
            Entry entry = new Entry(line, fit(line.label(), font, width * MAX_LABEL_SHARE));
            double entryWidth = entry.width(font);
            if (!row.isEmpty() && used + entryWidth > available) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
                if (rows.size() == maxRows) {
                    break;
                }
            }
            row.add(entry);
            used += entryWidth;
            placed++;
        }
        if (!row.isEmpty() && rows.size() < maxRows) {
            rows.add(row);
        }
        String more = "";
        if (placed < lines.size()) {
            more = "+" + (lines.size() - placed) + " more";
            // Make room for the note on the last row by dropping its last entries.
            List<Entry> last = rows.get(rows.size() - 1);
            while (last.size() > 1 && rowWidth(last, font) + textWidth(more, font) > available) {
                last.remove(last.size() - 1);
                more = "+" + (lines.size() - countEntries(rows)) + " more";
            }
        }
        return new Legend(font, rows, more, rowHeight, ascent);
    }

    int height() {
        return rows.size() * rowHeight;
    }

    int rows() {
        return rows.size();
    }

    int entries() {
        return countEntries(rows);
    }

    /** "+N more" when not every line fits, otherwise empty. */
    String more() {
        return more;
    }

    void paint(Graphics2D g, int top, int width) {
        g.setFont(font);
        for (int r = 0; r < rows.size(); r++) {
            List<Entry> row = rows.get(r);
            boolean last = r == rows.size() - 1;
            double rowWidth = rowWidth(row, font) + (last ? textWidth(more, font) : 0);
            float x = (float) ((width - rowWidth) / 2);
            float baseline = top + r * rowHeight + ascent;
            float middle = baseline - ascent / 2f + 1;
            for (Entry entry : row) {
                BasicStroke stroke = entry.line().stroke();
                g.setPaint(entry.line().color());
                g.setStroke(new BasicStroke(Math.max(stroke.getLineWidth(), MIN_SAMPLE_WIDTH), BasicStroke.CAP_BUTT,
                        stroke.getLineJoin(), stroke.getMiterLimit(), stroke.getDashArray(), stroke.getDashPhase()));
                g.draw(new Line2D.Float(x, middle, x + SAMPLE_LENGTH, middle));
                g.setPaint(Palette.LEGEND_TEXT);
                g.drawString(entry.text(), x + SAMPLE_LENGTH + SAMPLE_GAP, baseline);
                x += (float) entry.width(font);
            }
            if (last && !more.isEmpty()) {
                g.setPaint(Palette.AXIS_LABELS);
                g.drawString(more, x, baseline);
            }
        }
    }

    private static String fit(String label, Font font, double maxWidth) {
        if (textWidth(label, font) <= maxWidth) {
            return label;
        }
        int keep = label.length();
        while (keep > 1 && textWidth(label.substring(0, keep) + ELLIPSIS, font) > maxWidth) {
            keep--;
        }
        return label.substring(0, keep) + ELLIPSIS;
    }

    private static double rowWidth(List<Entry> row, Font font) {
        return row.stream().mapToDouble(entry -> entry.width(font)).sum();
    }

    private static int countEntries(List<List<Entry>> rows) {
        return rows.stream().mapToInt(List::size).sum();
    }

    private static double textWidth(String text, Font font) {
        return text.isEmpty() ? 0 : font.getStringBounds(text, MEASURE).getWidth();
    }

    private record Entry(PlotLine line, String text) {
        double width(Font font) {
            return SAMPLE_LENGTH + SAMPLE_GAP + textWidth(text, font) + ENTRY_GAP;
        }
    }
}
