package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.STATS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DashboardStoreTest {
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void dashboards_are_listed_by_name_ignoring_case_and_only_for_their_account(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            long bob = newAccount(database);
            DashboardStore dashboards = new DashboardStore(database);
            Dashboard web = dashboards.create(ada, "web", NOW);
            dashboards.create(ada, "Ops", NOW);
            dashboards.create(ada, "api ü", NOW);
            Dashboard bobs = dashboards.create(bob, "bob's", NOW);

            assertEquals(List.of("api ü", "Ops", "web"), dashboards.list(ada).stream().map(Dashboard::name).toList());
            assertEquals(3, dashboards.count(ada));
            assertEquals(web, dashboards.find(ada, web.id()).orElseThrow());
            assertTrue(dashboards.find(ada, bobs.id()).isEmpty(), "another account's dashboard is not found");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_dashboard_is_renamed_and_deleted_only_by_its_account(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            long bob = newAccount(database);
            DashboardStore dashboards = new DashboardStore(database);
            Stat stat = new StatStore(database).createOrGet(ada, "signups", true, NOW);
            Dashboard web = dashboards.create(ada, "web", NOW);
            dashboards.addStat(ada, web.id(), stat.id(), NOW);

            assertFalse(dashboards.rename(bob, web.id(), "mine now", NOW + 1));
            assertTrue(dashboards.rename(ada, web.id(), "Web", NOW + 1));
            assertEquals(new Dashboard(web.id(), ada, "Web", NOW, NOW + 1), dashboards.find(ada, web.id()).orElseThrow());

            assertFalse(dashboards.delete(bob, web.id()));
            assertTrue(dashboards.delete(ada, web.id()));
            assertFalse(dashboards.delete(ada, web.id()));
            assertTrue(dashboards.find(ada, web.id()).isEmpty());
            assertEquals(List.of(), dashboards.statIds(ada, web.id()));
            assertEquals(0, dashboards.removeStatEverywhere(stat.id()), "its rows went with it");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stats_are_appended_once_removed_and_kept_in_order(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            StatStore stats = new StatStore(database);
            DashboardStore dashboards = new DashboardStore(database);
            Stat a = stats.createOrGet(ada, "a", true, NOW);
            Stat b = stats.createOrGet(ada, "b", false, NOW);
            Stat c = stats.createOrGet(ada, "c", true, NOW);
            Dashboard board = dashboards.create(ada, "board", NOW);

            assertTrue(dashboards.addStat(ada, board.id(), c.id(), NOW + 1));
            assertTrue(dashboards.addStat(ada, board.id(), a.id(), NOW + 2));
            assertFalse(dashboards.addStat(ada, board.id(), c.id(), NOW + 3), "adding twice is a no-op");
            assertTrue(dashboards.addStat(ada, board.id(), b.id(), NOW + 4));
            assertEquals(List.of(c.id(), a.id(), b.id()), dashboards.statIds(ada, board.id()));
            assertEquals(List.of(c, a, b), dashboards.stats(ada, board.id()));
            assertEquals(NOW + 4, dashboards.find(ada, board.id()).orElseThrow().updatedAtMillis());

            assertTrue(dashboards.removeStat(ada, board.id(), a.id(), NOW + 5));
            assertFalse(dashboards.removeStat(ada, board.id(), a.id(), NOW + 6));
            assertTrue(dashboards.addStat(ada, board.id(), a.id(), NOW + 7));
            assertEquals(List.of(c.id(), b.id(), a.id()), dashboards.statIds(ada, board.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void another_accounts_dashboard_takes_no_stats_and_shows_none(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            long bob = newAccount(database);
            StatStore stats = new StatStore(database);
            DashboardStore dashboards = new DashboardStore(database);
            Stat adas = stats.createOrGet(ada, "a", true, NOW);
            Stat bobs = stats.createOrGet(bob, "b", true, NOW);
            Dashboard board = dashboards.create(ada, "board", NOW);

            assertFalse(dashboards.addStat(bob, board.id(), bobs.id(), NOW));
            assertFalse(dashboards.removeStat(bob, board.id(), adas.id(), NOW));
            assertTrue(dashboards.addStat(ada, board.id(), adas.id(), NOW));
            assertEquals(List.of(), dashboards.statIds(bob, board.id()));
            assertFalse(dashboards.reorder(bob, board.id(), List.of(adas.id()), NOW));

            // A row naming another account's stat (which the use cases never write) is never read.
            assertTrue(dashboards.addStat(ada, board.id(), bobs.id(), NOW));
            assertEquals(List.of(adas.id()), dashboards.statIds(ada, board.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stats_in_the_trash_are_skipped_and_come_back_in_place_when_restored(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            StatStore stats = new StatStore(database);
            DashboardStore dashboards = new DashboardStore(database);
            Stat a = stats.createOrGet(ada, "a", true, NOW);
            Stat b = stats.createOrGet(ada, "b", true, NOW);
            Stat c = stats.createOrGet(ada, "c", true, NOW);
            Dashboard board = dashboards.create(ada, "board", NOW);
            for (Stat s : List.of(a, b, c)) {
                dashboards.addStat(ada, board.id(), s.id(), NOW);
            }
            stats.softDelete(ada, b.id(), NOW);

            assertEquals(List.of(a.id(), c.id()), dashboards.statIds(ada, board.id()));
            assertEquals(List.of(a, c), dashboards.stats(ada, board.id()));
            assertFalse(dashboards.reorder(ada, board.id(), List.of(c.id(), b.id(), a.id()), NOW),
                    "a stat in the trash cannot be ordered");
            assertTrue(dashboards.reorder(ada, board.id(), List.of(c.id(), a.id()), NOW));
            assertEquals(List.of(c.id(), a.id()), dashboards.statIds(ada, board.id()));

            database.dsl().update(STATS).set(STATS.DELETED_AT, 0L).where(STATS.ID.eq(b.id())).execute(); // restored
            assertEquals(List.of(c.id(), a.id(), b.id()), dashboards.statIds(ada, board.id()));
            assertEquals(1, dashboards.removeStatEverywhere(b.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_new_order_must_be_a_permutation_of_the_current_one(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            StatStore stats = new StatStore(database);
            DashboardStore dashboards = new DashboardStore(database);
            Stat a = stats.createOrGet(ada, "a", true, NOW);
            Stat b = stats.createOrGet(ada, "b", true, NOW);
            Stat c = stats.createOrGet(ada, "c", true, NOW);
            Dashboard board = dashboards.create(ada, "board", NOW);
            for (Stat s : List.of(a, b, c)) {
                dashboards.addStat(ada, board.id(), s.id(), NOW);
            }

            for (List<Long> wrong : List.of(List.of(a.id(), b.id()), List.of(a.id(), b.id(), c.id(), c.id()),
                    List.of(a.id(), a.id(), b.id()), List.of(a.id(), b.id(), 42L), List.<Long>of())) {
                assertFalse(dashboards.reorder(ada, board.id(), wrong, NOW + 1), wrong.toString());
            }
            assertEquals(List.of(a.id(), b.id(), c.id()), dashboards.statIds(ada, board.id()));
            assertTrue(dashboards.reorder(ada, board.id(), List.of(b.id(), c.id(), a.id()), NOW + 2));
            assertEquals(List.of(b.id(), c.id(), a.id()), dashboards.statIds(ada, board.id()));
            assertEquals(NOW + 2, dashboards.find(ada, board.id()).orElseThrow().updatedAtMillis());

            Dashboard empty = dashboards.create(ada, "empty", NOW);
            assertTrue(dashboards.reorder(ada, empty.id(), List.of(), NOW), "nothing to order is fine");
        }
    }

    private static long newAccount(Database database) {
        AccountStore.NewSignup signup = StorageTest.signup("u" + Ids.next() + "@example.com");
        new AccountStore(database).create(signup);
        return signup.accountId();
    }
}
