package io.statfeed.apiserver.ingest;

import io.statfeed.core.storage.BucketStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From an accepted request to stored buckets. A request's delta is journaled by one writer
 * thread that forces whole groups of requests to disk at once (group commit); only then are their
 * futures completed, by a responder pool, while the writer sums the deltas into the in-memory
 * aggregate and starts the next group. At every
 * flush interval the aggregate is handed to the flusher thread, which upserts it in batches
 * together with the journal checkpoint, retrying while storage is down. When more is held than
 * the limits allow, {@link #submit} refuses new data instead of losing old data.
 */
public final class IngestPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    /** Requests waiting for the journal; beyond this callers are told to retry, not queued forever. */
    static final int QUEUE_CAPACITY = 100_000;
    /** A group is cut at this many journal bytes so one write never needs a huge buffer. */
    static final int MAX_GROUP_BYTES = 4 << 20;
    /** Unflushed journal kept on disk during a storage outage before new data is refused. */
    static final long MAX_RETAINED_JOURNAL_BYTES = 1L << 30;
    private static final int RESPONDER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final Duration MIN_RETRY_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_FLUSH_LIMIT = Duration.ofSeconds(15);

    private final Journal journal;
    private final BucketStore buckets;
    private final Clock clock;
    private final long flushIntervalMillis;
    private final int bufferLimit;
    private final IngestMetrics metrics;
    private final BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final BlockingQueue<Snapshot> handoffs = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Thread flusher;
    /**
     * Completes the futures of journaled groups, which writes their answers: off the writer
     * thread, so the next fsync overlaps the answers of the last group, and on as many threads as
     * there are cores, because writing answers is most of the work of a request (measured).
     */
    private final ExecutorService responders = Executors.newFixedThreadPool(RESPONDER_THREADS,
            runnable -> new Thread(runnable, "statfeed-ingest-responder"));

    private volatile boolean running = true;
    private volatile boolean writerDone;
    /** Buckets in memory anywhere between the writer and storage: the aggregate, hand-offs, the pending write. */
    private final AtomicInteger buffered = new AtomicInteger();
    private volatile long flushedSeq;

    /** Owned by the flusher thread: when the current storage outage began, or 0. */
    private long failingSince;
    /** Owned by the writer thread. */
    private Aggregate aggregate = new Aggregate();
    private long lastSeq;

    private record Submission(Delta delta, CompletableFuture<Void> journaled, long submittedNanos) {
    }

    private record Snapshot(Aggregate aggregate, long seq) {
    }

    private IngestPipeline(Journal journal, BucketStore buckets, Clock clock, Duration flushInterval, int bufferLimit,
                           IngestMetrics metrics) {
        this.journal = journal;
        this.buckets = buckets;
        this.clock = clock;
        this.flushIntervalMillis = flushInterval.toMillis();
        this.bufferLimit = bufferLimit;
        this.metrics = metrics;
        this.writer = new Thread(this::writeLoop, "statfeed-journal-writer");
        this.flusher = new Thread(this::flushLoop, "statfeed-bucket-flusher");
    }

    /**
     * Replays what the journal holds beyond storage's checkpoint, then starts taking data.
     * The replayed groups are in the first flush.
     */
    public static IngestPipeline start(Path journalDir, BucketStore buckets, Clock clock, Duration flushInterval,
                                       int bufferLimit, IngestMetrics metrics) {
        Journal journal = Journal.open(journalDir);
        try {
            return start(journal, buckets, clock, flushInterval, bufferLimit, metrics);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    private static IngestPipeline start(Journal journal, BucketStore buckets, Clock clock, Duration flushInterval,
                                        int bufferLimit, IngestMetrics metrics) {
        IngestPipeline pipeline = new IngestPipeline(journal, buckets, clock, flushInterval, bufferLimit, metrics);
        long checkpoint = buckets.checkpoint(journal.nodeId());
        Journal.Replay replay = journal.replay(checkpoint);
        for (Journal.Group group : replay.groups()) {
            pipeline.aggregate.merge(group.delta());
        }
        pipeline.buffered.set(pipeline.aggregate.size());
        pipeline.lastSeq = replay.lastSeq();
        pipeline.flushedSeq = checkpoint;
        if (!replay.groups().isEmpty()) {
            log.info("replayed {} journal groups not yet in storage ({} buckets)", replay.groups().size(),
                    pipeline.aggregate.size());
        }
        pipeline.writer.start();
        pipeline.flusher.start();
        return pipeline;
    }

    /** The journal's node id, under which storage keeps this api-server's checkpoint. */
    public String nodeId() {
        return journal.nodeId();
    }

    /**
     * Takes a request's delta. The future completes once the delta is durable in the journal.
     *
     * @throws BufferFullException when the server holds all the unwritten data it may
     */
    public CompletableFuture<Void> submit(Delta delta) {
        if (!running) {
            throw new BufferFullException("the server is shutting down");
        }
        if (buffered.get() >= bufferLimit) {
            throw new BufferFullException("storage is behind and the ingest buffer is full");
        }
        if (journal.retainedBytes() > MAX_RETAINED_JOURNAL_BYTES) {
            throw new BufferFullException("storage is behind and the ingest journal is full");
        }
        CompletableFuture<Void> journaled = new CompletableFuture<>();
        if (!queue.offer(new Submission(delta, journaled, System.nanoTime()))) {
            throw new BufferFullException("the ingest queue is full");
        }
        return journaled;
    }

    /** Buckets held in memory and not yet in storage. */
    public int bufferedBuckets() {
        return buffered.get();
    }

    /** Stops taking data, journals and flushes what was taken (for a bounded time), then stops. */
    @Override
    public void close() {
        running = false;
        joinQuietly(writer, SHUTDOWN_FLUSH_LIMIT);
        responders.shutdown();
        joinQuietly(flusher, SHUTDOWN_FLUSH_LIMIT);
        if (flusher.isAlive()) {
            log.warn("storage did not take the last buckets in time; they stay in the journal for the next start");
            flusher.interrupt();
            joinQuietly(flusher, Duration.ofSeconds(2));
        }
        journal.close();
    }

    private void writeLoop() {
        List<Submission> group = new ArrayList<>();
        long nextFlushAt = clock.millis() + flushIntervalMillis;
        handOff(); // replayed groups, if any, go to storage at once
        try {
            while (running || !queue.isEmpty()) {
                long wait = Math.max(1, nextFlushAt - clock.millis());
                Submission first = queue.poll(wait, TimeUnit.MILLISECONDS);
                if (first != null) {
                    group.add(first);
                    drainGroup(group, first.delta().serializedBytes());
                    writeGroup(group);
                    group.clear();
                }
                if (clock.millis() >= nextFlushAt) {
                    handOff();
                    nextFlushAt = clock.millis() + flushIntervalMillis;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.forEach(s -> s.journaled().completeExceptionally(new BufferFullException("the server is stopping")));
        } finally {
            handOff();
            writerDone = true;
        }
    }

    private void drainGroup(List<Submission> group, int firstBytes) {
        int bytes = firstBytes;
        Submission next;
        while (bytes < MAX_GROUP_BYTES && (next = queue.poll()) != null) {
            group.add(next);
            bytes += next.delta().serializedBytes();
        }
    }

    private void writeGroup(List<Submission> group) {
        List<Delta> deltas = new ArrayList<>(group.size());
        for (Submission s : group) {
            deltas.add(s.delta());
        }
        long seq = lastSeq + 1;
        long started = System.nanoTime();
        try {
            journal.append(seq, deltas);
        } catch (IOException | RuntimeException e) {
            log.error("journal write failed; {} requests are refused", group.size(), e);
            journal.isolateFailedAppend(seq + 1);
            lastSeq = seq; // the sequence may be half on disk; never reuse it
            BufferFullException refusal = new BufferFullException("the ingest journal cannot be written");
            group.forEach(s -> s.journaled().completeExceptionally(refusal));
            return;
        }
        lastSeq = seq;
        int before = aggregate.size();
        for (Delta delta : deltas) {
            aggregate.merge(delta);
        }
        buffered.addAndGet(aggregate.size() - before);
        long durableAt = System.nanoTime();
        metrics.groupJournaled(group.size(), durableAt - started);
        int share = (group.size() + RESPONDER_THREADS - 1) / RESPONDER_THREADS;
        for (int from = 0; from < group.size(); from += share) {
            List<Submission> part = List.copyOf(group.subList(from, Math.min(group.size(), from + share)));
            responders.execute(() -> part.forEach(s -> {
                metrics.committed(durableAt - s.submittedNanos());
                s.journaled().complete(null);
            }));
        }
    }

    private void handOff() {
        if (aggregate.isEmpty() && lastSeq <= flushedSeq) {
            return;
        }
        handoffs.add(new Snapshot(aggregate, lastSeq));
        aggregate = new Aggregate();
    }

    private void flushLoop() {
        Aggregate pending = null;
        long pendingSeq = flushedSeq;
        Duration retryDelay = MIN_RETRY_DELAY;
        long shutdownDeadline = Long.MAX_VALUE;
        try {
            while (true) {
                if (writerDone && handoffs.isEmpty() && pending == null) {
                    return;
                }
                if (writerDone && shutdownDeadline == Long.MAX_VALUE) {
                    shutdownDeadline = clock.millis() + SHUTDOWN_FLUSH_LIMIT.toMillis();
                }
                Snapshot next = pending == null
                        ? handoffs.poll(flushIntervalMillis, TimeUnit.MILLISECONDS)
                        : handoffs.poll();
                while (next != null) {
                    if (pending == null) {
                        pending = next.aggregate();
                    } else {
                        int separate = pending.size() + next.aggregate().size();
                        pending.merge(next.aggregate());
                        buffered.addAndGet(pending.size() - separate); // buckets in both count once now
                    }
                    pendingSeq = next.seq();
                    next = handoffs.poll();
                }
                if (pending == null) {
                    continue;
                }
                if (write(pending, pendingSeq)) {
                    buffered.addAndGet(-pending.size());
                    pending = null;
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

    private boolean write(Aggregate pending, long seq) {
        long started = System.nanoTime();
        try {
            var rows = pending.toRows();
            buckets.add(rows, journal.nodeId(), seq, clock.millis());
            flushedSeq = seq;
            journal.discardUpTo(seq);
            metrics.flushed(rows.size(), System.nanoTime() - started);
            if (failingSince != 0) {
                log.info("storage takes buckets again after {} ms", clock.millis() - failingSince);
                failingSince = 0;
            }
            return true;
        } catch (RuntimeException e) {
            // One warning per outage; the retries that follow would only repeat it.
            if (failingSince == 0) {
                failingSince = clock.millis();
                log.warn("storage does not take buckets; {} are kept in memory and the journal, retrying: {}",
                        pending.size(), rootMessage(e));
            } else {
                log.debug("flush retry failed: {}", rootMessage(e));
            }
            metrics.flushFailed();
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void joinQuietly(Thread thread, Duration limit) {
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
