package io.statfeed.apiserver.ingest;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.BucketStore.Checkpoint;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.storage.IdentityLostException;
import io.statfeed.core.storage.JournalLeaseStore;
import io.statfeed.core.storage.StorageUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From an accepted request to stored buckets. A request's delta is journaled by one writer
 * thread that forces whole groups of requests to disk at once (group commit); only then are their
 * futures completed, by a responder pool, while the writer sums the deltas into the in-memory
 * aggregate and starts the next group. At every flush interval the aggregate is handed to the
 * {@link BucketFlusher}, which writes it to storage with the journal checkpoint. When more is
 * held than the limits allow, {@link #submit} refuses new data instead of losing old data.
 */
public final class IngestPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    /** Requests waiting for the journal; beyond this callers are told to retry, not queued forever. */
    static final int QUEUE_CAPACITY = 100_000;
    /** A group is cut at this many journal bytes so one write never needs a huge buffer. */
    static final int MAX_GROUP_BYTES = 4 << 20;
    /** A journal write taking longer than this (a stalled disk) makes new requests wait no more: 503. */
    static final Duration STALLED_WRITE = Duration.ofSeconds(5);
    /** Unflushed journal kept on disk during a storage outage before new data is refused. */
    static final long MAX_RETAINED_JOURNAL_BYTES = 1L << 30;
    private static final int RESPONDER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** How long a start keeps trying to write the journal's replay before it gives up. */
    private static final Duration REPLAY_WRITE_LIMIT = Duration.ofSeconds(60);
    private static final Duration REPLAY_RETRY_DELAY = Duration.ofSeconds(1);

    private final Journal journal;
    private final JournalLease lease;
    private final Clock clock;
    private final long flushIntervalMillis;
    private final int bufferLimit;
    private final IngestMetrics metrics;
    private final BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private final BucketFlusher flusher;
    /**
     * Completes the futures of journaled groups, which writes their answers: off the writer
     * thread, so the next fsync overlaps the answers of the last group, and on as many threads as
     * there are cores, because writing answers is most of the work of a request (measured).
     */
    private final ExecutorService responders = Executors.newFixedThreadPool(RESPONDER_THREADS,
            runnable -> new Thread(runnable, "statfeed-ingest-responder"));

    private volatile boolean running = true;
    /** When the writer began the journal write under way (System.nanoTime), or 0 between writes. */
    private volatile long writeStartedNanos;
    /** Buckets in memory anywhere between the writer and storage: the aggregate, hand-offs, the pending write. */
    private final AtomicInteger buffered = new AtomicInteger();

    /** Owned by the writer thread. */
    private Aggregate aggregate = new Aggregate();
    private long lastSeq;
    private long handedOffSeq;

    private record Submission(Delta delta, CompletableFuture<Void> journaled, long submittedNanos) {
    }

    private IngestPipeline(Journal journal, JournalLease lease, BucketStore buckets, Clock clock,
                           Settings.Ingest settings, IngestMetrics metrics, long lastSeq) {
        this.journal = journal;
        this.lease = lease;
        this.clock = clock;
        this.flushIntervalMillis = settings.flushInterval().toMillis();
        this.bufferLimit = settings.bufferLimit();
        this.metrics = metrics;
        this.lastSeq = lastSeq;
        this.handedOffSeq = lastSeq;
        this.writer = new Thread(this::writeLoop, "statfeed-journal-writer");
        this.flusher = new BucketFlusher(buckets, journal, lease, clock, settings, metrics, buffered, lastSeq);
    }

    /**
     * Claims the journal's identity (see {@link JournalLease}), writes to storage what the journal
     * holds beyond storage's checkpoints (the groups of a process that crashed or could not
     * flush), then starts taking data.
     *
     * @throws JournalLeaseStore.RefusedException when another process runs this identity, or a copy of the folder ran since
     */
    public static IngestPipeline start(Path journalDir, BucketStore buckets, JournalLeaseStore leases, Clock clock,
                                       Settings.Ingest settings, IngestMetrics metrics) {
        Journal journal = Journal.open(journalDir);
        JournalLease lease = null;
        try {
            lease = JournalLease.claim(journalDir, journal.nodeId(), leases, clock);
            long lastSeq = replayUnwritten(journal, lease, buckets, clock).lastSeq();
            IngestPipeline pipeline = new IngestPipeline(journal, lease, buckets, clock, settings, metrics, lastSeq);
            pipeline.writer.start();
            pipeline.flusher.start();
            return pipeline;
        } catch (RuntimeException e) {
            if (lease != null) {
                lease.close();
            }
            journal.close();
            throw e;
        }
    }

    /**
     * Writes to storage everything another api-server's journal holds that storage lacks (that
     * server is gone for good, its folder on a shared or recovered volume), then marks its
     * identity adopted, so the folder can never run again and count it twice. Returns the number
     * of journal groups written.
     *
     * @throws JournalLeaseStore.RefusedException when that api-server still runs, or was adopted already
     */
    public static int adopt(Path journalDir, String adopter, BucketStore buckets, JournalLeaseStore leases,
                            Clock clock) {
        if (!Files.isRegularFile(journalDir.resolve(Journal.NODE_ID_FILE))) {
            throw new IllegalArgumentException("there is no api-server journal to adopt in " + journalDir
                    + " (no " + Journal.NODE_ID_FILE + " file); give the data folder of the api-server, or its journal folder");
        }
        Journal journal = Journal.open(journalDir);
        try {
            JournalLease lease = JournalLease.claim(journalDir, journal.nodeId(), leases, clock);
            int groups;
            try {
                groups = replayUnwritten(journal, lease, buckets, clock).groups();
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
            lease.closeAsAdoptedBy(adopter);
            log.info("adopted the journal {} in {}: {} groups written to storage", journal.nodeId(), journalDir, groups);
            return groups;
        } finally {
            journal.close();
        }
    }

    /** What a start found in the journal beyond storage's checkpoints, and the last sequence used. */
    private record Replayed(int groups, long lastSeq) {
    }

    private static Replayed replayUnwritten(Journal journal, JournalLease lease, BucketStore buckets, Clock clock) {
        Checkpoint stored = buckets.checkpoints(journal.nodeId());
        Journal.Replay replay = journal.replay(stored.complete());
        // Never reuse a sequence storage has seen, even if this journal lost its segments.
        long lastSeq = Math.max(replay.lastSeq(), Math.max(stored.minuteSeq(), stored.coarseSeq()));
        if (!replay.groups().isEmpty()) {
            writeReplay(replay, stored, buckets, journal, lease, clock, lastSeq);
        }
        return new Replayed(replay.groups().size(), lastSeq);
    }

    /**
     * The replayed groups go to storage before the server takes anything new: minute buckets of
     * the groups past the minute checkpoint, hours and days of those past the coarse checkpoint.
     */
    private static void writeReplay(Journal.Replay replay, Checkpoint stored, BucketStore buckets, Journal journal,
                                    JournalLease lease, Clock clock, long lastSeq) {
        Aggregate minutes = new Aggregate();
        CoarseBuckets coarse = new CoarseBuckets();
        for (Journal.Group group : replay.groups()) {
            if (group.seq() > stored.minuteSeq()) {
                minutes.merge(group.delta());
            }
            if (group.seq() > stored.coarseSeq()) {
                coarse.rollUp(group.delta().minutes());
            }
        }
        List<StatBucket> rows = new ArrayList<>();
        minutes.addRowsTo(rows);
        coarse.addRowsTo(rows);
        long deadline = clock.millis() + REPLAY_WRITE_LIMIT.toMillis();
        while (true) {
            try {
                buckets.add(rows, journal.nodeId(), lease.generation(), new Checkpoint(lastSeq, lastSeq), clock.millis());
                break;
            } catch (IdentityLostException e) {
                throw e; // another process took the identity while this one started: nothing may be written
            } catch (RuntimeException e) {
                if (clock.millis() > deadline) {
                    throw new StorageUnavailableException("storage did not take the " + replay.groups().size()
                            + " journal groups to replay within " + REPLAY_WRITE_LIMIT.toSeconds() + " s", e);
                }
                log.warn("storage does not take the journal's replay yet, retrying: {}", BucketFlusher.rootMessage(e));
                sleep(REPLAY_RETRY_DELAY);
            }
        }
        journal.discardUpTo(lastSeq);
        log.info("replayed {} journal groups not yet in storage ({} buckets)", replay.groups().size(), rows.size());
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
        if (lease.lost()) {
            throw new BufferFullException("this api-server's journal identity was claimed by another process; "
                    + "it takes no more data");
        }
        if (buffered.get() >= bufferLimit) {
            throw new BufferFullException("storage is behind and the ingest buffer is full");
        }
        if (journal.retainedBytes() > MAX_RETAINED_JOURNAL_BYTES) {
            throw new BufferFullException("storage is behind and the ingest journal is full");
        }
        long writing = writeStartedNanos;
        if (writing != 0 && System.nanoTime() - writing > STALLED_WRITE.toNanos()) {
            throw new BufferFullException("the ingest journal is too slow to answer");
        }
        delta.serializedBytes(); // counted here, on the request's thread, not by the one writer
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
        joinQuietly(writer, BucketFlusher.SHUTDOWN_FLUSH_LIMIT);
        responders.shutdown();
        if (!flusher.awaitFinished(BucketFlusher.SHUTDOWN_FLUSH_LIMIT)) {
            log.warn("storage did not take the last buckets in time; they stay in the journal for the next start");
        }
        lease.close();
        journal.close();
    }

    private void writeLoop() {
        List<Submission> group = new ArrayList<>();
        long nextFlushAt = clock.millis() + flushIntervalMillis;
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
            flusher.finish();
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
        writeStartedNanos = started;
        try {
            journal.append(seq, deltas);
        } catch (IOException | RuntimeException e) {
            writeStartedNanos = 0;
            log.error("journal write failed; {} requests are refused", group.size(), e);
            journal.isolateFailedAppend(seq + 1);
            lastSeq = seq; // the sequence may be half on disk; never reuse it
            BufferFullException refusal = new BufferFullException("the ingest journal cannot be written");
            group.forEach(s -> s.journaled().completeExceptionally(refusal));
            return;
        }
        writeStartedNanos = 0;
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
        if (aggregate.isEmpty() && lastSeq <= handedOffSeq) {
            return;
        }
        flusher.handOff(aggregate, lastSeq);
        handedOffSeq = lastSeq;
        aggregate = new Aggregate();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying the journal", e);
        }
    }

    private static void joinQuietly(Thread thread, Duration limit) {
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
