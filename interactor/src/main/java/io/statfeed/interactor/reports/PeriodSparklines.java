package io.statfeed.interactor.reports;

import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.Stat;
import io.statfeed.interactor.stats.GraphDrawing;
import io.statfeed.interactor.stats.GraphSpec;
import io.statfeed.interactor.stats.Window;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sparklines drawn by the graph server: a report without one beats a report not sent. */
public final class PeriodSparklines implements Sparklines {
    private static final Logger log = LoggerFactory.getLogger(PeriodSparklines.class);
    /** Twice the size shown in the mail, so it stays sharp on high-density screens. */
    public static final int WIDTH = 240;
    public static final int HEIGHT = 56;
    /** A point an hour for a day, every three hours for a week: a shape, not noise. */
    private static final long DAILY_INTERVAL_SECONDS = 3_600;
    private static final long WEEKLY_INTERVAL_SECONDS = 3 * 3_600;

    private final GraphDrawing drawing;

    public PeriodSparklines(GraphDrawing drawing) {
        this.drawing = drawing;
    }

    @Override
    public Optional<byte[]> draw(Stat stat, ReportPeriod period) {
        long interval = period.days() == 1 ? DAILY_INTERVAL_SECONDS : WEEKLY_INTERVAL_SECONDS;
        Window window = new Window(period.days() + "d", period.startSeconds(), period.endSeconds(), interval);
        try {
            return Optional.of(drawing.draw(List.of(stat), window,
                    new GraphSpec(window.key(), WIDTH, HEIGHT, GraphStyle.SPARK, ImageFormat.PNG, false, "")).bytes());
        } catch (RuntimeException e) {
            log.warn("no sparkline for the report line of stat {}: {}", stat.id(), e.toString());
            return Optional.empty();
        }
    }
}
