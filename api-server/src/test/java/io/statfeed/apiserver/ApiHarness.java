package io.statfeed.apiserver;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.core.testing.TestAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** An api-server on a fresh database with one account, and the requests tests send it. */
final class ApiHarness implements AutoCloseable {
    final Backend.TestDatabase testDatabase;
    final Database database;
    final ApiServer server;
    final AccountStore.NewSignup account;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiHarness(Backend backend, Path dataDir) {
        this(backend, dataDir, settings -> settings);
    }

    ApiHarness(Backend backend, Path dataDir, java.util.function.UnaryOperator<Settings> tweak) {
        this.testDatabase = backend.create(dataDir);
        Settings settings = tweak.apply(testDatabase.settings().withPorts(0, 0));
        this.database = Database.open(settings);
        this.account = signup(database);
        this.server = ApiServer.start(settings, database);
    }

    static AccountStore.NewSignup signup(Database database) {
        return TestAccounts.signUp(database);
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.port() + pathAndQuery;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return post(path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> form(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/x-www-form-urlencoded", body);
    }

    HttpResponse<String> json(String body) throws IOException, InterruptedException {
        return post("/ez", "application/json", body);
    }

    Stat stat(String name) {
        return stat(account.accountId(), name);
    }

    Stat stat(long accountId, String name) {
        return new StatStore(database).findLive(accountId, name)
                .orElseThrow(() -> new AssertionError("no stat named '" + name + "'"));
    }

    boolean hasStat(String name) {
        return hasStat(account.accountId(), name);
    }

    boolean hasStat(long accountId, String name) {
        return new StatStore(database).findLive(accountId, name).isPresent();
    }

    List<Bucket> buckets(String name, Resolution resolution) {
        return buckets(account.accountId(), name, resolution);
    }

    List<Bucket> buckets(long accountId, String name, Resolution resolution) {
        return new BucketStore(database).read(stat(accountId, name).id(), resolution, 0, Long.MAX_VALUE);
    }

    /** Sum of the stored minute buckets of a stat, waiting for the flush that should bring it. */
    double storedTotal(String name, double expected) {
        awaitTrue(() -> hasStat(name) && total(account.accountId(), name) == expected, Duration.ofSeconds(5));
        return total(account.accountId(), name);
    }

    double total(long accountId, String name) {
        return buckets(accountId, name, Resolution.MINUTE).stream().mapToDouble(Bucket::total).sum();
    }

    static void awaitTrue(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        server.close();
        database.close();
        testDatabase.close();
    }
}
