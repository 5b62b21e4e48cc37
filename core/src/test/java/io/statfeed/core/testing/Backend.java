package io.statfeed.core.testing;

import io.statfeed.core.config.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The storage backends every storage-touching test runs on: the embedded default and a real
 * MariaDB/MySQL server (127.0.0.1:3306, root, empty password unless STATFEED_TEST_DB_URL,
 * STATFEED_TEST_DB_USER, STATFEED_TEST_DB_PASSWORD say otherwise). Under CI=true an unreachable
 * server fails the test instead of skipping it.
 */
public enum Backend {
    EMBEDDED,
    MARIADB;

    private static final String SERVER_URL = env("STATFEED_TEST_DB_URL", "jdbc:mysql://127.0.0.1:3306/");
    private static final String USER = env("STATFEED_TEST_DB_USER", "root");
    private static final String PASSWORD = env("STATFEED_TEST_DB_PASSWORD", "");

    /** Settings for a brand-new, empty database of this backend; {@link TestDatabase#close()} drops it. */
    public TestDatabase create(Path dataDir) {
        Settings base = Settings.defaults(dataDir);
        if (this == EMBEDDED) {
            return new TestDatabase(base, () -> { });
        }
        String schema = "statfeed_test_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
        Settings settings = base.withDatabaseServer(new Settings.DatabaseServer(SERVER_URL + schema, USER, PASSWORD));
        return new TestDatabase(settings, () -> execute("DROP DATABASE IF EXISTS " + schema));
    }

    /** A database made for one test, dropped afterwards. */
    public record TestDatabase(Settings settings, Runnable dropper) implements AutoCloseable {
        @Override
        public void close() {
            dropper.run();
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
            if (ci) {
                throw new IllegalStateException("CI=true needs MariaDB at " + SERVER_URL + ": " + e.getMessage(), e);
            }
            Assumptions.abort("MariaDB not reachable at " + SERVER_URL + " (" + e.getMessage()
                    + "); scripts/test starts it");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
