package io.statfeed.interactor.stats;

import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A page elsewhere (or a mail) shows a graph of stats named by embed keys: share tokens, or the
 * ids of public stats. A key that opens nothing fails the whole image, so a private stat can
 * never be drawn by guessing.
 */
public final class DrawEmbeddedGraph {
    /** StatHat's embeds took s1 to s3; more are allowed, within an overlay's limit. */
    public static final int MAX_KEYS = ComparedStats.MAX_STATS;

    private final StatAccess access;
    private final GraphDrawing drawing;
    private final Clock clock;

    public DrawEmbeddedGraph(StatAccess access, GraphDrawing drawing, Clock clock) {
        this.access = access;
        this.drawing = drawing;
        this.clock = clock;
    }

    public GraphImage draw(List<String> embedKeys, GraphSpec spec) {
        LinkedHashSet<String> keys = new LinkedHashSet<>(embedKeys);
        if (keys.isEmpty()) {
            throw new InvalidInputException("name a stat to draw: s1=KEY (a share token or a public stat's id)");
        }
        if (keys.size() > MAX_KEYS) {
            throw new InvalidInputException("at most " + MAX_KEYS + " stats fit in one embedded graph, got " + keys.size());
        }
        List<Stat> stats = keys.stream().map(key -> access.embedded(key).stat()).toList();
        Stat oldest = stats.stream().min(Comparator.comparingLong(Stat::createdAtMillis)).orElseThrow();
        return drawing.draw(stats, Frames.window(spec.frame(), oldest, clock.instant().getEpochSecond()), spec);
    }
}
