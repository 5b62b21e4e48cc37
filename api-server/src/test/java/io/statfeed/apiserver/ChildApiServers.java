package io.statfeed.apiserver;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Api-servers in JVMs of their own (so they can be killed with SIGKILL), and the load tests send them. */
final class ChildApiServers {
    static final int STATS = 5;
    private static final int SENDERS = 4;
    static final Duration LOAD = Duration.ofMillis(1_500);
    /** What a JVM returns after running its shutdown hooks on SIGTERM (128 + 15). */
    static final int SIGTERM_EXIT = 143;

    private ChildApiServers() {
    }

    /** Posts counts of 1 from several threads for a while, counting the acknowledged ones per stat. */
    static void send(int port, String ezkey, Map<String, AtomicLong> acknowledged) throws InterruptedException {
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

    static Map<String, Double> storedTotals(Database database, long accountId, Resolution resolution) {
        Map<String, Double> totals = new HashMap<>();
        BucketStore buckets = new BucketStore(database);
        for (var stat : new StatStore(database).listLive(accountId, 0, 100)) {
            totals.put(stat.name(), buckets.read(stat.id(), resolution, 0, Long.MAX_VALUE).stream()
                    .mapToDouble(Bucket::total).sum());
        }
        return totals;
    }

    /** A started api-server process and the file its output goes to. */
    record Child(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }

        /** Waits for a process that refused to start; its exit code. */
        int awaitExit() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the api-server kept running");
            }
            return process.exitValue();
        }

        /** SIGTERM, and the clean stop's exit code (0 or 143). */
        int stop() throws InterruptedException {
            process.destroy();
            return process.waitFor();
        }
    }

    static Child startChild(Settings settings, int port, String... adopt) throws IOException {
        return startChild(settings, settings.dataDir(), port, adopt);
    }

    /** An api-server on the settings' database with a data folder of its own. */
    static Child startChild(Settings settings, Path dataDir, int port, String... adopt) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, ApiServerMain.class.getName());
        builder.command().addAll(List.of(adopt));
        Map<String, String> env = builder.environment();
        env.put("STATFEED_DATA_DIR", dataDir.toString());
        env.put("STATFEED_API_PORT", Integer.toString(port));
        env.put("STATFEED_FLUSH_INTERVAL_MS", "200");
        settings.databaseServer().ifPresentOrElse(server -> {
            env.put("STATFEED_DB_URL", server.jdbcUrl());
            env.put("STATFEED_DB_USER", server.user());
            env.put("STATFEED_DB_PASSWORD", server.password());
        }, () -> env.remove("STATFEED_DB_URL"));
        builder.redirectErrorStream(true);
        Path log = settings.dataDir().resolve("child-" + port + "-" + System.nanoTime() + ".log");
        builder.redirectOutput(log.toFile());
        return new Child(builder.start(), log);
    }

    static void awaitHealthy(int port) throws InterruptedException {
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

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
