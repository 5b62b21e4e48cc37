package io.statfeed.webapp;

import static io.statfeed.webapp.Http.assertError;
import static io.statfeed.webapp.TestServer.NOW_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.Http.Reply;
import java.nio.file.Path;
import java.util.List;
import io.statfeed.webapp.http.ErrorMapping;
import io.statfeed.webapp.http.Requests;
import org.junit.jupiter.api.Test;
import io.statfeed.webapp.http.ErrorMapping;
import io.statfeed.webapp.http.Requests;
import org.junit.jupiter.api.io.TempDir;
import io.statfeed.webapp.http.ErrorMapping;
import io.statfeed.webapp.http.Requests;
import org.junit.jupiter.params.ParameterizedTest;
import io.statfeed.webapp.http.ErrorMapping;
import io.statfeed.webapp.http.Requests;
import org.junit.jupiter.params.provider.EnumSource;

class WebServerTest {
    /** Start of the 1h10m window that ends with the interval holding NOW_SECONDS. */
    private static final long WINDOW_START = 1_699_996_800L;

    @TempDir
    Path dataDir;

    @Test
    void the_health_check_answers_ok_on_the_port_it_bound() {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir)) {
            assertTrue(test.server.port() > 0);
            Reply reply = test.http.get("/healthz");
            assertEquals(200, reply.status());
            assertEquals("application/json;charset=utf-8", reply.contentType());
            assertEquals("{\"status\":200,\"msg\":\"ok\"}", reply.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_new_user_signs_up_and_reads_an_empty_stat_list_with_the_token_it_got(Backend backend) {
        try (TestServer test = new TestServer(backend, dataDir)) {
            Reply reply = test.http.signUp("Ada@Example.com", "correct horse");

            assertEquals(201, reply.status(), reply.body());
            JsonNode json = reply.json();
            assertEquals(List.of("account_id", "email", "ezkey", "ukey", "access_token"),
                    iterableToList(json.fieldNames()));
            assertTrue(json.get("account_id").isTextual());
            assertEquals("ada@example.com", json.get("email").textValue());
            assertNotEquals(json.get("ezkey").textValue(), json.get("ukey").textValue());

            Reply list = test.http.get("/x/" + json.get("access_token").textValue() + "/statlist");
            assertEquals(200, list.status());
            assertEquals("[]", list.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void signing_up_twice_with_one_email_is_a_conflict(Backend backend) {
        try (TestServer test = new TestServer(backend, dataDir)) {
            assertEquals(201, test.http.signUp("grace@example.com", "correct horse").status());
            assertError(test.http.signUp("GRACE@example.com", "another one"), 409,
                    "an account with email grace@example.com exists already");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_export_script_lists_finds_reads_and_deletes_a_stat(Backend backend) {
        try (TestServer test = new TestServer(backend, dataDir)) {
            JsonNode ada = test.http.signUp("ada@example.com", "correct horse").json();
            String token = ada.get("access_token").textValue();
            long accountId = Long.parseLong(ada.get("account_id").textValue());
            StatStore stats = new StatStore(test.database);
            Stat signups = stats.createOrGet(accountId, "signups", true, test.clock.millis());
            Stat load = stats.createOrGet(accountId, "load", false, test.clock.millis());
            new BucketStore(test.database).add(List.of(
                    new StatBucket(signups.id(), Resolution.MINUTE, new Bucket(WINDOW_START + 60, 3, 3, 1, 1, 3)),
                    new StatBucket(load.id(), Resolution.MINUTE, Bucket.of(WINDOW_START + 600, 0.5))),
                    "test", 1, test.clock.millis());
            String signupsJson = "{\"id\":\"" + signups.id() + "\",\"name\":\"signups\",\"public\":false,"
                    + "\"counter\":true,\"key\":\"" + signups.key() + "\"}";
            String loadJson = "{\"id\":\"" + load.id() + "\",\"name\":\"load\",\"public\":false,"
                    + "\"counter\":false,\"key\":\"" + load.key() + "\"}";

            assertEquals("[" + loadJson + "," + signupsJson + "]", test.http.get("/x/" + token + "/statlist").body());
            assertEquals("[]", test.http.get("/x/" + token + "/statlist?offset=2").body());
            assertEquals(signupsJson, test.http.get("/x/" + token + "/stat?name=signups").body());

            Reply data = test.http.get("/x/" + token + "/data/" + signups.id() + "/" + load.id() + "?t=1h10m");
            assertEquals(200, data.status(), data.body());
            StringBuilder counterPoints = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                counterPoints.append(i == 0 ? "" : ",").append("{\"time\":").append(WINDOW_START + i * 600L)
                        .append(",\"value\":").append(i == 0 ? "3" : "0").append("}");
            }
            assertEquals("[{\"name\":\"signups\",\"timeframe\":\"1 hour @ 10 minutes\",\"points\":[" + counterPoints
                    + "]},{\"name\":\"load\",\"timeframe\":\"1 hour @ 10 minutes\",\"points\":[{\"time\":"
                    + (WINDOW_START + 600)
                    + ",\"value\":0.5}]}]", data.body());
            assertEquals("[{\"name\":\"load\",\"timeframe\":\"20 minutes @ 10 minutes\",\"points\":[{\"time\":"
                            + (WINDOW_START + 600)
                            + ",\"value\":0.5}]}]",
                    test.http.get("/x/" + token + "/data/" + load.id() + "?t=20m10m&start=" + WINDOW_START).body());

            Reply deleted = test.http.delete("/x/" + token + "/stats/" + signups.id());
            assertEquals(200, deleted.status());
            assertEquals("{\"msg\":\"stat deleted.\"}", deleted.body());
            assertError(test.http.get("/x/" + token + "/stat?name=signups"), 404, "no stat named 'signups'");
            assertError(test.http.delete("/x/" + token + "/stats/" + signups.id()), 404, "no stat with id");
            assertEquals("[" + loadJson + "]", test.http.get("/x/" + token + "/statlist").body());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_revoked_token_is_refused_and_another_accounts_stat_is_not_found(Backend backend) {
        try (TestServer test = new TestServer(backend, dataDir)) {
            JsonNode ada = test.http.signUp("ada@example.com", "correct horse").json();
            JsonNode eve = test.http.signUp("eve@example.com", "correct horse").json();
            Stat adas = new StatStore(test.database).createOrGet(Long.parseLong(ada.get("account_id").textValue()),
                    "secret", true, test.clock.millis());
            String eveToken = eve.get("access_token").textValue();

            assertError(test.http.get("/x/" + eveToken + "/data/" + adas.id() + "?t=1d1h"), 404, "no stat with id");
            assertError(test.http.delete("/x/" + eveToken + "/stats/" + adas.id()), 404, "no stat with id");
            assertError(test.http.get("/x/" + eveToken + "/stat?name=secret"), 404, "no stat named 'secret'");

            new AccountStore(test.database).revokeAccessToken(eveToken, test.clock.millis());
            assertError(test.http.get("/x/" + eveToken + "/statlist"), 401, "access token is unknown or revoked");
        }
    }

    @Test
    void a_fault_inside_answers_a_generic_500_that_tells_nothing_of_the_internals() {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir)) {
            test.database.close(); // every query now fails inside the server

            Reply reply = test.http.get("/x/some-token/statlist");

            assertEquals(500, reply.status());
            assertEquals("{\"status\":500,\"msg\":\"" + ErrorMapping.INTERNAL_ERROR_MESSAGE + "\"}", reply.body());
        }
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    static { // the data window used above is the one the fixed clock implies
        assertEquals(WINDOW_START, (NOW_SECONDS / 600 + 1) * 600 - 3_600);
    }
}
