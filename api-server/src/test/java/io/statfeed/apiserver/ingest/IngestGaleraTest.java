package io.statfeed.apiserver.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.JournalLeaseStore;
import io.statfeed.core.testing.GaleraCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest path (journal, flusher, {@code BucketStore.add}) on a three-node Galera cluster
 * ({@code scripts/galera}; runs only with STATFEED_TEST_GALERA_URL set, as {@code scripts/test-cluster}
 * does): concurrent writers on two nodes to the same bucket rows meet certification conflicts,
 * which are retried, and every point is stored exactly once; the node being written through is
 * killed with SIGKILL in the middle of a load, and every acknowledged point is stored exactly once.
 */
class IngestGaleraTest {
    private static final long BASE = 1_700_000_000L - 1_700_000_000L % 86_400;
    private static final int STATS = 20;
    private static final int MINUTES = 3;

    @TempDir
    Path dataDir;

    @Test
    void two_api_servers_on_two_nodes_upserting_the_same_rows_conflict_retry_and_store_each_point_once()
            throws Exception {
        GaleraCluster cluster = GaleraCluster.require();
        try (GaleraCluster.Schema schema = cluster.create();
             Database one = Database.open(schema.nodeSettings(dataDir.resolve("a"), 1));
             Database two = Database.open(schema.nodeSettings(dataDir.resolve("b"), 2))) {
            long conflictsBefore = conflicts(cluster, 1) + conflicts(cluster, 2);
            CountingMetrics metricsOne = new CountingMetrics();
            CountingMetrics metricsTwo = new CountingMetrics();
            AtomicLong acknowledgedOne = new AtomicLong();
            AtomicLong acknowledgedTwo = new AtomicLong();
            Thread a = load(one, dataDir.resolve("a/journal"), metricsOne, 5, acknowledgedOne);
            Thread b = load(two, dataDir.resolve("b/journal"), metricsTwo, 5, acknowledgedTwo);
            List<Throwable> writerFailures = new CopyOnWriteArrayList<>();
            for (Thread writer : List.of(a, b)) {
                writer.setUncaughtExceptionHandler((thread, failure) -> writerFailures.add(failure));
                writer.start();
            }
            a.join();
            b.join();
            assertEquals(List.of(), writerFailures, "each writer took every point it was given");

            long conflicts = conflicts(cluster, 1) + conflicts(cluster, 2) - conflictsBefore;
            long acknowledged = acknowledgedOne.get() + acknowledgedTwo.get();
            System.out.printf("IngestGaleraTest: %d points acknowledged; %d certification conflicts or brute-force aborts"
                            + " on nodes 1 and 2; flushes %d + %d, failed after their retries %d + %d%n",
                    acknowledged, conflicts,
                    metricsOne.flushes.get(), metricsTwo.flushes.get(), metricsOne.failures.get(),
                    metricsTwo.failures.get());
            assertTrue(conflicts > 0, "the two writers met on the same rows (else this test proves nothing)");
            for (Resolution resolution : Resolution.values()) {
                Map<String, Long> expected = expectedRows(resolution, acknowledgedOne.get(), acknowledgedTwo.get());
                // Node 3 first, which neither wrote through; row by row, so that a failure shows which write went missing or twice.
                for (int node : new int[] {3, 1, 2}) {
                    assertEquals(expected, storedRows(schema, node, resolution),
                            "every point once in " + resolution + " on node " + node + " (points per stat and bucket start)");
                }
            }
        }
    }

