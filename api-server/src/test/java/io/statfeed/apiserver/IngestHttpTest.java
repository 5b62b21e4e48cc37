package io.statfeed.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.apiserver.directory.AccountDirectory;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.testing.Backend;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What StatHat clients send, over real HTTP, stored on both backends. */
class IngestHttpTest {
    private static final String OK = "{\"status\":200,\"msg\":\"ok\"}";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_form_post_creates_the_counter_and_stores_the_count(Backend backend) throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir)) {
            HttpResponse<String> answer = api.form("/ez", "stat=signups&ezkey=" + api.account.ezkey() + "&count=1");
            assertEquals(200, answer.statusCode());
            assertEquals(OK, answer.body());
            api.form("/ez", "stat=signups&ezkey=" + api.account.ezkey() + "&count=2.0");

            assertEquals(3.0, api.storedTotal("signups", 3.0));
            assertTrue(api.stat("signups").counter());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void values_keep_count_min_max_and_sum_of_squares_in_minute_hour_and_day_buckets(Backend backend)
            throws Exception {
        Duration coarseInterval = Duration.ofMillis(300);
        try (ApiHarness api = new ApiHarness(backend, dataDir,
                s -> s.withIngest(s.ingest().withCoarseFlushInterval(coarseInterval)))) {
            long t = 1_700_000_000L; // a minute, hour and day boundary apart from nothing: 2023-11-14T22:13:20Z
            for (double v : new double[] {0.5, 2.5, 1.0}) {
                api.form("/ez", "stat=load&ezkey=" + api.account.ezkey() + "&value=" + v + "&t=" + t);
            }
            api.storedTotal("load", 4.0);

            Bucket expected = new Bucket(0, 3, 4.0, 0.5, 2.5, 0.25 + 6.25 + 1.0);
            assertEquals(List.of(expected.withStart(Resolution.MINUTE.bucketStart(t))), api.buckets("load", Resolution.MINUTE));
            // Hours and days are written apart from minutes, at most one coarse interval later.
            ApiHarness.awaitTrue(() -> !api.buckets("load", Resolution.DAY).isEmpty(), coarseInterval.multipliedBy(10));
            assertEquals(List.of(expected.withStart(Resolution.HOUR.bucketStart(t))), api.buckets("load", Resolution.HOUR));
            assertEquals(List.of(expected.withStart(Resolution.DAY.bucketStart(t))), api.buckets("load", Resolution.DAY));
            assertFalse(api.stat("load").counter());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_json_batch_stores_the_good_points_and_lists_the_rejected_ones(Backend backend) throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir)) {
            HttpResponse<String> answer = api.json("{\"ezkey\":\"" + api.account.ezkey() + "\",\"data\":["
                    + "{\"stat\":\"page view\",\"count\":2},"
                    + "{\"stat\":\"load\",\"value\":0.73,\"t\":1700000000},"
                    + "{\"stat\":\"bad\",\"count\":\"lots\"},"
                    + "{\"stat\":\"page view\",\"count\":3,\"t\":1700000000.9},"
                    + "{\"count\":1}]}");

            assertEquals(200, answer.statusCode());
            assertEquals("{\"status\":200,\"msg\":\"stored 3 of 5 data points\",\"rejected\":["
                    + "{\"index\":2,\"status\":400,\"msg\":\"count is not a number: 'lots'\"},"
                    + "{\"index\":4,\"status\":400,\"msg\":\"stat is missing\"}]}", answer.body());
            assertEquals(5.0, api.storedTotal("page view", 5.0));
            assertEquals(0.73, api.storedTotal("load", 0.73));
            assertFalse(api.hasStat("bad"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_classic_api_posts_by_per_stat_key_with_or_without_the_ukey(Backend backend) throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir)) {
            api.form("/ez", "stat=clicks&ezkey=" + api.account.ezkey() + "&count=1");
            api.form("/ez", "stat=temp&ezkey=" + api.account.ezkey() + "&value=20");
            api.storedTotal("temp", 20);
            Stat clicks = api.stat("clicks");
            Stat temp = api.stat("temp");

            assertEquals(OK, api.form("/c", "ukey=" + api.account.ukey() + "&key=" + clicks.key() + "&count=4").body());
            assertEquals(OK, api.get("/c?key=" + clicks.key() + "&count=5").body());
            assertEquals(OK, api.form("/v", "ukey=" + api.account.ukey() + "&key=" + temp.key() + "&value=22").body());

            assertEquals(10.0, api.storedTotal("clicks", 10.0));
            assertEquals(42.0, api.storedTotal("temp", 42.0));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_tilde_fans_one_point_out_to_each_named_stat(Backend backend) throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir)) {
            assertEquals(OK, api.form("/ez", "stat=messages sent~total,female,female-us&ezkey="
                    + api.account.ezkey() + "&count=2").body());

            for (String name : List.of("messages sent total", "messages sent female", "messages sent female-us")) {
                assertEquals(2.0, api.storedTotal(name, 2.0), name);
            }
            assertFalse(api.hasStat("messages sent"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_fractional_time_puts_the_point_in_the_minute_it_names(Backend backend) throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir)) {
            api.form("/ez", "stat=late&ezkey=" + api.account.ezkey() + "&count=1&t=1700000039.99");
            api.form("/ez", "stat=late&ezkey=" + api.account.ezkey() + "&count=1&t=1700000040.01");
            api.storedTotal("late", 2.0);

            assertEquals(List.of(1_699_999_980L, 1_700_000_040L),
                    api.buckets("late", Resolution.MINUTE).stream().map(Bucket::start).toList());
        }
    }

    /** Storage's lookup by email runs on both backends in StorageTest; this is the path over HTTP. */
    @Test
    void a_members_email_works_as_ezkey_only_after_the_account_opts_in() throws Exception {
        try (ApiHarness api = new ApiHarness(Backend.EMBEDDED, dataDir)) {
            String byEmail = "stat=migrated&ezkey=" + api.account.email() + "&count=1";
            assertEquals(401, api.form("/ez", byEmail).statusCode(), "the email is no key by default");

            new AccountStore(api.database).setEmailEzkey(api.account.accountId(), true, System.currentTimeMillis());
            Thread.sleep(AccountDirectory.UNKNOWN_KEY_TTL.toMillis()); // the refusal above is remembered briefly

            assertEquals(OK, api.form("/ez", byEmail).body());
            assertEquals(1.0, api.storedTotal("migrated", 1.0));
        }
    }
}
