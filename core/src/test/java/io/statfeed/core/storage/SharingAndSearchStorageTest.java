package io.statfeed.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.AccessToken;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.User;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The StatStore, BucketStore and AccountStore reads and writes behind the web pages. */
class SharingAndSearchStorageTest {
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_search_matches_a_substring_of_live_names_ignoring_case_a_page_at_a_time(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            long bob = newAccount(database);
            StatStore stats = new StatStore(database);
            for (String name : List.of("API requests", "api errors", "Signups", "rapid fire", "Käse API")) {
                stats.createOrGet(ada, name, true, NOW);
            }
            Stat deleted = stats.createOrGet(ada, "api old", true, NOW);
            stats.softDelete(ada, deleted.id(), NOW);
            stats.createOrGet(bob, "api of bob", true, NOW);

            assertEquals(List.of("API requests", "Käse API", "api errors", "rapid fire"), names(stats.searchLive(ada, "aPi", 0, 10)));
            assertEquals(List.of("Käse API", "api errors"), names(stats.searchLive(ada, "api", 1, 2)));
            assertEquals(List.of("Käse API"), names(stats.searchLive(ada, "KÄSE", 0, 10)));
            assertEquals(6 - 1, stats.searchLive(ada, "", 0, 10).size(), "an empty query matches every live stat");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void like_wildcards_in_a_search_match_only_themselves(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            StatStore stats = new StatStore(database);
            for (String name : List.of("100% done", "1000 done", "a_b", "axb", "wow!", "wow", "back\\slash", "quote's")) {
                stats.createOrGet(ada, name, true, NOW);
            }

            assertEquals(List.of("100% done"), names(stats.searchLive(ada, "0%", 0, 10)));
            assertEquals(List.of("a_b"), names(stats.searchLive(ada, "a_", 0, 10)));
            assertEquals(List.of("wow!"), names(stats.searchLive(ada, "w!", 0, 10)));
            assertEquals(List.of("back\\slash"), names(stats.searchLive(ada, "k\\s", 0, 10)));
            assertEquals(List.of("quote's"), names(stats.searchLive(ada, "'", 0, 10)));
            assertEquals(List.of("100% done"), names(stats.searchLive(ada, "%", 0, 10)));
            assertEquals(List.of("a_b"), names(stats.searchLive(ada, "_", 0, 10)));
        }
    }

