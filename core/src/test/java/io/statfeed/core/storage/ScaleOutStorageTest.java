package io.statfeed.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore.Checkpoint;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.storage.DirectoryChanges.Change;
import io.statfeed.core.storage.JournalLeaseStore.Holder;
import io.statfeed.core.testing.Backend;
import io.statfeed.core.testing.TestAccounts;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What several processes on one database agree through it: the change log, allowances, journal leases. */
class ScaleOutStorageTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final JournalLeaseStore.Liveness ALIVE = holder -> false;
    private static final JournalLeaseStore.Liveness GONE = holder -> true;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_deleted_stat_is_a_change_each_running_api_server_acknowledges_once(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long accountId = signUp(database);
            DirectoryChanges changes = new DirectoryChanges(database);
            JournalLeaseStore leases = new JournalLeaseStore(database);
            long now = System.currentTimeMillis();
            leases.claim("api-a", holder("a"), Set.of(), "gen-a", now, now + 20_000, ALIVE);
            leases.claim("api-b", holder("b"), Set.of(), "gen-b", now, now + 20_000, ALIVE);
            leases.claim("api-gone", holder("c"), Set.of(), "gen-c", now, now + 20_000, ALIVE);
            leases.release("api-gone", "c");
            List<Change> beforeDelete = changes.unacknowledged("api-a", now - 30_000);
            changes.acknowledge("api-a", beforeDelete);
            changes.acknowledge("api-b", beforeDelete);

            Stat stat = new StatStore(database).createOrGet(accountId, "signups", true, now);
            assertTrue(new StatStore(database).softDelete(accountId, stat.id(), now));

            List<Change> seen = changes.unacknowledged("api-a", now - 30_000);
            assertEquals(1, seen.size());
            assertEquals(accountId, seen.get(0).accountId());
            long change = changes.latestOf(accountId).orElseThrow();
            assertEquals(change, seen.get(0).id());
            assertEquals(List.of("api-a", "api-b"), changes.unconfirmedBy(change, now), "a released lease is not waited for");

            changes.acknowledge("api-a", seen);
            changes.acknowledge("api-a", seen); // a retried acknowledgement is harmless
            assertEquals(List.of(), changes.unacknowledged("api-a", now - 30_000));
            assertEquals(List.of("api-b"), changes.unconfirmedBy(change, now));
            changes.acknowledge("api-b", changes.unacknowledged("api-b", now - 30_000));
            assertEquals(List.of(), changes.unconfirmedBy(change, now));

            assertEquals(0, changes.deleteBefore(now - 60_000));
            assertTrue(changes.deleteBefore(now + 60_000) >= 2, "the sign-up's change and the delete's");
            assertTrue(changes.latestOf(accountId).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_allowance_is_shared_by_every_process_and_refills_with_time(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long accountId = signUp(database);
            AllowanceStore one = new AllowanceStore(database);
            AllowanceStore other = new AllowanceStore(database); // another process's, on the same rows
            AllowanceStore.Limit limit = new AllowanceStore.Limit(4, 60_000);
            AllowanceStore.Kind kind = AllowanceStore.Kind.NEW_STATS;
            for (int i = 0; i < 3; i++) {
                assertEquals(new AllowanceStore.Grant(true, 0), (i % 2 == 0 ? one : other).take(accountId, kind, limit, NOW));
            }
            // The last one: the next is due in a quarter of the minute.
            assertGrant(true, 15_000, other.take(accountId, kind, limit, NOW));
            assertGrant(false, 15_000, one.take(accountId, kind, limit, NOW));
            assertGrant(false, 5_000, other.take(accountId, kind, limit, NOW + 10_000)); // two thirds of it are there
            assertTrue(other.take(accountId, kind, limit, NOW + 15_000).taken());
            assertTrue(!one.take(accountId, kind, limit, NOW + 15_000).taken());
            assertTrue(one.take(signUp(database), kind, limit, NOW).taken(),
                    "each account has its own");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_journal_identity_is_refused_to_a_second_process_and_to_an_older_copy_of_its_folder(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            JournalLeaseStore leases = new JournalLeaseStore(database);
            leases.claim("api-1", holder("first"), Set.of(), "g1", NOW, NOW + 20_000, ALIVE);

            String running = assertThrows(JournalLeaseStore.RefusedException.class, () -> leases.claim("api-1",
                    holder("copy"), Set.of("g1"), "g2", NOW + 1_000, NOW + 21_000, ALIVE)).getMessage();
            assertTrue(running.contains("is in use by another api-server: pid 42 on host-first"), running);
            assertTrue(running.contains("give each api-server its own empty STATFEED_DATA_DIR"), running);

            // The first died (its pid is gone): the copy may take over, and becomes the journal storage follows.
            leases.claim("api-1", holder("copy"), Set.of("g1"), "g2", NOW + 1_000, NOW + 21_000, GONE);
            leases.release("api-1", "copy");
            String older = assertThrows(JournalLeaseStore.RefusedException.class, () -> leases.claim("api-1",
                    holder("first-again"), Set.of("g1"), "g3", NOW + 2_000, NOW + 22_000, ALIVE)).getMessage();
            assertTrue(older.contains("a copy of this data folder ran after this one"), older);

            // A crash between the folder's note of its next generation and storage's claim loses nothing.
            leases.claim("api-1", holder("copy-again"), Set.of("g1", "g2"), "g4", NOW + 3_000, NOW + 23_000, ALIVE);
            leases.markAdopted("api-1", "copy-again", "api-2");
            String adopted = assertThrows(JournalLeaseStore.RefusedException.class, () -> leases.claim("api-1",
                    holder("copy-again"), Set.of("g4"), "g5", NOW + 4_000, NOW + 24_000, GONE)).getMessage();
            assertTrue(adopted.contains("was adopted by api-server api-2"), adopted);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_process_whose_identity_was_claimed_since_writes_no_bucket(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long accountId = signUp(database);
            Stat stat = new StatStore(database).createOrGet(accountId, "hits", true, NOW);
            BucketStore buckets = new BucketStore(database);
            JournalLeaseStore leases = new JournalLeaseStore(database);
            List<StatBucket> one = List.of(new StatBucket(stat.id(), Resolution.MINUTE, Bucket.of(60, 1)));
            leases.claim("api-1", holder("first"), Set.of(), "g1", NOW, NOW + 20_000, ALIVE);
            buckets.add(one, "api-1", "g1", new Checkpoint(1, 1), NOW);

            leases.claim("api-1", holder("copy"), Set.of("g1"), "g2", NOW, NOW + 20_000, GONE);
            assertThrows(IdentityLostException.class, () -> buckets.add(one, "api-1", "g1", new Checkpoint(2, 2), NOW));
            buckets.add(one, "api-1", "g2", new Checkpoint(2, 2), NOW);

            assertEquals(2, buckets.read(stat.id(), Resolution.MINUTE, 0, Long.MAX_VALUE).get(0).n());
            assertEquals(new Checkpoint(2, 2), buckets.checkpoints("api-1"));
        }
    }

    /** Refill times are fractions of a token: exact to the millisecond they need not be. */
    private static void assertGrant(boolean taken, long nextInMillis, AllowanceStore.Grant grant) {
        assertEquals(taken, grant.taken(), grant.toString());
        assertTrue(Math.abs(grant.nextInMillis() - nextInMillis) <= 1, grant.toString());
    }

    private static Holder holder(String token) {
        return new Holder(token, "host-" + token, 42, "/srv/" + token);
    }

    private static long signUp(Database database) {
        return TestAccounts.signUp(database).accountId();
    }
}
