package io.statfeed.webapp;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/** A web server on a free port over a fresh database of one backend, with a fixed (or a given) clock. */
final class TestServer implements AutoCloseable {
    /** 2023-11-14T22:13:20Z. */
    static final long NOW_SECONDS = 1_700_000_000L;
    static final int TEST_HASH_COST = 4;
    /** Tests sign up many people from 127.0.0.1; the limit has tests of its own. */
    static final int TEST_SIGNUPS_PER_HOUR = 10_000;

    final Clock clock;
    final Settings settings;
    final Database database;
    final WebServer server;
    final Http http;
    private final Backend.TestDatabase testDatabase;

    TestServer(Backend backend, Path dataDir) {
        this(backend, dataDir, Clock.fixed(Instant.ofEpochSecond(NOW_SECONDS), ZoneOffset.UTC), UnaryOperator.identity());
    }

    /** @param tweak changes to the test settings, such as a public address */
    TestServer(Backend backend, Path dataDir, Clock clock, UnaryOperator<Settings> tweak) {
        this.clock = clock;
        testDatabase = backend.create(dataDir);
        settings = tweak.apply(testDatabase.settings().withPorts(0, 0)
                .withAccounts(new Settings.Accounts(TEST_HASH_COST, TEST_SIGNUPS_PER_HOUR)));
        database = Database.open(settings);
        server = WebServer.start(settings, database, clock);
        http = new Http(server.port());
    }

    /** A client that keeps cookies, as a browser would. */
    WebClient browser() {
        return new WebClient(server.port());
    }

    @Override
    public void close() {
        try {
            server.close();
            database.close();
        } finally {
            testDatabase.close();
        }
    }
}
