package io.statfeed.interactor.retention;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Resolution;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each resolution's stored buckets begin at a given moment. Minute buckets are kept from the
 * start of the hour that holds "now minus the minute retention", hour buckets from the start of the
 * day that holds "now minus the hour retention", day buckets forever. Pruning deletes what lies
 * before; a read takes what lies before from the next coarser resolution still kept, so the old
 * part of a long window shows coarser numbers instead of nothing.
 */
public final class RetentionHorizons {
    /** Coarsest first: the order a window's stretches come in, oldest first. */
    private static final List<Resolution> COARSE_TO_FINE = List.of(Resolution.DAY, Resolution.HOUR, Resolution.MINUTE);
    /** Day buckets are never deleted: nothing starts before this. */
    private static final long FOREVER = Long.MIN_VALUE;

    /** Part of a window, [from, to) in unix seconds, read at one resolution. */
    public record Stretch(Resolution resolution, long from, long to) {
        /** At most this many buckets of the resolution start in it. */
        public long buckets() {
            return Math.floorDiv(to - from + resolution.seconds() - 1, resolution.seconds());
        }
    }

    private final Settings.Retention retention;

    public RetentionHorizons(Settings.Retention retention) {
        this.retention = retention;
    }

    /**
     * The start (unix seconds) of the oldest bucket of the resolution that is kept at
     * {@code nowSeconds}: older ones may be deleted. Each horizon lies on a bucket edge of the next
     * coarser resolution, so that resolution's buckets cover exactly what was deleted.
     */
    public long keptFrom(Resolution resolution, long nowSeconds) {
        return switch (resolution) {
            case MINUTE -> Resolution.HOUR.bucketStart(nowSeconds - retention.minutes().toSeconds());
            case HOUR -> Resolution.DAY.bucketStart(nowSeconds - retention.hours().toSeconds());
            case DAY -> FOREVER;
        };
    }

    /**
     * [from, to) cut into consecutive stretches, oldest first: each at the finest resolution from
     * {@code finest} up whose buckets are all still there. Empty stretches are left out.
     */
    public List<Stretch> stretches(Resolution finest, long from, long to, long nowSeconds) {
        List<Resolution> used = COARSE_TO_FINE.stream().filter(r -> r.seconds() >= finest.seconds()).toList();
        List<Stretch> stretches = new ArrayList<>(used.size());
        for (int i = 0; i < used.size(); i++) {
            long begin = Math.max(from, readFrom(used.get(i), nowSeconds));
            long end = i + 1 < used.size() ? Math.min(to, readFrom(used.get(i + 1), nowSeconds)) : to;
            if (begin < end) {
                stretches.add(new Stretch(used.get(i), begin, end));
            }
        }
        return stretches;
    }

    /**
     * Where reads switch to this resolution from the coarser one. One coarser bucket later than the
     * horizon: a scheduler whose clock runs a little ahead of this process may have pruned up to the
     * next edge already. Never before the switch of a coarser resolution (with hours kept as long as
     * minutes, the day edge comes later than the hour edge), so every switch lies on an edge of the
     * resolution read before it and no bucket is counted twice.
     */
    private long readFrom(Resolution resolution, long nowSeconds) {
        return switch (resolution) {
            case MINUTE -> Math.max(readFrom(Resolution.HOUR, nowSeconds),
                    keptFrom(Resolution.MINUTE, nowSeconds) + Resolution.HOUR.seconds());
            case HOUR -> keptFrom(Resolution.HOUR, nowSeconds) + Resolution.DAY.seconds();
            case DAY -> FOREVER;
        };
    }
}
