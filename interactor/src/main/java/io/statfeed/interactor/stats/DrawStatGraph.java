package io.statfeed.interactor.stats;

import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Someone asks for a stat's graph as an image (for the page without JavaScript, a dashboard, a mail). */
public final class DrawStatGraph {
    private final StatAccess access;
    private final GraphDrawing drawing;
    private final Clock clock;

    public DrawStatGraph(StatAccess access, GraphDrawing drawing, Clock clock) {
        this.access = access;
        this.drawing = drawing;
        this.clock = clock;
    }

    public GraphImage draw(Optional<Visitor> visitor, String statId, GraphSpec spec) {
        StatAccess.Seen seen = access.visible(visitor, statId);
        Window window = Frames.window(spec.frame(), seen.stat(), clock.instant().getEpochSecond());
        return drawing.draw(List.of(seen.stat()), window, spec);
    }
}
