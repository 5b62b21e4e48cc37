package io.statfeed.interactor.alerts;

import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.BucketStore.Sums;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a cycle's alerts need of their stats' windows, asked for first and then read together:
 * one query per distinct window (and thousand stats), however many alerts share it.
 */
final class WindowSums {
    private final Map<Span, Set<Long>> wanted = new HashMap<>();
    private final Map<Span, Map<Long, Sums>> read = new HashMap<>();
    private int queries;

    void want(long statId, Span span) {
        wanted.computeIfAbsent(span, s -> new HashSet<>()).add(statId);
    }

    void readAll(BucketStore buckets) {
        wanted.forEach((span, statIds) -> {
            read.put(span, buckets.sums(statIds, span.resolution(), span.from(), span.to()));
            queries += (statIds.size() + BucketStore.BATCH_ROWS - 1) / BucketStore.BATCH_ROWS;
        });
        wanted.clear();
    }

    Sums of(long statId, Span span) {
        Map<Long, Sums> sums = read.get(span);
        if (sums == null) {
            throw new IllegalStateException("the window " + span + " was not asked for before reading");
        }
        return sums.getOrDefault(statId, Sums.NONE);
    }

    int queries() {
        return queries;
    }
}
