package io.statfeed.interactor.export;

import io.statfeed.core.model.Account;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.TimeFrame;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.stats.SeriesReader;
import io.statfeed.interactor.stats.Window;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An export script reads the points of one or more stats of its account over a StatHat time
 * frame: counters summed per interval (empty intervals 0), values averaged (empty intervals left out).
 * The points come through the same {@link SeriesReader} as the pages', so a frame reaching past the
 * minute buckets' retention shows hour (or day) numbers there, as a graph does.
 */
public final class ReadStatData {
    /** One request reads at most this many stats, so that one URL cannot ask for unbounded work. */
    public static final int MAX_STATS_PER_REQUEST = 20;
    /** The last second of year 9999: a start beyond it is a mistake, and would overflow window arithmetic. */
    public static final long MAX_START_SECONDS = 253_402_300_799L;

    /** One interval of a stat. */
    public record DataPoint(long time, double value) {
    }

    /** The points of one stat over the frame. */
    public record StatData(long id, String name, String timeframe, List<DataPoint> points) {
        public StatData {
            points = List.copyOf(points);
        }
    }

    private final AccessTokens tokens;
    private final StatStore stats;
    private final SeriesReader reader;
    private final Clock clock;

    public ReadStatData(AccessTokens tokens, StatStore stats, SeriesReader reader, Clock clock) {
        this.tokens = tokens;
        this.stats = stats;
        this.reader = reader;
        this.clock = clock;
    }

    public List<StatData> read(String token, List<String> ids, String t, Optional<Long> start) {
        Account account = tokens.accountOf(token);
        Set<String> wanted = distinctIds(ids);
        TimeFrame frame = timeFrame(t);
        TimeFrame.Window window = frame.window(clock.instant().getEpochSecond(), checkedStart(start));
        List<Stat> found = wanted.stream().map(id -> StatIds.liveStat(stats, account.id(), id)).toList();
        List<StatData> data = new ArrayList<>(found.size());
        for (Stat stat : found) {
            data.add(new StatData(stat.id(), stat.name(), frame.inWords(), points(stat, frame, window)));
        }
        return List.copyOf(data);
    }

    private List<DataPoint> points(Stat stat, TimeFrame frame, TimeFrame.Window placed) {
        Window window = new Window(frame.text(), placed.start(), placed.end(), placed.intervalSeconds());
        return reader.read(stat, window).points().stream()
                .map(point -> new DataPoint(point.time(), point.value())).toList();
    }

    private static Set<String> distinctIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException("no stat id given; ask for /data/ID or /data/ID1/ID2");
        }
        if (ids.size() > MAX_STATS_PER_REQUEST) {
            throw new InvalidInputException("at most " + MAX_STATS_PER_REQUEST + " stat ids may be read at once, got "
                    + ids.size());
        }
        return new LinkedHashSet<>(ids);
    }

    private static TimeFrame timeFrame(String t) {
        try {
            return TimeFrame.parse(t);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("parameter t: " + e.getMessage());
        }
    }

    private static Long checkedStart(Optional<Long> start) {
        Long seconds = start.orElse(null);
        if (seconds != null && (seconds < 0 || seconds > MAX_START_SECONDS)) {
            throw new InvalidInputException("start must be unix seconds between 0 and " + MAX_START_SECONDS + ", got "
                    + seconds);
        }
        return seconds;
    }
}
