package io.statfeed.appservers.graph;

import io.statfeed.core.concurrent.InParallel;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Draws graphs in-process with XChart: PNG through a fast encoder of our own, SVG through
 * VectorGraphics2D. Stateless and safe to share between threads.
 *
 * <p>Each line is thinned to about two points per pixel column (its lowest and highest), so a week
 * of minute data renders as fast as a day's and its spikes stay visible. A request is checked
 * first; a bad one throws {@link io.statfeed.core.model.InvalidInputException}. A graph whose lines
 * are empty says "no data" instead of failing.
 *
 * <p>A wide PNG is drawn as vertical stripes at the same time, each the whole chart painted
 * through a window onto its own image: anti-aliasing a noisy week's lines is most of a graph's
 * time and it is done per pixel row, so each stripe costs its share of it, and the pixels are the
 * very same as in one piece (XChartGraphServiceTest). Each stripe paints its own chart, as an
 * XChart chart keeps layout state while it paints.
 */
public final class XChartGraphService implements GraphService {
    /** Narrower than this, a stripe would not pay for drawing the axes and labels once more. */
    static final int MIN_STRIPE_WIDTH = 300;

    private final InParallel inParallel;
    private final int maxStripes;

    /** Draws each graph in one piece on the calling thread. */
    public XChartGraphService() {
        this(InParallel.onCallingThread(), 1);
    }

    /** @param maxStripes at most this many stripes drawn at once per graph, e.g. the number of cores */
    public XChartGraphService(InParallel inParallel, int maxStripes) {
        if (maxStripes < 1) {
            throw new IllegalArgumentException("a graph is drawn in at least one stripe, got " + maxStripes);
        }
        this.inParallel = inParallel;
        this.maxStripes = maxStripes;
    }

    @Override
    public GraphImage render(GraphRequest request) {
        GraphRequestCheck.check(request);
        byte[] bytes = switch (request.format()) {
            case PNG -> PngEncoder.encode(stripes(request));
            case SVG -> SvgEncoder.encode(ChartComposer.compose(request), request.width(), request.height());
        };
        return new GraphImage(request.format(), bytes);
    }

    /** The graph as images side by side, left to right. */
    private List<BufferedImage> stripes(GraphRequest request) {
        int width = request.width();
        int count = Math.max(1, Math.min(maxStripes, width / MIN_STRIPE_WIDTH));
        List<Callable<BufferedImage>> stripes = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int left = width * n / count;
            int right = width * (n + 1) / count;
            stripes.add(() -> stripe(request, left, right));
        }
        return inParallel.all(stripes);
    }

    /** Columns [left, right) of the graph. */
    private static BufferedImage stripe(GraphRequest request, int left, int right) {
        BufferedImage image = new BufferedImage(right - left, request.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.translate(-left, 0);
            ChartComposer.compose(request).paint(graphics, request.width(), request.height());
        } finally {
            graphics.dispose();
        }
        return image;
    }
}
