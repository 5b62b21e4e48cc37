package io.statfeed.interactor.stats;

import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Someone asks for an overlay of several stats as one image. */
public final class DrawComparison {
    private final StatAccess access;
    private final GraphDrawing drawing;
    private final Clock clock;

    public DrawComparison(StatAccess access, GraphDrawing drawing, Clock clock) {
        this.access = access;
        this.drawing = drawing;
        this.clock = clock;
    }

    public GraphImage draw(Optional<Visitor> visitor, List<String> ids, GraphSpec spec) {
        ComparedStats.Chosen chosen = ComparedStats.choose(access, visitor, ids, spec.frame(),
                clock.instant().getEpochSecond());
        return drawing.draw(chosen.stats(), chosen.window(), spec);
    }
}
