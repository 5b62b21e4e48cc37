package io.statfeed.apiserver.ingest;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.IdentityLostException;
import io.statfeed.core.storage.BucketStore.Checkpoint;
import io.statfeed.core.storage.BucketStore.StatBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flusher thread: takes the writer's minute aggregates and writes them to storage together
 * with the journal checkpoint, in one transaction. Minute buckets go out at every hand-off; the
 * hours and days they roll up to are held for the coarse flush interval and go out with
 * their own checkpoint, because rewriting every active stat's hour and day rows at every flush
 * was two thirds of storage's work (BENCHMARKS.md). While storage refuses writes, everything is
 * kept and retried with backoff.
 *
 * <p>A write that failed is retried as it was, the same rows under the same checkpoint, and
 * hand-offs that arrive meanwhile wait apart for the next write. A failure can leave the commit's
 * outcome unknown (the database node died after the commit was sent, and its peers in a Galera
 * cluster committed it); {@link BucketStore#add} tells from the stored checkpoint whether the
 * failed write is in storage and then adds nothing, which it could not if newer buckets had been
 * merged into the retry. So every point is stored exactly once however the write failed.
 */
final class BucketFlusher {
    private static final Logger log = LoggerFactory.getLogger(BucketFlusher.class);
    /** Hour and day buckets are written early once this many wait, so memory stays bounded. */
    static final int MAX_COARSE_BUCKETS = 200_000;
    private static final Duration MIN_RETRY_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
    static final Duration SHUTDOWN_FLUSH_LIMIT = Duration.ofSeconds(15);

    private record Snapshot(Aggregate minutes, long seq) {
    }

    /** A write storage has not confirmed: retried as it is until it has. */
    private record Attempt(List<StatBucket> rows, Checkpoint checkpoint, boolean withCoarse) {
    }

    private final BucketStore buckets;
    private final Journal journal;
    private final JournalLease lease;
    private final Clock clock;
    private final long flushIntervalMillis;
    private final long coarseIntervalMillis;
    private final IngestMetrics metrics;
    /** Buckets in memory between the writer and storage; shared with the writer, which adds to it. */
    private final AtomicInteger buffered;
    private final BlockingQueue<Snapshot> handoffs = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean writerDone;

    /** Owned by the flusher thread from here on. */
    private Aggregate pendingMinutes;
    private long receivedSeq;
    private CoarseBuckets coarse = new CoarseBuckets();
    private long coarseDueAt;
    private Checkpoint flushed;
    private long failingSince;
    /** The write that failed, if the last one did; nothing else is written before it. */
    private Attempt unsettled;

    BucketFlusher(BucketStore buckets, Journal journal, JournalLease lease, Clock clock, Settings.Ingest settings,
                  IngestMetrics metrics, AtomicInteger buffered, long flushedSeq) {
        this.buckets = buckets;
        this.journal = journal;
        this.lease = lease;
        this.clock = clock;
        this.flushIntervalMillis = settings.flushInterval().toMillis();
        this.coarseIntervalMillis = settings.coarseFlushInterval().toMillis();
        this.metrics = metrics;
        this.buffered = buffered;
        this.flushed = new Checkpoint(flushedSeq, flushedSeq);
        this.receivedSeq = flushedSeq;
        this.thread = new Thread(this::run, "statfeed-bucket-flusher");
    }

    void start() {
        coarseDueAt = clock.millis() + coarseIntervalMillis;
        thread.start();
    }

    /** Called by the writer thread: the minute buckets of every group up to {@code seq}. */
    void handOff(Aggregate minutes, long seq) {
        handoffs.add(new Snapshot(minutes, seq));
    }

    /** The writer has handed off its last aggregate: write everything and stop. */
    void finish() {
        writerDone = true;
    }

    /** Waits for the last write; false if storage did not take it in time (the journal keeps it). */
    boolean awaitFinished(Duration limit) {
        join(limit);
        if (!thread.isAlive()) {
            return true;
        }
        thread.interrupt();
        join(Duration.ofSeconds(2));
        return false;
    }

    private void run() {
        Duration retryDelay = MIN_RETRY_DELAY;
        long shutdownDeadline = Long.MAX_VALUE;
        try {
            while (true) {
                if (writerDone && handoffs.isEmpty() && unsettled == null && pendingMinutes == null && coarse.isEmpty()) {
                    return;
                }
                if (writerDone && shutdownDeadline == Long.MAX_VALUE) {
                    shutdownDeadline = clock.millis() + SHUTDOWN_FLUSH_LIMIT.toMillis();
                }
                long wait = pendingMinutes == null && unsettled == null
                        ? Math.max(1, Math.min(flushIntervalMillis, coarseDueAt - clock.millis())) : 0;
                take(handoffs.poll(wait, TimeUnit.MILLISECONDS));
                boolean coarseDue = !coarse.isEmpty() && (writerDone || clock.millis() >= coarseDueAt
                        || coarse.size() >= MAX_COARSE_BUCKETS);
                if (unsettled == null && pendingMinutes == null && !coarseDue) {
                    continue;
                }
                if (unsettled != null ? write(unsettled) : write(coarseDue)) {
                    retryDelay = MIN_RETRY_DELAY;
                } else if (clock.millis() > shutdownDeadline) {
                    return;
                } else {
                    Thread.sleep(retryDelay.toMillis());
                    Duration doubled = retryDelay.multipliedBy(2);
                    retryDelay = doubled.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : doubled;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes this hand-off and any others waiting into the pending minutes and the coarse rollup. */
    private void take(Snapshot next) {
        while (next != null) {
            int coarseBefore = coarse.size();
            coarse.rollUp(next.minutes().minutes());
            int added = coarse.size() - coarseBefore;
            if (pendingMinutes == null) {
                pendingMinutes = next.minutes();
            } else {
                int separate = pendingMinutes.size() + next.minutes().size();
                pendingMinutes.merge(next.minutes());
                added -= separate - pendingMinutes.size(); // buckets in both count once now
            }
            buffered.addAndGet(added);
            receivedSeq = next.seq();
            next = handoffs.poll();
        }
    }

    /** Writes what waits: the minute buckets, and the hours and days if due. */
    private boolean write(boolean withCoarse) {
        List<StatBucket> rows = new ArrayList<>();
        if (pendingMinutes != null) {
            pendingMinutes.addRowsTo(rows);
        }
        if (withCoarse) {
            coarse.addRowsTo(rows);
        }
        Checkpoint checkpoint = new Checkpoint(receivedSeq, withCoarse ? receivedSeq : flushed.coarseSeq());
        // From here these rows belong to the attempt: later hand-offs start afresh.
        pendingMinutes = null;
        if (withCoarse) {
            coarse = new CoarseBuckets();
        }
        return write(new Attempt(rows, checkpoint, withCoarse));
    }

    private boolean write(Attempt attempt) {
        long started = System.nanoTime();
        boolean added;
        try {
            added = buckets.add(attempt.rows(), journal.nodeId(), lease.generation(), attempt.checkpoint(),
                    clock.millis());
        } catch (IdentityLostException e) {
            unsettled = attempt;
            lease.markLost(); // what this journal holds stays in it: never written twice, never dropped
            metrics.flushFailed();
            return false;
        } catch (RuntimeException e) {
            unsettled = attempt;
            // One warning per outage; the retries that follow would only repeat it.
            if (failingSince == 0) {
                failingSince = clock.millis();
                log.warn("storage does not take buckets; {} are kept in memory and the journal, retrying: {}",
                        attempt.rows().size(), rootMessage(e));
            } else {
                log.debug("flush retry failed: {}", rootMessage(e));
            }
            metrics.flushFailed();
            return false;
        }
        if (!added) {
            log.info("storage had the {} buckets up to journal group {} already: the write that seemed to fail"
                    + " had committed", attempt.rows().size(), attempt.checkpoint().minuteSeq());
        }
        unsettled = null;
        flushed = attempt.checkpoint();
        buffered.addAndGet(-attempt.rows().size());
        if (attempt.withCoarse()) {
            coarseDueAt = clock.millis() + coarseIntervalMillis;
        }
        journal.discardUpTo(flushed.complete());
        metrics.flushed(attempt.rows().size(), System.nanoTime() - started);
        if (failingSince != 0) {
            log.info("storage takes buckets again after {} ms", clock.millis() - failingSince);
            failingSince = 0;
        }
        return true;
    }

    private void join(Duration limit) {
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
