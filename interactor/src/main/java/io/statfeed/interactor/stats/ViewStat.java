package io.statfeed.interactor.stats;

import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.storage.AnnotationStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Someone looks at a stat over a time frame: its points, the previous period's laid over them,
 * the analysis (summary, change, trend, anomalies, forecast), the annotations in the window and
 * how fresh the data is.
 */
public final class ViewStat {
    /**
     * Everything a stat's page shows.
     *
     * @param newestMinute start of the newest minute holding data, if any
     * @param embedKey what an embed or image URL names the stat by, when it may be embedded at all
     * @param shareToken the share link's token, shown to the owner only
     * @param annotations the newest in the window (at most {@link AnnotationStore#MAX_PER_GRAPH}), oldest first
     */
    public record StatPage(Stat stat, boolean owned, Window window, List<Point> points, List<Point> previousPoints,
                           Analysis analysis, Optional<Long> newestMinute, long nowSeconds, Optional<String> embedKey,
                           Optional<String> shareToken, List<Annotation> annotations) {
        public StatPage {
            points = List.copyOf(points);
            previousPoints = List.copyOf(previousPoints);
            annotations = List.copyOf(annotations);
        }
    }

    private final StatAccess access;
    private final StatAnalyst analyst;
    private final BucketStore buckets;
    private final AnnotationStore annotations;
    private final Clock clock;

    public ViewStat(StatAccess access, StatAnalyst analyst, BucketStore buckets, AnnotationStore annotations,
                    Clock clock) {
        this.access = access;
        this.analyst = analyst;
        this.buckets = buckets;
        this.annotations = annotations;
        this.clock = clock;
    }

    /** The visitor's own stat, or anyone's public one. */
    public StatPage view(Optional<Visitor> visitor, String statId, String frame) {
        StatAccess.Seen seen = access.visible(visitor, statId);
        Optional<String> shareToken = access.shareToken(seen);
        Optional<String> embedKey = seen.stat().isPublic() ? Optional.of(Long.toString(seen.stat().id())) : shareToken;
        return page(seen, frame, embedKey, shareToken);
    }

    /** A stat opened through its share link (or a public stat's id), by anyone. */
    public StatPage viewShared(String embedKey, String frame) {
        return page(access.embedded(embedKey), frame, Optional.of(embedKey), Optional.empty());
    }

    private StatPage page(StatAccess.Seen seen, String frame, Optional<String> embedKey, Optional<String> shareToken) {
        long now = clock.instant().getEpochSecond();
        Window window = Frames.window(frame, seen.stat(), now);
        StatAnalyst.Analysed analysed = analyst.analyse(seen.stat(), window);
        return new StatPage(seen.stat(), seen.owned(), window, analysed.current().points(),
                analysed.previous().pointsShiftedBy(window.spanSeconds()), analysed.analysis(),
                buckets.newestMinuteStart(seen.stat().id()), now, embedKey, shareToken,
                annotations.between(seen.stat().id(), window.startMillis(), window.endMillis()));
    }
}
