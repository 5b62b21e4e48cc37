package io.statfeed.apiserver;

import static io.statfeed.apiserver.ChildApiServers.SIGTERM_EXIT;
import static io.statfeed.apiserver.ChildApiServers.awaitHealthy;
import static io.statfeed.apiserver.ChildApiServers.freePort;
import static io.statfeed.apiserver.ChildApiServers.send;
import static io.statfeed.apiserver.ChildApiServers.startChild;
import static io.statfeed.apiserver.ChildApiServers.storedTotals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.util.HashMap;
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

            Process first = startChild(settings, port).process();
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

            Process second = startChild(settings, port).process();
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

}
