package io.statfeed.interactor.retention;

import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore;
import java.time.Clock;

/**
 * Housekeeping, for a scheduled job: deletes the minute and hour buckets older than their
 * retention. Day buckets stay forever, and reads take the old part of a window from the coarser
 * buckets still kept, so nothing a graph shows goes to zero. Safe to run again at any time: what
 * went is not found twice.
 */
public final class ForgetOldBuckets {
    /** How many buckets went, of each resolution. */
    public record Forgotten(long minuteBuckets, long hourBuckets) {
    }

    private final BucketStore buckets;
    private final RetentionHorizons horizons;
    private final Clock clock;

    public ForgetOldBuckets(BucketStore buckets, RetentionHorizons horizons, Clock clock) {
        this.buckets = buckets;
        this.horizons = horizons;
        this.clock = clock;
    }

    public Forgotten forget() {
        long now = clock.instant().getEpochSecond();
        return new Forgotten(forget(Resolution.MINUTE, now), forget(Resolution.HOUR, now));
    }

    private long forget(Resolution resolution, long nowSeconds) {
        return buckets.deleteOlderThan(resolution, horizons.keptFrom(resolution, nowSeconds));
    }
}
