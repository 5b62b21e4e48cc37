package io.statfeed.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An api-server in its own JVM takes counts, is killed with SIGKILL while storage is refusing
 * writes (so nothing of the last part can have reached storage), and restarts: every count it
 * acknowledged must then be in storage, exactly once.
 */
class CrashRecoveryTest {
    private static final int STATS = 5;
    private static final int SENDERS = 4;
    private static final Duration LOAD = Duration.ofMillis(1_500);
    /** What a JVM returns after running its shutdown hooks on SIGTERM (128 + 15). */
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void every_acknowledged_count_survives_a_kill_9_of_the_api_server(Backend backend) throws Exception {
        try (Backend.TestDatabase db = backend.create(dataDir)) {
            Settings settings = db.settings();
            AccountStore.NewSignup account;
            try (Database database = Database.open(settings)) {
                account = ApiHarness.signup(database);
            }
            int port = freePort();
            Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();

            Process first = startChild(settings, port);
            awaitHealthy(port);
            send(port, account.ezkey(), acknowledged);
            try (Database database = Database.open(settings)) {
                StorageSwitch.takeBucketsOffline(database);
            }
            send(port, account.ezkey(), acknowledged);
            first.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hook runs

            long acked = acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
            try (Database database = Database.open(settings)) {
                StorageSwitch.bringBucketsBack(database);
                assertTrue(storedTotals(database, account.accountId(), Resolution.MINUTE).values().stream()
                                .mapToDouble(d -> d).sum() < acked,
                        "some acknowledged counts were only in the journal when the server died");
            }

            Process second = startChild(settings, port);
            awaitHealthy(port);
            second.destroy(); // SIGTERM: a clean stop flushes everything
            int exit = second.waitFor();
            assertTrue(exit == 0 || exit == SIGTERM_EXIT, "clean stop, exit " + exit);

            try (Database database = Database.open(settings)) {
                Map<String, Double> expected = new HashMap<>();
                acknowledged.forEach((stat, count) -> expected.put(stat, (double) count.get()));
                assertTrue(acked > 100, "the load got through: " + acked);
                // Hours and days have a checkpoint of their own and are written less often than minutes.
                for (Resolution resolution : Resolution.values()) {
                    assertEquals(expected, storedTotals(database, account.accountId(), resolution), resolution.name());
                }
            }
        }
    }

    /** Posts counts of 1 from several threads for a while, counting the acknowledged ones per stat. */
    private static void send(int port, String ezkey, Map<String, AtomicLong> acknowledged) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + LOAD.toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            Thread thread = new Thread(() -> {
                for (int i = 0; System.nanoTime() < until; i++) {
                    String stat = "crash " + ((sender + i) % STATS);
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ez"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("stat=" + stat + "&ezkey=" + ezkey + "&count=1"))
                            .build();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                            acknowledged.computeIfAbsent(stat, k -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            thread.start();
            senders.add(thread);
        }
        for (Thread sender : senders) {
            sender.join();
        }
    }

    private static Map<String, Double> storedTotals(Database database, long accountId, Resolution resolution) {
        Map<String, Double> totals = new HashMap<>();
        BucketStore buckets = new BucketStore(database);
        for (var stat : new StatStore(database).listLive(accountId, 0, 100)) {
            totals.put(stat.name(), buckets.read(stat.id(), resolution, 0, Long.MAX_VALUE).stream()
                    .mapToDouble(Bucket::total).sum());
        }
        return totals;
    }

    private static Process startChild(Settings settings, int port) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, ApiServerMain.class.getName());
        Map<String, String> env = builder.environment();
        env.put("STATFEED_DATA_DIR", settings.dataDir().toString());
        env.put("STATFEED_API_PORT", Integer.toString(port));
        env.put("STATFEED_FLUSH_INTERVAL_MS", "200");
        settings.databaseServer().ifPresentOrElse(server -> {
            env.put("STATFEED_DB_URL", server.jdbcUrl());
            env.put("STATFEED_DB_USER", server.user());
            env.put("STATFEED_DB_PASSWORD", server.password());
        }, () -> env.remove("STATFEED_DB_URL"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(settings.dataDir().resolve("child-" + port + "-" + System.nanoTime() + ".log").toFile());
        return builder.start();
    }

    private static void awaitHealthy(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the api-server did not become healthy on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