    @Test
    void the_search_pattern_escapes_wildcards_and_the_escape_character() {
        assertEquals("%%", StatStore.containsPattern(""));
        assertEquals("%a!%b!_c!!d\\%", StatStore.containsPattern("a%b_c!d\\"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void only_a_public_live_stat_is_found_by_id_for_visitors(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            long bob = newAccount(database);
            StatStore stats = new StatStore(database);
            Stat stat = stats.createOrGet(ada, "signups", true, NOW);

            assertTrue(stats.findLivePublic(stat.id()).isEmpty(), "private by default");
            assertFalse(stats.setPublic(bob, stat.id(), true), "not bob's to publish");
            assertTrue(stats.setPublic(ada, stat.id(), true));
            assertTrue(stats.findLivePublic(stat.id()).orElseThrow().isPublic());
            assertTrue(stats.setPublic(ada, stat.id(), false));
            assertTrue(stats.findLivePublic(stat.id()).isEmpty());

            stats.setPublic(ada, stat.id(), true);
            stats.softDelete(ada, stat.id(), NOW);
            assertTrue(stats.findLivePublic(stat.id()).isEmpty(), "not once it is in the trash");
            assertFalse(stats.setPublic(ada, stat.id(), false));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_share_token_opens_its_live_stat_until_it_is_replaced_or_cleared(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long ada = newAccount(database);
            long bob = newAccount(database);
            StatStore stats = new StatStore(database);
            Stat stat = stats.createOrGet(ada, "signups", true, NOW);
            Stat other = stats.createOrGet(ada, "other", true, NOW);
            assertEquals(Optional.empty(), stats.shareToken(ada, stat.id()));

            assertFalse(stats.setShareToken(bob, stat.id(), "bobsToken"));
            assertTrue(stats.setShareToken(ada, stat.id(), "firstToken"));
            assertEquals(Optional.of("firstToken"), stats.shareToken(ada, stat.id()));
            assertEquals(stat.id(), stats.findLiveByShareToken("firstToken").orElseThrow().id());
            assertTrue(stats.findLiveByShareToken("FIRSTTOKEN").isEmpty(), "tokens are case-sensitive");
            assertTrue(stats.findLiveByShareToken("firstToken ").isEmpty(), "trailing spaces count");
            assertTrue(stats.findLiveByShareToken("bobsToken").isEmpty());

            assertTrue(stats.setShareToken(ada, stat.id(), "secondToken"));
            assertTrue(stats.findLiveByShareToken("firstToken").isEmpty(), "replacing revokes the old link");
            assertTrue(stats.setShareToken(ada, other.id(), "otherToken"));
            assertTrue(stats.clearShareToken(ada, stat.id()));
            assertTrue(stats.findLiveByShareToken("secondToken").isEmpty());
            assertEquals(Optional.empty(), stats.shareToken(ada, stat.id()));
            assertEquals(other.id(), stats.findLiveByShareToken("otherToken").orElseThrow().id(),
                    "many stats without a token, one with");

            stats.softDelete(ada, other.id(), NOW);
            assertTrue(stats.findLiveByShareToken("otherToken").isEmpty(), "not once it is in the trash");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_newest_minute_bucket_tells_how_fresh_a_stat_is(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            BucketStore buckets = new BucketStore(database);
            long statId = Ids.next();
            assertEquals(Optional.empty(), buckets.newestMinuteStart(statId));

            buckets.add(List.of(new StatBucket(statId, Resolution.MINUTE, Bucket.of(120, 1)),
                    new StatBucket(statId, Resolution.MINUTE, Bucket.of(60, 1)),
                    new StatBucket(statId, Resolution.HOUR, Bucket.of(3_600, 1)),
                    new StatBucket(Ids.next(), Resolution.MINUTE, Bucket.of(600, 1))), "node", 1, NOW);

            assertEquals(Optional.of(120L), buckets.newestMinuteStart(statId));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_user_is_found_by_email_with_the_account_they_work_in(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore accounts = new AccountStore(database);
            AccountStore.NewSignup ada = StorageTest.signup("ada@example.com");
            accounts.create(ada);

            assertEquals(new User(ada.userId(), "ada@example.com", "hash", ada.accountId()),
                    accounts.findUserByEmail("ada@example.com").orElseThrow());
            assertTrue(accounts.findUserByEmail("bob@example.com").isEmpty());
            assertFalse(accounts.findUserByEmail("ada@example.com").orElseThrow().toString().contains("hash"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void access_tokens_are_listed_created_and_revoked_by_id_within_their_account(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore accounts = new AccountStore(database);
            AccountStore.NewSignup ada = StorageTest.signup("ada@example.com");
            AccountStore.NewSignup bob = StorageTest.signup("bob@example.com");
            accounts.create(ada);
            accounts.create(bob);

            AccountStore.NewAccessToken created = accounts.createAccessToken(ada.accountId(), Optional.empty(), "grafana", NOW + 1);
            assertEquals(ada.accountId(), accounts.findByAccessToken(created.secret()).orElseThrow().id());
            assertFalse(created.toString().contains(created.secret()));
            List<AccessToken> listed = accounts.accessTokens(ada.accountId());
            assertEquals(List.of("default", "grafana"), listed.stream().map(AccessToken::name).toList());
            assertEquals(created.token(), listed.get(1));
            assertEquals(2, accounts.countLiveAccessTokens(ada.accountId()));

            assertFalse(accounts.revokeAccessTokenById(bob.accountId(), created.token().id(), NOW + 2));
            assertTrue(accounts.findByAccessToken(created.secret()).isPresent(), "bob cannot revoke ada's token");
            assertTrue(accounts.revokeAccessTokenById(ada.accountId(), created.token().id(), NOW + 2));
            assertTrue(accounts.revokeAccessTokenById(ada.accountId(), created.token().id(), NOW + 3), "idempotent");
            assertTrue(accounts.findByAccessToken(created.secret()).isEmpty());
            assertEquals(Optional.of(NOW + 2), accounts.accessTokens(ada.accountId()).get(1).revokedAtMillis());
            assertEquals(1, accounts.countLiveAccessTokens(ada.accountId()));
            assertFalse(accounts.revokeAccessTokenById(ada.accountId(), Ids.next(), NOW));
        }
    }

    private static List<String> names(List<Stat> stats) {
        return stats.stream().map(Stat::name).toList();
    }

    private static long newAccount(Database database) {
        AccountStore.NewSignup signup = StorageTest.signup("u" + Ids.next() + "@example.com");
        new AccountStore(database).create(signup);
        return signup.accountId();
    }
}
