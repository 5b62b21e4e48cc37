package io.statfeed.appservers.graph;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Draws graphs in-process with XChart: PNG through a fast encoder of our own, SVG through
 * VectorGraphics2D. Stateless and safe to share between threads.
 *
 * <p>Each line is thinned to about two points per pixel column (its lowest and highest), so a week
 * of minute data renders as fast as a day's and its spikes stay visible. A request is checked
 * first; a bad one throws {@link io.statfeed.core.model.InvalidInputException} naming what is wrong.
 * A graph whose lines are empty says "no data" instead of failing.
 */
public final class XChartGraphService implements GraphService {

    @Override
    public GraphImage render(GraphRequest request) {
        GraphRequestCheck.check(request);
        StatChart chart = ChartComposer.compose(request);
        byte[] bytes = switch (request.format()) {
            case PNG -> png(chart, request.width(), request.height());
            case SVG -> SvgEncoder.encode(chart, request.width(), request.height());
        };
        return new GraphImage(request.format(), bytes);
    }

    private static byte[] png(StatChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            chart.paint(graphics, width, height);
        } finally {
            graphics.dispose();
        }
        return PngEncoder.encode(image);
    }
}
