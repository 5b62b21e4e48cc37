package io.statfeed.interactor.stats;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore;
import java.util.ArrayList;
import java.util.List;

/** Reads a stat's stored buckets over a window, at the coarsest resolution that fits its intervals. */
public final class SeriesReader {
    private final BucketStore buckets;

    public SeriesReader(BucketStore buckets) {
        this.buckets = buckets;
    }

    public FoldedSeries read(Stat stat, Window window) {
        Resolution resolution = Resolution.finestFittingInto(window.intervalSeconds());
        List<Bucket> stored = buckets.read(stat.id(), resolution, window.start(), window.end());
        return new FoldedSeries(window, stat.counter(), fold(stored, window));
    }

    /** Buckets arrive ordered by start; neighbours in one interval are added together. */
    private static List<Bucket> fold(List<Bucket> stored, Window window) {
        List<Bucket> intervals = new ArrayList<>();
        Bucket open = null;
        for (Bucket bucket : stored) {
            if (bucket.start() < window.start() || bucket.start() >= window.end()) {
                continue;
            }
            long start = window.start()
                    + Math.floorDiv(bucket.start() - window.start(), window.intervalSeconds()) * window.intervalSeconds();
            if (open != null && open.start() == start) {
                open = new Bucket(start, open.n() + bucket.n(), open.total() + bucket.total(),
                        Math.min(open.min(), bucket.min()), Math.max(open.max(), bucket.max()),
                        open.sumSquares() + bucket.sumSquares());
            } else {
                if (open != null) {
                    intervals.add(open);
                }
                open = bucket.withStart(start);
            }
        }
        if (open != null) {
            intervals.add(open);
        }
        return intervals;
    }
}
