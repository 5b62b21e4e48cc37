package io.statfeed.interactor.stats;

import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.GraphRequest;
import io.statfeed.appservers.graph.GraphService;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.storage.AnnotationStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the stats' points and annotations and has the graph server draw them: one line per stat,
 * plus the previous period, and a mark for each annotation in the window. Every graph of a stat
 * (its page's image, embeds, dashboard tiles, mails) is drawn here, for someone already allowed to
 * see the stats, so each shows the stats' annotations.
 */
public final class GraphDrawing {
    private static final long MILLIS_PER_SECOND = 1_000;
    private final SeriesReader reader;
    private final AnnotationStore annotations;
    private final GraphService graphs;

    public GraphDrawing(SeriesReader reader, AnnotationStore annotations, GraphService graphs) {
        this.reader = reader;
        this.annotations = annotations;
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
                window.start(), window.end(), lines, marks(stats, window, spec)));
    }

    /** The newest annotations of the stats in the window, oldest first, as many as a graph draws. */
    private List<GraphRequest.Mark> marks(List<Stat> stats, Window window, GraphSpec spec) {
        if (!spec.style().drawsMarks()) {
            return List.of();
        }
        List<Annotation> all = new ArrayList<>();
        for (Stat stat : stats) {
            all.addAll(annotations.between(stat.id(), window.startMillis(), window.endMillis()));
        }
        all.sort(Comparator.comparingLong(Annotation::atMillis).thenComparingLong(Annotation::id));
        return all.subList(Math.max(0, all.size() - GraphRequest.MAX_MARKS), all.size()).stream()
                .map(a -> GraphRequest.Mark.labelled(Math.floorDiv(a.atMillis(), MILLIS_PER_SECOND), a.text()))
                .toList();
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
