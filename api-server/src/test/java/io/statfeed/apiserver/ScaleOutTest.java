package io.statfeed.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.DirectoryChanges;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two api-servers on one database, as in a cluster: a change made elsewhere (a stat deleted, the
 * email opt-out, a key replaced) is honoured by both within a second, and the new-stats limit holds for the
 * account across both and across restarts.
 */
class ScaleOutTest {
    /** The target for a change to be honoured by every api-server. */
    private static final long HONOUR_LIMIT_MILLIS = 1_000;
    private static final int NEW_STATS_PER_MINUTE = 10;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_deleted_stat_takes_no_more_data_on_either_api_server_within_a_second(Backend backend) throws Exception {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore.NewSignup account = ApiHarness.signup(database);
            try (ApiServer a = start(db.settings(), "a", database); ApiServer b = start(db.settings(), "b", database)) {
                for (ApiServer server : List.of(a, b)) {
                    assertEquals(200, post(server, "/ez", "stat=hits&ezkey=" + account.ezkey() + "&count=1"));
                }
                Stat hits = new StatStore(database).findLive(account.accountId(), "hits").orElseThrow();
                String byKey = "key=" + hits.key() + "&ukey=" + account.ukey() + "&count=1";
                for (ApiServer server : List.of(a, b)) {
                    assertEquals(200, post(server, "/c", byKey), "both hold the stat's key");
                }

                long started = System.nanoTime();
                assertTrue(new StatStore(database).softDelete(account.accountId(), hits.id(), System.currentTimeMillis()));
                long honouredMillis = awaitHonoured(database, account.accountId());
                System.out.printf("a deleted stat was honoured by both api-servers in %d ms (%s)%n", honouredMillis,
                        backend);
                assertTrue(honouredMillis < HONOUR_LIMIT_MILLIS, "honoured in " + honouredMillis + " ms");
                long refusedMillis = (System.nanoTime() - started) / 1_000_000;

                for (ApiServer server : List.of(a, b)) {
                    assertEquals(404, post(server, "/c", byKey), "the deleted stat's key takes nothing");
                    assertEquals(200, post(server, "/ez", "stat=hits&ezkey=" + account.ezkey() + "&count=1"));
                }
                Stat again = new StatStore(database).findLive(account.accountId(), "hits").orElseThrow();
                assertNotEquals(hits.id(), again.id(), "posting the name again makes a new stat, as StatHat does");
                a.close();
                b.close();
                assertEquals(4.0, total(database, hits), "the deleted stat holds what was acknowledged before, "
                        + refusedMillis + " ms after the delete every post was refused");
                assertEquals(2.0, total(database, again));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_email_opt_out_is_honoured_by_both_api_servers_within_a_second(Backend backend) throws Exception {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore.NewSignup account = ApiHarness.signup(database);
            AccountStore accounts = new AccountStore(database);
            String byEmail = "stat=migrated&ezkey=" + URLEncoder.encode(account.email(), StandardCharsets.UTF_8)
                    + "&count=1";
            try (ApiServer a = start(db.settings(), "a", database); ApiServer b = start(db.settings(), "b", database)) {
                for (ApiServer server : List.of(a, b)) {
                    assertEquals(401, post(server, "/ez", byEmail), "the email is no key by default");
                }
                accounts.setEmailEzkey(account.accountId(), true, System.currentTimeMillis());
                assertTrue(awaitHonoured(database, account.accountId()) < HONOUR_LIMIT_MILLIS);
                for (ApiServer server : List.of(a, b)) {
                    assertEquals(200, post(server, "/ez", byEmail), "the refusal a moment ago is forgotten");
                }

                accounts.setEmailEzkey(account.accountId(), false, System.currentTimeMillis());
                long honouredMillis = awaitHonoured(database, account.accountId());
                assertTrue(honouredMillis < HONOUR_LIMIT_MILLIS, "honoured in " + honouredMillis + " ms");
                for (ApiServer server : List.of(a, b)) {
                    assertEquals(401, post(server, "/ez", byEmail), "opted out: the email takes nothing");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_replaced_ezkey_is_refused_by_both_api_servers_within_a_second(Backend backend) throws Exception {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore.NewSignup account = ApiHarness.signup(database);
            try (ApiServer a = start(db.settings(), "a", database); ApiServer b = start(db.settings(), "b", database)) {
                for (ApiServer server : List.of(a, b)) {
                    assertEquals(200, post(server, "/ez", "stat=hits&ezkey=" + account.ezkey() + "&count=1"));
                }
                new AccountStore(database).replaceKey(account.accountId(), AccountStore.Key.EZKEY, "ez-new-"
                        + account.accountId(), System.currentTimeMillis());
                long honouredMillis = awaitHonoured(database, account.accountId());
                assertTrue(honouredMillis < HONOUR_LIMIT_MILLIS, "honoured in " + honouredMillis + " ms");
                for (ApiServer server : List.of(a, b)) {
                    assertEquals(401, post(server, "/ez", "stat=hits&ezkey=" + account.ezkey() + "&count=1"),
                            "the leaked key takes nothing");
                    assertEquals(200, post(server, "/ez", "stat=hits&ezkey=ez-new-" + account.accountId() + "&count=1"));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_new_stats_limit_holds_for_the_account_across_api_servers_and_restarts(Backend backend) throws Exception {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore.NewSignup account = ApiHarness.signup(database);
            Settings limited = db.settings().withIngestLimits(db.settings().ingest().bufferLimit(), NEW_STATS_PER_MINUTE);
            int accepted = 0;
            try (ApiServer a = start(limited, "a", database); ApiServer b = start(limited, "b", database)) {
                for (int i = 0; i < NEW_STATS_PER_MINUTE; i++) {
                    for (ApiServer server : List.of(a, b)) {
                        accepted += post(server, "/ez", "stat=new+" + server.port() + "+" + i + "&ezkey="
                                + account.ezkey() + "&count=1") == 200 ? 1 : 0;
                    }
                }
            }
            assertEquals(NEW_STATS_PER_MINUTE, accepted, "one allowance for the account, whichever server is asked");
            try (ApiServer restarted = start(limited, "a", database)) {
                assertEquals(429, post(restarted, "/ez", "stat=after+restart&ezkey=" + account.ezkey() + "&count=1"),
                        "a restart does not refill the allowance");
            }
            assertEquals(NEW_STATS_PER_MINUTE, new StatStore(database).allLive(account.accountId()).size());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "EMBEDDED")
    void adopting_a_folder_that_holds_no_journal_is_refused_saying_so(Backend backend) throws Exception {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            Path empty = Files.createDirectories(dataDir.resolve("not-an-api-server"));
            Settings own = db.settings().withDataDir(dataDir.resolve("a")).withPorts(0, 0);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ApiServer.start(own, database, List.of(empty)));
            assertTrue(refused.getMessage().startsWith("there is no api-server journal to adopt in " + empty),
                    refused.getMessage());
            try (ApiServer again = ApiServer.start(own, database)) {
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.port()
                        + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                        "the refused start gave its own journal back");
            }
        }
    }

    private ApiServer start(Settings settings, String name, Database database) {
        return ApiServer.start(settings.withDataDir(dataDir.resolve(name)).withPorts(0, 0), database);
    }

    /** Waits until every running api-server acknowledged the account's latest change; how long it took. */
    private static long awaitHonoured(Database database, long accountId) throws InterruptedException {
        DirectoryChanges changes = new DirectoryChanges(database);
        long change = changes.latestOf(accountId).orElseThrow();
        long started = System.nanoTime();
        while (!changes.unconfirmedBy(change, System.currentTimeMillis()).isEmpty()) {
            if (System.nanoTime() - started > 10_000_000_000L) {
                throw new AssertionError("not honoured in 10 s by " + changes.unconfirmedBy(change, System.currentTimeMillis()));
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private int post(ApiServer server, String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static double total(Database database, Stat stat) {
        return new BucketStore(database).read(stat.id(), Resolution.MINUTE, 0, Long.MAX_VALUE).stream()
                .mapToDouble(Bucket::total).sum();
    }
}
