package io.statfeed.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoginFailureStoreTest {
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void failures_are_counted_per_email_and_per_client_since_a_time(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            LoginFailureStore failures = new LoginFailureStore(database);
            failures.record("ada@example.com", "10.0.0.1", NOW - 1_000);
            failures.record("ada@example.com", "10.0.0.2", NOW);
            failures.record("bob@example.com", "10.0.0.1", NOW + 1_000);

            assertEquals(2, failures.countByEmail("ada@example.com", NOW - 1_000));
            assertEquals(1, failures.countByEmail("ada@example.com", NOW - 999));
            assertEquals(0, failures.countByEmail("eve@example.com", 0));
            assertEquals(2, failures.countByClient("10.0.0.1", 0));
            assertEquals(1, failures.countByClient("10.0.0.1", NOW));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_nth_newest_failure_tells_when_a_window_lets_one_go(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            LoginFailureStore failures = new LoginFailureStore(database);
            for (int i = 0; i < 4; i++) {
                failures.record("ada@example.com", "client-" + i, NOW + i * 1_000);
                failures.record("other-" + i + "@example.com", "10.0.0.9", NOW + i * 1_000);
            }

            assertEquals(Optional.of(NOW + 3_000), failures.nthNewestByEmail("ada@example.com", 0, 1));
            assertEquals(Optional.of(NOW + 1_000), failures.nthNewestByEmail("ada@example.com", 0, 3));
            assertEquals(Optional.empty(), failures.nthNewestByEmail("ada@example.com", 0, 5));
            assertEquals(Optional.empty(), failures.nthNewestByEmail("ada@example.com", NOW + 2_000, 3));
            assertEquals(Optional.of(NOW), failures.nthNewestByClient("10.0.0.9", 0, 4));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void clearing_an_email_forgets_only_its_failures_and_old_ones_are_swept(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            LoginFailureStore failures = new LoginFailureStore(database);
            failures.record("ada@example.com", "10.0.0.1", NOW - 5_000);
            failures.record("ada@example.com", "10.0.0.1", NOW);
            failures.record("bob@example.com", "10.0.0.1", NOW - 5_000);
            long last = failures.record("bob@example.com", "10.0.0.1", NOW);

            assertEquals(2, failures.clearEmail("ada@example.com"));
            assertEquals(2, failures.countByClient("10.0.0.1", 0));
            assertTrue(failures.forget(last));
            assertFalse(failures.forget(last));
            assertEquals(1, failures.deleteOlderThan(NOW));
            assertEquals(0, failures.countByEmail("bob@example.com", 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_overlong_email_or_client_is_cut_to_the_column_and_still_counts(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            LoginFailureStore failures = new LoginFailureStore(database);
            String email = "e".repeat(1_000);
            String client = "c".repeat(1_000);
            failures.record(email, client, NOW);
            failures.record(email, client, NOW);

            assertEquals(2, failures.countByEmail(email, 0));
            assertEquals(2, failures.countByClient(client, 0));
            assertEquals(2, failures.clearEmail(email));
        }
    }
}
