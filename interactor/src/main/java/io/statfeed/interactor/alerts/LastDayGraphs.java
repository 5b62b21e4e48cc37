package io.statfeed.interactor.alerts;

import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.Stat;
import io.statfeed.interactor.stats.GraphDrawing;
import io.statfeed.interactor.stats.GraphSpec;
import io.statfeed.interactor.stats.Window;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A stat's last day as the PNG an alert mail shows; a mail without it beats a mail not sent. */
public final class LastDayGraphs implements DeliverOutbox.AlertGraphs {
    private static final Logger log = LoggerFactory.getLogger(LastDayGraphs.class);
    static final int WIDTH = 600;
    static final int HEIGHT = 200;
    private static final String FRAME = "1d";

    private final GraphDrawing drawing;
    private final Clock clock;

    public LastDayGraphs(GraphDrawing drawing, Clock clock) {
        this.drawing = drawing;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> lastDay(Stat stat) {
        try {
            Window window = Window.forFrame(FRAME, stat, clock.millis() / 1000);
            return Optional.of(drawing.draw(List.of(stat), window,
                    new GraphSpec(FRAME, WIDTH, HEIGHT, GraphStyle.FILL, ImageFormat.PNG, false, "")).bytes());
        } catch (RuntimeException e) {
            log.warn("no graph for the alert mail of stat {}: {}", stat.id(), e.toString());
            return Optional.empty();
        }
    }
}
