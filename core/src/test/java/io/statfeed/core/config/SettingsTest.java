package io.statfeed.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void with_nothing_set_everything_runs_embedded_on_the_usual_ports() {
        Settings settings = Settings.from(Map.of());
        assertEquals(8080, settings.webPort());
        assertEquals(8081, settings.apiPort());
        assertTrue(settings.databaseServer().isEmpty());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), settings.dataDir());
    }

    @Test
    void a_database_url_switches_storage_to_that_server() {
        Settings settings = Settings.from(Map.of("STATFEED_DB_URL", "jdbc:mysql://db:3306/statfeed",
                "STATFEED_DB_USER", "app", "STATFEED_DB_PASSWORD", "secret"));
        Settings.DatabaseServer server = settings.databaseServer().orElseThrow();
        assertEquals("app", server.user());
        assertEquals("DatabaseServer[jdbc:mysql://db:3306/statfeed, user=app]", server.toString(),
                "the password never reaches a log line");
    }

    @Test
    void bad_settings_name_the_variable_and_what_is_allowed() {
        assertEquals("STATFEED_WEB_PORT must be a whole number, got 'eighty'",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_WEB_PORT", "eighty")))
                        .getMessage());
        assertEquals("STATFEED_API_PORT must be between 0 and 65535, got 70000",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_API_PORT", "70000")))
                        .getMessage());
        assertEquals("STATFEED_FLUSH_INTERVAL_MS must be between 10 and 1000, got 5000",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_FLUSH_INTERVAL_MS", "5000")))
                        .getMessage());
        assertEquals("STATFEED_DB_URL must be a MySQL JDBC URL such as jdbc:mysql://127.0.0.1:3306/statfeed, "
                        + "got 'postgres://x'",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_DB_URL", "postgres://x")))
                        .getMessage());
    }
}
