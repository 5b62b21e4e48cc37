package io.statfeed.interactor.feeds;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.ActivitySourceStore;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.StatStore;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Publishes what other parts of Statfeed recorded: stats the api-servers created and alert
 * transitions the evaluator recorded. Each source is read from its mark, a little back (ids are
 * made before their rows commit), and published by foreign id, so a fact met twice is stored once
 * and the api-server's path stays free of feed work.
 */
public final class PublishActivitySources {
    static final String NEW_STATS = "stats";
    static final String ALERT_EVENTS = "alert_events";
    private static final long LOOK_BACK_IDS = Ids.spanOf(60_000);
    private static final long FIRST_RUN_LOOK_BACK_MILLIS = 3_600_000;
    private static final int BATCH = 500;

    /** What one run published. */
    public record Run(int stats, int transitions) {
    }

    private final ActivitySourceStore marks;
    private final StatStore stats;
    private final AlertStore alerts;
    private final PublishActivity publisher;
    private final Clock clock;

    public PublishActivitySources(ActivitySourceStore marks, StatStore stats, AlertStore alerts, PublishActivity publisher,
                                  Clock clock) {
        this.marks = marks;
        this.stats = stats;
        this.alerts = alerts;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Run run() {
        int newStats = publish(NEW_STATS, from -> stats.liveAbove(from, BATCH), Stat::id, publisher::statCreated);
        int transitions = publish(ALERT_EVENTS, from -> alerts.transitionsAbove(from, BATCH), t -> t.event().id(),
                publisher::alertTransition);
        return new Run(newStats, transitions);
    }

    /** Publishes one source from a little before its mark, a batch at a time, moving the mark; how many were new. */
    private <T> int publish(String source, LongFunction<List<T>> above, ToLongFunction<T> idOf,
                            Function<T, PublishActivity.Prepared> prepare) {
        int published = 0;
        long from = startingPoint(source);
        while (true) {
            List<T> batch = above.apply(from);
            for (T fact : batch) {
                published += publisher.publish(prepare.apply(fact)).isNew() ? 1 : 0;
            }
            if (batch.isEmpty()) {
                return published;
            }
            from = idOf.applyAsLong(batch.get(batch.size() - 1));
            marks.advance(source, from);
            if (batch.size() < BATCH) {
                return published;
            }
        }
    }

    /**
     * A little before the mark; on the first run ever, an hour back: an installation that gains
     * feeds does not announce its whole history as news.
     */
    private long startingPoint(String source) {
        long mark = marks.publishedUpto(source);
        return mark == 0 ? Ids.lowestAt(clock.millis() - FIRST_RUN_LOOK_BACK_MILLIS) : Math.max(0, mark - LOOK_BACK_IDS);
    }
}
