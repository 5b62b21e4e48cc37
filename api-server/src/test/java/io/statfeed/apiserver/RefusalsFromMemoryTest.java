package io.statfeed.apiserver;

import static io.statfeed.core.storage.schema.Tables.STATS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.apiserver.directory.UnknownKeyLimit;
import io.statfeed.core.testing.Backend;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the api-server refuses (new stats past the limit, keys it has found missing, bad numbers)
 * it refuses from memory: with the stats table gone from storage, the answers stay the same 4xx,
 * never a 503 from a query that failed. And a flood of made-up keys from one address is cut
 * short with 429s while the keys that address uses keep working.
 */
class RefusalsFromMemoryTest {
    private static final int NEW_STATS_PER_MINUTE = 3;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusals_are_answered_without_storage(Backend backend) throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir,
                s -> s.withIngestLimits(s.ingest().bufferLimit(), NEW_STATS_PER_MINUTE))) {
            String ez = api.account.ezkey();
            for (int i = 0; i < NEW_STATS_PER_MINUTE; i++) {
                assertEquals(200, api.form("/ez", "ezkey=" + ez + "&stat=held " + i + "&count=1").statusCode());
            }
            assertEquals(404, api.form("/c", "key=no-such-key&count=1").statusCode());

            api.database.dsl().alterTable(STATS).renameTo(DSL.name("stats_offline")).execute();
            try {
                assertAnswer(api.form("/ez", "ezkey=" + ez + "&stat=brand new&count=1"), 429,
                        "too many new stats: at most 3 may be created per minute");
                assertAnswer(api.form("/c", "key=no-such-key&count=1"), 404, "no stat has key 'no-such-key'");
                assertAnswer(api.form("/ez", "ezkey=" + ez + "&stat=held 0&count=lots"), 400,
                        "count is not a number: 'lots'");
                assertAnswer(api.form("/ez", "ezkey=" + ez + "&stat=held 0&count=2"), 200, "ok");
            } finally {
                api.database.dsl().alterTable(DSL.name("stats_offline")).renameTo(STATS.getUnqualifiedName()).execute();
            }
            assertEquals(3.0, api.storedTotal("held 0", 3.0));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "EMBEDDED")
    void a_flood_of_unknown_keys_from_one_address_gets_429s_while_its_known_keys_keep_working(Backend backend)
            throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir)) {
            String ez = api.account.ezkey();
            assertEquals(200, api.form("/ez", "ezkey=" + ez + "&stat=before the flood&count=1").statusCode());
            int unknown = 0;
            int limited = 0;
            long started = System.nanoTime();
            for (int i = 0; i < UnknownKeyLimit.BURST * 2; i++) {
                HttpResponse<String> answer = api.form("/ez", "ezkey=made-up-" + i + "&stat=x&count=1");
                if (answer.statusCode() == 401) {
                    unknown++;
                } else {
                    assertAnswer(answer, 429, "too many unknown keys from this address");
                    assertEquals("1", answer.headers().firstValue("Retry-After").orElse(null));
                    limited++;
                }
            }
            // The allowance refills while the flood is sent: a slow machine earns it more lookups.
            long refills = UnknownKeyLimit.PER_SECOND * (1 + (System.nanoTime() - started) / 1_000_000_000L);
            assertTrue(unknown >= UnknownKeyLimit.BURST && unknown < UnknownKeyLimit.BURST + refills,
                    "storage was asked about " + unknown + " unknown keys");
            assertTrue(limited > 0, "the flood was never cut short");
            assertEquals(200, api.form("/ez", "ezkey=" + ez + "&stat=before the flood&count=1").statusCode());
            assertEquals(2.0, api.storedTotal("before the flood", 2.0));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "EMBEDDED")
    void many_new_clients_with_good_keys_behind_one_address_are_all_taken(Backend backend) throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir)) {
            for (int i = 0; i < UnknownKeyLimit.BURST * 2; i++) {
                String ezkey = ApiHarness.signup(api.database).ezkey(); // never seen by the api-server before
                assertAnswer(api.form("/ez", "ezkey=" + ezkey + "&stat=first&count=1"), 200, "ok");
            }
        }
    }

    private static void assertAnswer(HttpResponse<String> answer, int status, String msgStart) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.body().startsWith("{\"status\":" + status + ",\"msg\":\"" + msgStart), answer.body());
    }
}
