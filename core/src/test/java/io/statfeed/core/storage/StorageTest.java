package io.statfeed.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Account;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StorageTest {
    @TempDir
    Path dataDir;

    private static final long NOW = 1_700_000_000_000L;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_dialect_is_chosen_from_the_server(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            assertEquals(backend == Backend.EMBEDDED ? SQLDialect.H2 : SQLDialect.MARIADB, database.dialect());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_signup_is_found_by_its_keys_and_token_but_not_by_a_revoked_token(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore accounts = new AccountStore(database);
            AccountStore.NewSignup signup = signup("ada@example.com");
            accounts.create(signup);

            Account account = accounts.findByEzkey(signup.ezkey()).orElseThrow();
            assertEquals(signup.accountId(), account.id());
            assertEquals(signup.accountId(), accounts.findByUkey(signup.ukey()).orElseThrow().id());
            assertEquals(signup.accountId(), accounts.findByAccessToken(signup.accessToken()).orElseThrow().id());
            assertTrue(accounts.findByEzkey("ada@example.com").isEmpty(), "email is no ezkey unless opted in");

            assertTrue(accounts.revokeAccessToken(signup.accessToken(), NOW));
            assertTrue(accounts.findByAccessToken(signup.accessToken()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_account_that_opts_in_takes_its_members_email_as_ezkey(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore accounts = new AccountStore(database);
            AccountStore.NewSignup signup = signup("grace@example.com");
            accounts.create(signup);
            accounts.setEmailEzkey(signup.accountId(), true, 0L);

            assertEquals(signup.accountId(), accounts.findByEzkey("Grace@Example.com").orElseThrow().id());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_second_signup_with_the_same_email_is_refused_and_writes_nothing(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore accounts = new AccountStore(database);
            accounts.create(signup("linus@example.com"));
            AccountStore.NewSignup second = signup("linus@example.com");

            assertThrows(AccountStore.EmailTakenException.class, () -> accounts.create(second));
            assertTrue(accounts.findByEzkey(second.ezkey()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stat_names_are_case_sensitive_and_a_deleted_name_can_be_created_again(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long accountId = newAccount(database);
            StatStore stats = new StatStore(database);

            Stat lower = stats.createOrGet(accountId, "signups", true, NOW);
            Stat upper = stats.createOrGet(accountId, "Signups", false, NOW);
            assertNotEquals(lower.id(), upper.id());
            assertEquals(lower.id(), stats.createOrGet(accountId, "signups", false, NOW).id(),
                    "the first kind posted wins");
            assertTrue(stats.findLive(accountId, "signups").orElseThrow().counter());

            assertTrue(stats.softDelete(accountId, lower.id(), NOW));
            assertFalse(stats.softDelete(accountId, lower.id(), NOW), "already in the trash");
            Stat again = stats.createOrGet(accountId, "signups", true, NOW + 1);
            assertNotEquals(lower.id(), again.id());
            assertEquals(List.of("Signups", "signups"),
                    stats.listLive(accountId, 0, 10).stream().map(Stat::name).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unicode_names_survive_the_round_trip(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long accountId = newAccount(database);
            StatStore stats = new StatStore(database);
            String name = "Anmeldungen ü 日本 🚀";
            Stat stat = stats.createOrGet(accountId, name, true, NOW);
            assertEquals(name, stats.findLiveByKey(stat.key()).orElseThrow().name());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void buckets_merge_with_stored_ones_and_the_checkpoint_moves_with_them(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            BucketStore buckets = new BucketStore(database);
            long statId = Ids.next();
            assertEquals(BucketStore.NO_CHECKPOINT, buckets.checkpoint("node-a"));

            buckets.add(List.of(new StatBucket(statId, Resolution.MINUTE, new Bucket(60, 2, 5, 1, 4, 17))),
                    "node-a", 7, NOW);
            buckets.add(List.of(new StatBucket(statId, Resolution.MINUTE, new Bucket(60, 1, 10, 10, 10, 100)),
                    new StatBucket(statId, Resolution.MINUTE, new Bucket(120, 1, -3, -3, -3, 9))), "node-a", 9, NOW);

            assertEquals(List.of(new Bucket(60, 3, 15, 1, 10, 117), new Bucket(120, 1, -3, -3, -3, 9)),
                    buckets.read(statId, Resolution.MINUTE, 0, 1_000));
            assertEquals(List.of(), buckets.read(statId, Resolution.HOUR, 0, 1_000));
            assertEquals(9, buckets.checkpoint("node-a"));
            assertEquals(BucketStore.NO_CHECKPOINT, buckets.checkpoint("node-b"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_batch_larger_than_one_statement_is_written_whole(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            BucketStore buckets = new BucketStore(database);
            long statId = Ids.next();
            List<StatBucket> rows = new ArrayList<>();
            int count = BucketStore.BATCH_ROWS * 2 + 17;
            for (int i = 0; i < count; i++) {
                rows.add(new StatBucket(statId, Resolution.MINUTE, Bucket.of(i * 60L, i)));
            }
            buckets.add(rows, "node", 1, NOW);
            buckets.add(rows, "node", 2, NOW);

            List<Bucket> stored = buckets.read(statId, Resolution.MINUTE, 0, Long.MAX_VALUE);
            assertEquals(count, stored.size());
            assertEquals(new Bucket(60L * 100, 2, 200, 100, 100, 20_000), stored.get(100));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_read_takes_buckets_from_its_start_up_to_its_end_and_gives_its_connection_back(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            BucketStore buckets = new BucketStore(database);
            long statId = Ids.next();
            buckets.add(List.of(new StatBucket(statId, Resolution.MINUTE, new Bucket(60, 1, 1.5, 1.5, 1.5, 2.25)),
                    new StatBucket(statId, Resolution.MINUTE, new Bucket(120, 2, 5, 2, 3, 13)),
                    new StatBucket(statId, Resolution.MINUTE, new Bucket(180, 1, 7, 7, 7, 49)),
                    new StatBucket(statId, Resolution.HOUR, new Bucket(0, 4, 13.5, 1.5, 7, 64.25))), "node", 1, NOW);

            // Each read returns its pooled connection: far more reads than the pool holds all succeed.
            for (int i = 0; i < db.settings().databasePoolSize() * 3; i++) {
                assertEquals(List.of(new Bucket(120, 2, 5, 2, 3, 13)), buckets.read(statId, Resolution.MINUTE, 120, 180));
            }
            assertEquals(List.of(new Bucket(60, 1, 1.5, 1.5, 1.5, 2.25), new Bucket(120, 2, 5, 2, 3, 13)),
                    buckets.read(statId, Resolution.MINUTE, 0, 180));
            assertEquals(List.of(), buckets.read(Ids.next(), Resolution.MINUTE, 0, Long.MAX_VALUE));
        }
    }

    private static long newAccount(Database database) {
        AccountStore.NewSignup signup = signup("u" + Ids.next() + "@example.com");
        new AccountStore(database).create(signup);
        return signup.accountId();
    }

    static AccountStore.NewSignup signup(String email) {
        return new AccountStore.NewSignup(Ids.next(), email.toLowerCase(java.util.Locale.ROOT), "hash", Ids.next(),
                "ez" + Ids.next(), "uk" + Ids.next(), Ids.next(), "default", "tok" + Ids.next(), NOW);
    }
}
