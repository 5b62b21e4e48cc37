package io.statfeed.interactor.stats;

import io.statfeed.core.concurrent.InParallel;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.interactor.retention.RetentionHorizons;
import io.statfeed.interactor.retention.RetentionHorizons.Stretch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Reads a stat's stored buckets over a window, at the coarsest resolution that fits its intervals.
 * The part of the window older than that resolution's retention is read from the next coarser one
 * still kept (hours, then days): each of those buckets lands in the interval that holds its start,
 * so an old part shows coarser numbers rather than zeros.
 *
 * <p>A window of many buckets is read as consecutive slices at the same time, each a query on a
 * connection of its own: a week of minutes is 10,080 rows, and reading them took a third of a
 * week's graph while the other cores idled (scripts/bench-web, BENCHMARKS.md).
 */
public final class SeriesReader {
    /** Below this many buckets a slice saves less than its query costs. */
    static final int MIN_BUCKETS_PER_SLICE = 2_500;

    private final BucketStore buckets;
    private final RetentionHorizons horizons;
    private final Clock clock;
    private final InParallel inParallel;
    private final int maxSlices;

    /** A reader that reads each window in one query per resolution. */
    public SeriesReader(BucketStore buckets, RetentionHorizons horizons, Clock clock) {
        this(buckets, horizons, clock, InParallel.onCallingThread(), 1);
    }

    /**
     * @param clock where "now" is, from which the retention horizons are measured
     * @param maxSlices at most this many queries at once per window (one more per extra
     *                  resolution a window's old part needs), e.g. the number of cores
     */
    public SeriesReader(BucketStore buckets, RetentionHorizons horizons, Clock clock, InParallel inParallel,
                        int maxSlices) {
        if (maxSlices < 1) {
            throw new IllegalArgumentException("a window is read in at least one slice, got " + maxSlices);
        }
        this.buckets = buckets;
        this.horizons = horizons;
        this.clock = clock;
        this.inParallel = inParallel;
        this.maxSlices = maxSlices;
    }

    public FoldedSeries read(Stat stat, Window window) {
        Resolution finest = Resolution.finestFittingInto(window.intervalSeconds());
        List<Stretch> stretches = horizons.stretches(finest, window.start(), window.end(),
                clock.instant().getEpochSecond());
        return new FoldedSeries(window, stat.counter(), fold(stored(stat, stretches), window));
    }

    /**
     * The stretches' buckets, oldest first, in slices of about as many buckets each, read at the
     * same time. A stretch is read in one slice at least.
     */
    private List<Bucket> stored(Stat stat, List<Stretch> stretches) {
        long rows = stretches.stream().mapToLong(Stretch::buckets).sum();
        int slices = (int) Math.max(1, Math.min(maxSlices, rows / MIN_BUCKETS_PER_SLICE));
        long bucketsPerSlice = Math.max(1, Math.floorDiv(rows + slices - 1, slices));
        List<Callable<List<Bucket>>> reads = new ArrayList<>(slices + stretches.size());
        for (Stretch stretch : stretches) {
            long step = bucketsPerSlice * stretch.resolution().seconds();
            for (long from = stretch.from(); from < stretch.to(); from += step) {
                long sliceStart = from;
                long sliceEnd = Math.min(stretch.to(), from + step);
                reads.add(() -> buckets.read(stat.id(), stretch.resolution(), sliceStart, sliceEnd));
            }
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
