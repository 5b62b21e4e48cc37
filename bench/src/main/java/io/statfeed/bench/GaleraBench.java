package io.statfeed.bench;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bucket rows a second the flush's own transaction ({@code BucketStore.add}: batched
 * upserts of 1,000 rows and the journal checkpoint, committed together) gets into one MariaDB
 * primary and into a Galera cluster, with the batches a flusher makes: every active stat's
 * minute bucket at each flush, a new minute (inserts) every few flushes and the same rows again
 * (updates) in between. Each writer is an api-server's flusher: one thread, a node id of its own,
 * its own stats.
 *
 * <p>Arguments: seconds per target, stats per writer, writers, then label=URL pairs
 * (URL without the database: a database statfeed_bench_galera is made anew on each).
 */
public final class GaleraBench {
    private static final String SCHEMA = "statfeed_bench_galera";
    private static final int FLUSHES_PER_MINUTE = 4;

    private GaleraBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int stats = Integer.parseInt(args[1]);
        int writers = Integer.parseInt(args[2]);
        Map<String, Double> results = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String label = args[i].substring(0, args[i].indexOf('='));
            String url = args[i].substring(args[i].indexOf('=') + 1);
            results.put(label, run(label, url, seconds, stats, writers));
        }
        System.out.println();
        String first = results.keySet().iterator().next();
        for (Map.Entry<String, Double> r : results.entrySet()) {
            System.out.printf("%-28s %,10.0f rows/s  %.2f of %s%n", r.getKey(), r.getValue(),
                    r.getValue() / results.get(first), first);
        }
    }

    private static double run(String label, String url, int seconds, int stats, int writers) throws Exception {
        String server = url.endsWith("/") ? url : url + "/";
        try (Connection c = DriverManager.getConnection(server, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
            s.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4");
        }
        Path dataDir = Files.createTempDirectory("bench-galera");
        Settings settings = Settings.defaults(dataDir)
                .withDatabaseServer(new Settings.DatabaseServer(server + SCHEMA, "root", ""));
        AtomicLong rows = new AtomicLong();
        AtomicLong flushes = new AtomicLong();
        AtomicLong nanosInAdd = new AtomicLong();
        try (Database database = Database.open(settings)) {
            BucketStore buckets = new BucketStore(database);
            long warmupEnd = System.nanoTime() + 3_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    long seq = 0;
                    long minute = 1_700_000_000L - 1_700_000_000L % 60;
                    while (System.nanoTime() < end) {
                        if (seq % FLUSHES_PER_MINUTE == 0) {
                            minute += 60;
                        }
                        List<StatBucket> batch = new ArrayList<>(stats);
                        for (int stat = 0; stat < stats; stat++) {
                            batch.add(new StatBucket(1_000_000L * (writer + 1) + stat, Resolution.MINUTE,
                                    new Bucket(minute, 3, 6, 1, 3, 14)));
                        }
                        long started = System.nanoTime();
                        buckets.add(batch, "bench-" + writer, ++seq, System.currentTimeMillis());
                        long done = System.nanoTime();
                        if (started >= warmupEnd) {
                            rows.addAndGet(batch.size());
                            flushes.incrementAndGet();
                            nanosInAdd.addAndGet(done - started);
                        }
                    }
                }, "writer-" + w));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }
        double perSecond = rows.get() / (double) seconds;
        System.out.printf("%s: %d writers x %d stats, %d flushes in %d s: %,.0f rows/s, %.1f ms a flush%n", label,
                writers, stats, flushes.get(), seconds, perSecond, nanosInAdd.get() / 1e6 / Math.max(1, flushes.get()));
        try (Connection c = DriverManager.getConnection(server, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
        }
        return perSecond;
    }
}
