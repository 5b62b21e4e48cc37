package io.statfeed.appservers.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns a checked {@link GraphRequest} into a {@link StatChart}: lines thinned to the width, one
 * colour per current line, grey dashes for previous periods, and XChart's chrome pared down to
 * what the style needs.
 */
final class ChartComposer {
    private static final long MILLIS_PER_SECOND = 1_000;
    private static final BasicStroke GRID_STROKE = new BasicStroke(1f);
    private static final BasicStroke AXIS_SERIES_STROKE = new BasicStroke(1f);
    private static final String PREVIOUS_LABEL = "previous period";
    private static final String CURRENT_LABEL = "stat";
    private static final int TITLE_PADDING = 6;
    private static final int TICK_PADDING = 4;
    /** Space between the plot and its axes' labels. */
    private static final int PLOT_MARGIN = 2;
    /** The plot's data reaches its edges; the value range carries the headroom instead. */
    private static final double FULL_PLOT = 1.0;
    /** A sparkline keeps its line off the top and bottom pixel rows by this share of its range. */
    private static final double SPARK_EDGE_SHARE = 0.08;

    private ChartComposer() {
    }

    static StatChart compose(GraphRequest request) {
        GraphLook look = GraphLook.of(request.style());
        List<PlotLine> lines = plotLines(request, look);
        ValueRange range = ValueRange.of(lines, look.axes(), SPARK_EDGE_SHARE);
        long startMillis = request.windowStart() * MILLIS_PER_SECOND;
        long endMillis = request.windowEnd() * MILLIS_PER_SECOND;
        Legend legend = look.showsLegendFor(lines.size())
                ? Legend.of(legendOrder(lines), look.legendFont(), request.width(), request.height()) : Legend.none();
        MarkLayer marks = request.style().drawsMarks() ? new MarkLayer(request.marks(), look.tickFont()) : MarkLayer.none();
        StatChart chart = new StatChart(request.width(), request.height(), lines, startMillis, endMillis, range,
                look.noDataFont(), legend, marks);
        boolean anyPoints = lines.stream().anyMatch(line -> !line.points().isEmpty());
        style(chart.getStyler(), request, look, range);
        // An empty graph keeps its time axis and grid but shows no made-up scale of values.
        chart.getStyler().setYAxisTicksVisible(look.axes() && anyPoints);
        String title = request.title() == null ? "" : request.title().strip();
        chart.setTitle(title);
        chart.getStyler().setChartTitleVisible(look.title() && !title.isEmpty());
        addAxisSeries(chart, lines.size(), startMillis, endMillis);
        return chart;
    }

    /** Previous periods first, so that the current lines are drawn over them. */
    private static List<PlotLine> plotLines(GraphRequest request, GraphLook look) {
        List<PlotLine> previous = new ArrayList<>();
        List<PlotLine> current = new ArrayList<>();
        for (GraphRequest.Line line : request.lines()) {
            boolean isPrevious = line.role() == GraphRequest.Role.PREVIOUS;
            Downsampler.Thinned points = Downsampler.thin(line.times(), line.values(), request.windowStart(),
                    request.windowEnd(), Downsampler.columns(line.role(), request.width()));
            String label = line.label() == null ? "" : line.label().strip();
            if (isPrevious) {
                previous.add(new PlotLine(label.isEmpty() ? PREVIOUS_LABEL : label, true, points, Palette.PREVIOUS_PERIOD,
                        look.previousStroke(), Optional.empty()));
            } else {
                Color color = Palette.line(current.size());
                Optional<Color> fill = look.fillUnderCurrent() ? Optional.of(Palette.fillUnder(color)) : Optional.empty();
                current.add(new PlotLine(label.isEmpty() ? CURRENT_LABEL : label, false, points, color, look.currentStroke(),
                        fill));
            }
        }
        previous.addAll(current);
        return previous;
    }

    private static void style(XYStyler styler, GraphRequest request, GraphLook look, ValueRange range) {
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setAntiAlias(true);
        styler.setTextAntiAlias(true);
        styler.setLocale(Locale.ENGLISH);
        styler.setTimezone(TimeZone.getTimeZone("UTC"));
        styler.setChartBackgroundColor(Palette.BACKGROUND);
        styler.setPlotBackgroundColor(Palette.BACKGROUND);
        styler.setPlotBorderVisible(false);
        styler.setChartPadding(look.padding());
        styler.setPlotMargin(look.axes() ? PLOT_MARGIN : 0);
        styler.setPlotContentSize(FULL_PLOT);

        styler.setChartTitleFont(look.titleFont());
        styler.setChartTitleFontColor(Palette.TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitlePadding(TITLE_PADDING);

        // Statfeed draws the legend itself (see Legend).
        styler.setLegendVisible(false);
        styler.setChartFontColor(Palette.LEGEND_TEXT);

        styler.setAxisTitlesVisible(false);
        styler.setXAxisTicksVisible(look.axes());
        styler.setYAxisTicksVisible(look.axes());
        styler.setAxisTicksMarksVisible(false);
        styler.setAxisTicksLineVisible(false);
        styler.setPlotTicksMarksVisible(false);
        styler.setAxisTickLabelsFont(look.tickFont());
        styler.setAxisTickLabelsColor(Palette.AXIS_LABELS);
        styler.setAxisTickPadding(TICK_PADDING);
        if (look.axes()) {
            styler.setXAxisTickMarkSpacingHint(look.tickSpacingX());
            styler.setYAxisTickMarkSpacingHint(look.tickSpacingY());
        }
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotGridHorizontalLinesVisible(look.axes());
        styler.setPlotGridLinesColor(Palette.GRID);
        styler.setPlotGridLinesStroke(GRID_STROKE);

        styler.setDatePattern(TimeAxisPattern.forWindow(request.windowEnd() - request.windowStart()));
        styler.setXAxisMin((double) request.windowStart() * MILLIS_PER_SECOND);
        styler.setXAxisMax((double) request.windowEnd() * MILLIS_PER_SECOND);
        styler.setYAxisMin(range.min());
        styler.setYAxisMax(range.max());
        styler.setYAxisTickLabelsFormattingFunction(CompactNumbers::format);
    }

    /** Current lines first in the legend, though previous periods are drawn first (underneath). */
    private static List<PlotLine> legendOrder(List<PlotLine> lines) {
        List<PlotLine> ordered = new ArrayList<>(lines);
        ordered.sort(Comparator.comparing(PlotLine::previousPeriod));
        return ordered;
    }

    /**
     * One XChart series per line, holding only the window's two ends with no values: enough for a
     * date-typed x axis, nothing for XChart to draw. An empty graph gets one as well, so that its
     * axis still shows the window's dates.
     */
    private static void addAxisSeries(StatChart chart, int lines, long startMillis, long endMillis) {
        List<Date> ends = List.of(new Date(startMillis), new Date(endMillis));
        List<Double> nothing = List.of(Double.NaN, Double.NaN);
        for (int n = 0; n < Math.max(1, lines); n++) {
            XYSeries series = chart.addSeries("line " + n, ends, nothing);
            dress(series, Palette.BACKGROUND, AXIS_SERIES_STROKE);
            series.setShowInLegend(false);
        }
    }

    private static void dress(XYSeries entry, Color color, BasicStroke stroke) {
        entry.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        entry.setLineColor(color);
        entry.setLineStyle(stroke);
        entry.setFillColor(color);
        entry.setMarker(SeriesMarkers.NONE);
        entry.setMarkerColor(color);
    }
}
