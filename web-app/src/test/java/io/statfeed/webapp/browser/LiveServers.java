package io.statfeed.webapp.browser;

import io.statfeed.apiserver.ApiServer;
import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The api-server and the web-app in this JVM on free ports over one fresh database, on the real
 * clock (a browser lives in the present): what a browser test talks to. Both are addressed as
 * {@code 127.0.0.1}, see {@link OtherSite}.
 */
public final class LiveServers implements AutoCloseable {
    /** bcrypt's lowest cost keeps sign-ups in tests fast. */
    public static final int TEST_HASH_COST = 4;

    public final Database database;
    public final ApiServer api;
    public final WebServer web;
    private final Backend.TestDatabase testDatabase;

    public LiveServers(Backend backend, Path dataDir) {
        testDatabase = backend.create(dataDir);
        Settings settings = testDatabase.settings().withPorts(0, 0).withPasswordHashCost(TEST_HASH_COST);
        Database opened = Database.open(settings);
        ApiServer startedApi = null;
        try {
            startedApi = ApiServer.start(settings, opened);
            // The pages tell people where to send stats: the api-server's port, known once it is bound.
            web = WebServer.start(settings.withPorts(0, startedApi.port()), opened);
        } catch (RuntimeException e) {
            if (startedApi != null) {
                startedApi.close();
            }
            opened.close();
            testDatabase.close();
            throw e;
        }
        database = opened;
        api = startedApi;
    }

    /** The api-server's address, e.g. {@code http://127.0.0.1:40123} (no trailing slash). */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + api.port());
    }

    /** The web-app's address, e.g. {@code http://127.0.0.1:40124} (no trailing slash). */
    public URI webUrl() {
        return URI.create("http://127.0.0.1:" + web.port());
    }

    @Override
    public void close() {
        try {
            web.close();
            api.close();
            database.close();
        } finally {
            testDatabase.close();
        }
    }
}
