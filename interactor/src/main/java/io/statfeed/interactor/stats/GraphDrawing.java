package io.statfeed.interactor.stats;

import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.GraphRequest;
import io.statfeed.appservers.graph.GraphService;
import io.statfeed.core.model.Stat;
import java.util.ArrayList;
import java.util.List;

/** Reads the stats' points and has the graph server draw them: one line per stat, plus the previous period. */
public final class GraphDrawing {
    private final SeriesReader reader;
    private final GraphService graphs;

    public GraphDrawing(SeriesReader reader, GraphService graphs) {
        this.reader = reader;
        this.graphs = graphs;
    }

    public GraphImage draw(List<Stat> stats, Window window, GraphSpec spec) {
        List<GraphRequest.Line> lines = new ArrayList<>();
        for (Stat stat : stats) {
            lines.add(line(stat.name(), GraphRequest.Role.CURRENT, reader.read(stat, window).points()));
        }
        if (spec.withPrevious() && stats.size() == 1) {
            FoldedSeries previous = reader.read(stats.get(0), window.previous());
            lines.add(line("previous " + window.key(), GraphRequest.Role.PREVIOUS,
                    previous.pointsShiftedBy(window.spanSeconds())));
        }
        return graphs.render(new GraphRequest(spec.style(), spec.format(), spec.width(), spec.height(), spec.title(),
                window.start(), window.end(), lines));
    }

    private static GraphRequest.Line line(String label, GraphRequest.Role role, List<Point> points) {
        long[] times = new long[points.size()];
        double[] values = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            times[i] = points.get(i).time();
            values[i] = points.get(i).value();
        }
        return new GraphRequest.Line(label, role, times, values);
    }
}
