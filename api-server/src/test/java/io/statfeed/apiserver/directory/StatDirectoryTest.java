package io.statfeed.apiserver.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AllowanceStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.core.testing.TestAccounts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stat directory on a real database, where a post and a change to its account meet. */
class StatDirectoryTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_made_by_a_post_that_raced_a_change_to_its_account_is_refused_once_deleted(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long accountId = signUp(database);
            StatStore stats = new StatStore(database);
            StatDirectory directory = new StatDirectory(stats, new AllowanceStore(database), Clock.systemUTC(), 100,
                    new UnknownKeyLimit(), Runnable::run);

            StatDirectory.AccountStats inFlight = directory.of(accountId); // a post has the account's stats
            directory.forget(accountId);                                  // a change arrives meanwhile
            Stat made = inFlight.resolve("raced", true);                  // the post goes on and makes a stat

            assertTrue(stats.softDelete(accountId, made.id(), System.currentTimeMillis()));
            directory.forget(accountId);                                  // the change log brings the delete
            directory.of(accountId);                                      // another post reads the account again
            assertEquals(Optional.empty(), directory.byKey(made.key(), "client"), "deleted: its key takes nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_made_by_a_post_that_raced_a_change_to_its_account_takes_data_by_its_key(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long accountId = signUp(database);
            StatDirectory directory = new StatDirectory(new StatStore(database), new AllowanceStore(database),
                    Clock.systemUTC(), 100, new UnknownKeyLimit(), Runnable::run);
            StatDirectory.AccountStats inFlight = directory.of(accountId);
            directory.of(accountId).known("anything"); // the account is held again, without the stat to come
            directory.forget(accountId);
            StatDirectory.AccountStats current = directory.of(accountId);
            Stat made = inFlight.resolve("raced", true);

            assertEquals(Optional.of(made), directory.byKey(made.key(), "client"));
            assertEquals(made, current.known("raced"), "the account now holds it");
        }
    }

    private static long signUp(Database database) {
        return TestAccounts.signUp(database).accountId();
    }
}
