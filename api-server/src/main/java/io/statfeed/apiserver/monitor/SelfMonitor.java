package io.statfeed.apiserver.monitor;

import io.statfeed.apiserver.directory.StatDirectory;
import io.statfeed.apiserver.http.Answers;
import io.statfeed.apiserver.ingest.BufferFullException;
import io.statfeed.apiserver.ingest.Delta;
import io.statfeed.apiserver.ingest.IngestMetrics;
import io.statfeed.apiserver.ingest.IngestPipeline;
import io.statfeed.core.model.Account;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statfeed watching itself with itself: the api-server's requests, commit latency, journal groups,
 * flushes and buffer depth become stats of the built-in system account, posted through the same
 * pipeline as everyone's data. Counters sum over all api-servers; values average over them.
 */
public final class SelfMonitor implements IngestMetrics, Answers.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SelfMonitor.class);
    static final String REQUESTS = "statfeed api requests";
    /** Data points answered 200: what storage must hold, exactly (scripts/bench-ingest checks it). */
    static final String POINTS = "statfeed api points";
    static final String REJECTED = "statfeed api rejected requests";
    static final String REFUSED = "statfeed api refused requests";
    static final String COMMIT_MS = "statfeed api commit ms";
    static final String GROUP_REQUESTS = "statfeed api requests per journal group";
    static final String JOURNAL_WRITE_MS = "statfeed api journal write ms";
    static final String FLUSH_ROWS = "statfeed api flush rows";
    static final String FLUSH_MS = "statfeed api flush ms";
    static final String FLUSH_FAILURES = "statfeed api flush failures";
    static final String BUFFERED = "statfeed api buffered buckets";
    private static final double NANOS_PER_MS = 1e6;

    private final LongAdder answered = new LongAdder();
    private final LongAdder points = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder flushFailures = new LongAdder();
    private final Measure commitMs = new Measure();
    private final Measure groupRequests = new Measure();
    private final Measure journalWriteMs = new Measure();
    private final Measure flushRows = new Measure();
    private final Measure flushMs = new Measure();
    private final Clock clock;
    private ScheduledExecutorService timer;

    public SelfMonitor(Clock clock) {
        this.clock = clock;
    }

    /** Starts posting what was measured every {@code interval}, as stats of {@code system}. */
    public void startReporting(Account system, StatDirectory stats, IngestPipeline pipeline, Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "statfeed-self-monitor"));
        timer.scheduleAtFixedRate(() -> report(stats.of(system.id()), pipeline), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void answered(int status, int pointsStored) {
        answered.increment();
        points.add(pointsStored);
        if (status == 503) {
            refused.increment();
        } else if (status >= 400) {
            rejected.increment();
        }
    }

    @Override
    public void committed(long nanos) {
        commitMs.record(nanos / NANOS_PER_MS);
    }

    @Override
    public void groupJournaled(int requests, long nanos) {
        groupRequests.record(requests);
        journalWriteMs.record(nanos / NANOS_PER_MS);
    }

    @Override
    public void flushed(int rows, long nanos) {
        flushRows.record(rows);
        flushMs.record(nanos / NANOS_PER_MS);
    }

    @Override
    public void flushFailed() {
        flushFailures.increment();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void report(StatDirectory.AccountStats system, IngestPipeline pipeline) {
        try {
            long now = clock.millis() / 1_000;
            Delta delta = new Delta();
            count(delta, system.resolve(REQUESTS, true).id(), now, answered.sumThenReset());
            count(delta, system.resolve(POINTS, true).id(), now, points.sumThenReset());
            count(delta, system.resolve(REJECTED, true).id(), now, rejected.sumThenReset());
            count(delta, system.resolve(REFUSED, true).id(), now, refused.sumThenReset());
            count(delta, system.resolve(FLUSH_FAILURES, true).id(), now, flushFailures.sumThenReset());
            measure(delta, system.resolve(COMMIT_MS, false).id(), now, commitMs.take());
            measure(delta, system.resolve(GROUP_REQUESTS, false).id(), now, groupRequests.take());
            measure(delta, system.resolve(JOURNAL_WRITE_MS, false).id(), now, journalWriteMs.take());
            measure(delta, system.resolve(FLUSH_ROWS, false).id(), now, flushRows.take());
            measure(delta, system.resolve(FLUSH_MS, false).id(), now, flushMs.take());
            delta.add(system.resolve(BUFFERED, false).id(), now, pipeline.bufferedBuckets());
            pipeline.submit(delta);
        } catch (BufferFullException e) {
            log.debug("self-monitoring skipped a report: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("self-monitoring could not report: {}", e.toString());
        }
    }

    private static void count(Delta delta, long statId, long now, long count) {
        if (count > 0) {
            delta.add(statId, now, count);
        }
    }

    private static void measure(Delta delta, long statId, long now, Measure.Snapshot s) {
        if (s.n() > 0) {
            delta.addMeasured(statId, now, s.n(), s.sum(), s.min(), s.max(), s.squares());
        }
    }
}
