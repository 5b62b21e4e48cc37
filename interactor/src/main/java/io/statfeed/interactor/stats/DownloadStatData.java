package io.statfeed.interactor.stats;

import io.statfeed.core.model.Stat;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Someone downloads a stat's points over a time frame (as CSV, for a spreadsheet). */
public final class DownloadStatData {
    public record StatData(Stat stat, Window window, List<Point> points) {
        public StatData {
            points = List.copyOf(points);
        }
    }

    private final StatAccess access;
    private final SeriesReader reader;
    private final Clock clock;

    public DownloadStatData(StatAccess access, SeriesReader reader, Clock clock) {
        this.access = access;
        this.reader = reader;
        this.clock = clock;
    }

    public StatData download(Optional<Visitor> visitor, String statId, String frame) {
        Stat stat = access.visible(visitor, statId).stat();
        Window window = Frames.window(frame, stat, clock.instant().getEpochSecond());
        return new StatData(stat, window, reader.read(stat, window).points());
    }
}