    @Test
    void killing_the_node_written_through_mid_load_loses_and_doubles_no_acknowledged_point() throws Exception {
        GaleraCluster cluster = GaleraCluster.require();
        try (GaleraCluster.Schema schema = cluster.create()) {
            // Node 2 listed first: this process writes through it until it dies, then through node 1.
            Settings settings = schema.settings(dataDir, 2, 1, 3);
            AtomicLong acknowledged = new AtomicLong();
            CountingMetrics metrics = new CountingMetrics();
            try (Database database = Database.open(settings);
                 IngestPipeline pipeline = IngestPipeline.start(dataDir.resolve("journal"), new BucketStore(database),
                         new JournalLeaseStore(database), Clock.systemUTC(), ingest(), metrics)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                long killAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                boolean killed = false;
                List<CompletableFuture<Void>> pending = new ArrayList<>();
                int refused = 0;
                long sent = 0;
                while (System.nanoTime() < deadline) {
                    if (!killed && System.nanoTime() > killAt) {
                        cluster.kill(2);
                        killed = true;
                    }
                    Delta delta = new Delta();
                    for (int i = 0; i < 10; i++) {
                        delta.add(1 + (sent + i) % STATS, BASE + 60 * ((sent + i) % MINUTES), 1);
                    }
                    try {
                        pending.add(pipeline.submit(delta));
                    } catch (BufferFullException e) {
                        refused++;
                    }
                    sent += 10;
                    Thread.sleep(1);
                }
                for (CompletableFuture<Void> journaled : pending) {
                    try {
                        journaled.get(30, TimeUnit.SECONDS);
                        acknowledged.addAndGet(10);
                    } catch (java.util.concurrent.ExecutionException e) {
                        // refused by the journal: not acknowledged, must not be stored
                    }
                }
                System.out.printf("IngestGaleraTest: %d points sent, %d acknowledged, %d deltas refused;"
                                + " %d flushes, %d failed after their retries%n", sent, acknowledged.get(), refused,
                        metrics.flushes.get(), metrics.failures.get());
            } finally {
                cluster.restart(2);
            }
            // The pipeline has flushed everything on close; node 2, back by IST, holds it too.
            for (int node : new int[] {1, 2}) {
                for (Resolution resolution : Resolution.values()) {
                    assertEquals(acknowledged.get(), storedPoints(schema, node, resolution),
                            "each acknowledged point once in " + resolution + " on node " + node);
                }
            }
            assertTrue(acknowledged.get() > 1_000, "a real load: " + acknowledged.get());
        }
    }

    /**
     * A writer thread: an ingest pipeline that takes a point a millisecond (each to one of the same
     * few rows) for {@code seconds}, then is closed (flushed); adds the points acknowledged to {@code acknowledged}.
     */
    private static Thread load(Database database, Path journalDir, CountingMetrics metrics, int seconds,
                               AtomicLong acknowledged) {
        return new Thread(() -> {
            try (IngestPipeline pipeline = IngestPipeline.start(journalDir, new BucketStore(database),
                    new JournalLeaseStore(database), Clock.systemUTC(), ingest(), metrics)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    Delta delta = new Delta();
                    delta.add(1 + i % STATS, BASE + 60 * (i % MINUTES), 1);
                    acks.add(pipeline.submit(delta));
                    Thread.sleep(1);
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                acknowledged.addAndGet(acks.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Flushing every 10 ms, hours and days every 20 ms: many small transactions on the same rows. */
    private static Settings.Ingest ingest() {
        return new Settings.Ingest(Duration.ofMillis(10), Duration.ofMillis(20), 1_000_000, 100, Duration.ofSeconds(10));
    }

    private static long conflicts(GaleraCluster cluster, int node) {
        return cluster.status(node, "wsrep_local_cert_failures") + cluster.status(node, "wsrep_local_bf_aborts");
    }

    /**
     * Points per stat and bucket start after writers that each sent {@code pointsPerWriter}, as
     * {@link #load} sends them: the i-th point to stat 1 + i % STATS in minute i % MINUTES.
     */
    private static Map<String, Long> expectedRows(Resolution resolution, long... pointsPerWriter) {
        Map<String, Long> rows = new TreeMap<>();
        for (long points : pointsPerWriter) {
            for (long i = 0; i < points; i++) {
                long minute = BASE + 60 * (i % MINUTES);
                rows.merge(rowKey(1 + i % STATS, resolution == Resolution.MINUTE ? minute : BASE), 1L, Long::sum);
            }
        }
        return rows;
    }

    private static Map<String, Long> storedRows(GaleraCluster.Schema schema, int node, Resolution resolution)
            throws SQLException {
        try (Connection c = schema.connect(node)) {
            // A node applies others' write-sets a moment after they commit: wait for them (a causal read).
            c.createStatement().execute("SET SESSION wsrep_sync_wait = 1");
            Map<String, Long> rows = new TreeMap<>();
            try (ResultSet stored = c.createStatement().executeQuery(
                    "SELECT stat_id, t, n FROM buckets WHERE resolution = '" + resolution.code() + "'")) {
                while (stored.next()) {
                    rows.put(rowKey(stored.getLong(1), stored.getLong(2)), stored.getLong(3));
                }
            }
            return rows;
        }
    }

    private static String rowKey(long statId, long start) {
        return String.format("stat %02d at %d", statId, start);
    }

    private static long storedPoints(GaleraCluster.Schema schema, int node, Resolution resolution) throws SQLException {
        return storedRows(schema, node, resolution).values().stream().mapToLong(Long::longValue).sum();
    }

    private static final class CountingMetrics implements IngestMetrics {
        final AtomicInteger flushes = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void flushed(int rows, long nanos) {
            flushes.incrementAndGet();
        }

        @Override
        public void flushFailed() {
            failures.incrementAndGet();
        }
    }
}
