package io.statfeed.interactor.stats;

import io.statfeed.core.concurrent.InParallel;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Reads a stat's stored buckets over a window, at the coarsest resolution that fits its intervals.
 *
 * <p>A window of many buckets is read as consecutive slices at the same time, each a query on a
 * connection of its own: a week of minutes is 10,080 rows, and reading them took a third of a
 * week's graph while the other cores idled (scripts/bench-web, BENCHMARKS.md).
 */
public final class SeriesReader {
    /** Below this many buckets a slice saves less than its query costs. */
    static final int MIN_BUCKETS_PER_SLICE = 2_500;

    private final BucketStore buckets;
    private final InParallel inParallel;
    private final int maxSlices;

    /** A reader that reads each window in one query. */
    public SeriesReader(BucketStore buckets) {
        this(buckets, InParallel.onCallingThread(), 1);
    }

    /** @param maxSlices at most this many queries at once per window, e.g. the number of cores */
    public SeriesReader(BucketStore buckets, InParallel inParallel, int maxSlices) {
        if (maxSlices < 1) {
            throw new IllegalArgumentException("a window is read in at least one slice, got " + maxSlices);
        }
        this.buckets = buckets;
        this.inParallel = inParallel;
        this.maxSlices = maxSlices;
    }

    public FoldedSeries read(Stat stat, Window window) {
        Resolution resolution = Resolution.finestFittingInto(window.intervalSeconds());
        return new FoldedSeries(window, stat.counter(), fold(stored(stat, resolution, window), window));
    }

    /** The window's buckets, oldest first, in slices of consecutive buckets read at the same time. */
    private List<Bucket> stored(Stat stat, Resolution resolution, Window window) {
        long span = window.end() - window.start();
        int slices = (int) Math.max(1, Math.min(maxSlices, span / resolution.seconds() / MIN_BUCKETS_PER_SLICE));
        long step = Math.floorDiv(span + slices - 1, slices);
        List<Callable<List<Bucket>>> reads = new ArrayList<>(slices);
        for (long from = window.start(); from < window.end(); from += step) {
            long sliceStart = from;
            long sliceEnd = Math.min(window.end(), from + step);
            reads.add(() -> buckets.read(stat.id(), resolution, sliceStart, sliceEnd));
        }
        List<Bucket> all = new ArrayList<>();
        inParallel.all(reads).forEach(all::addAll);
        return all;
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
