package io.statfeed.apiserver;

import static io.statfeed.apiserver.ChildApiServers.SIGTERM_EXIT;
import static io.statfeed.apiserver.ChildApiServers.awaitHealthy;
import static io.statfeed.apiserver.ChildApiServers.freePort;
import static io.statfeed.apiserver.ChildApiServers.send;
import static io.statfeed.apiserver.ChildApiServers.startChild;
import static io.statfeed.apiserver.ChildApiServers.storedTotals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.apiserver.ChildApiServers.Child;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Api-servers in JVMs of their own on one MariaDB, with copies of one data folder: a copy is
 * refused while the original runs and the original after a copy has run, and a dead server's
 * journal is adopted by another; every acknowledged count is stored exactly once throughout.
 * (The embedded database lives in the data folder itself, so a copy of it is a database of its own.)
 */
class JournalIdentityTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "MARIADB")
    void a_copied_data_folder_is_refused_while_the_original_runs_and_the_original_after_the_copy_ran(Backend backend)
            throws Exception {
        try (Backend.TestDatabase db = backend.create(dataDir)) {
            Settings settings = db.settings();
            AccountStore.NewSignup account = signUp(settings);
            Path original = dataDir.resolve("original");
            Path copy = dataDir.resolve("copy");
            Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
            int port = freePort();

            Child first = startChild(settings, original, port);
            awaitHealthy(port);
            send(port, account.ezkey(), acknowledged);
            copyFolder(original, copy);
            Child clone = startChild(settings, copy, freePort());
            assertEquals(1, clone.awaitExit());
            assertTrue(clone.output().contains("is in use by another api-server"), clone.output());
            assertTrue(clone.output().contains("give each api-server its own empty STATFEED_DATA_DIR"), clone.output());
            send(port, account.ezkey(), acknowledged);
            assertStoppedCleanly(first.stop());

            // The original stopped: the copy may run, and is the journal storage follows from now on.
            Child second = startChild(settings, copy, port);
            awaitHealthy(port);
            send(port, account.ezkey(), acknowledged);
            assertStoppedCleanly(second.stop());

            Child stale = startChild(settings, original, freePort());
            assertEquals(1, stale.awaitExit());
            assertTrue(stale.output().contains("a copy of this data folder ran after this one"), stale.output());
            assertStoredExactly(settings, account, acknowledged);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "MARIADB")
    void another_api_server_adopts_the_journal_of_one_killed_for_good(Backend backend) throws Exception {
        try (Backend.TestDatabase db = backend.create(dataDir)) {
            Settings settings = db.settings();
            AccountStore.NewSignup account = signUp(settings);
            Path lost = dataDir.resolve("lost");
            Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
            int port = freePort();

            Child doomed = startChild(settings, lost, port);
            awaitHealthy(port);
            send(port, account.ezkey(), acknowledged);
            try (Database database = Database.open(settings)) {
                StorageSwitch.takeBucketsOffline(database);
            }
            send(port, account.ezkey(), acknowledged);
            doomed.process().destroyForcibly().waitFor(); // SIGKILL: what it acknowledged last is in its journal only
            long acked = acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
            try (Database database = Database.open(settings)) {
                StorageSwitch.bringBucketsBack(database);
                assertTrue(total(storedTotals(database, account.accountId(), Resolution.MINUTE)) < acked,
                        "some acknowledged counts were only in the dead server's journal");
            }

            Child adopter = startChild(settings, dataDir.resolve("adopter"), port, lost.toString());
            awaitHealthy(port);
            assertTrue(adopter.output().contains("adopted the journal"), adopter.output());
            assertStoredExactly(settings, account, acknowledged);

            Child revenant = startChild(settings, lost, freePort());
            assertEquals(1, revenant.awaitExit());
            assertTrue(revenant.output().contains("was adopted by api-server"), revenant.output());
            assertStoppedCleanly(adopter.stop());
            assertStoredExactly(settings, account, acknowledged);
        }
    }

    private static AccountStore.NewSignup signUp(Settings settings) {
        try (Database database = Database.open(settings)) {
            return ApiHarness.signup(database);
        }
    }

    private static void assertStoppedCleanly(int exit) {
        assertTrue(exit == 0 || exit == SIGTERM_EXIT, "clean stop, exit " + exit);
    }

    private static void assertStoredExactly(Settings settings, AccountStore.NewSignup account,
                                            Map<String, AtomicLong> acknowledged) {
        Map<String, Double> expected = new HashMap<>();
        acknowledged.forEach((stat, count) -> expected.put(stat, (double) count.get()));
        assertTrue(total(expected) > 100, "the load got through: " + expected);
        try (Database database = Database.open(settings)) {
            for (Resolution resolution : Resolution.values()) {
                assertEquals(expected, storedTotals(database, account.accountId(), resolution), resolution.name());
            }
        }
    }

    private static double total(Map<String, Double> totals) {
        return totals.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** What an operator's cp -r of a running server's folder makes. */
    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
