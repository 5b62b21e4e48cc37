package io.statfeed.apiserver;

import io.statfeed.core.testing.RawHttp;
import io.statfeed.http.SlowClients;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.testing.Backend;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed, oversized, missing and hostile input: always a 4xx in StatHat's JSON shape with a
 * message that says what was wrong; never a 5xx, a stack trace or a hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileIngestTest {
    private ApiHarness api;
    private Path dataDir;
    private String ez;

    @BeforeAll
    void start() throws IOException {
        dataDir = Files.createTempDirectory("statfeed-hostile");
        api = new ApiHarness(Backend.EMBEDDED, dataDir);
        ez = api.account.ezkey();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stat=x&count=1                                  | 400 | ezkey is missing",
            "ezkey=EZ&count=1                                | 400 | stat is missing",
            "ezkey=EZ&stat=x                                 | 400 | count or value is missing",
            "ezkey=EZ&stat=x&count=1&value=2                 | 400 | send count or value, not both",
            "ezkey=EZ&stat=x&count=abc                       | 400 | count is not a number: 'abc'",
            "ezkey=EZ&stat=x&count=NaN                       | 400 | count is not a number: 'NaN'",
            "ezkey=EZ&stat=x&count=Infinity                  | 400 | count is not a number: 'Infinity'",
            "ezkey=EZ&stat=x&count=0x10                      | 400 | count is not a number: '0x10'",
            "ezkey=EZ&stat=x&count=1e400                     | 400 | count must be a finite number between -1e15 and 1e15",
            "ezkey=EZ&stat=x&value=-2e15                     | 400 | value must be a finite number between -1e15 and 1e15",
            "ezkey=EZ&stat=x&count=                          | 400 | count is empty; send a number",
            "ezkey=EZ&stat=x&count=1&t=1700000000000         | 400 | t=1700000000000 is more than a day ahead; send unix seconds, not milliseconds",
            "ezkey=EZ&stat=x&count=1&t=-5                    | 400 | t=-5 is before the year 2000; send unix seconds",
            "ezkey=EZ&stat=x&count=1&t=yesterday             | 400 | t is not a number: 'yesterday'",
            "ezkey=EZ&stat=a~b~c&count=1                     | 400 | stat name may hold one '~' at most: 'a~b~c'",
            "ezkey=EZ&stat=a~ , ,&count=1                    | 400 | stat name 'a~ , ,' has no names after '~'",
            "ezkey=EZ&stat=%00evil&count=1                   | 400 | stat name may not contain control characters: '?evil'",
            "ezkey=nope&stat=x&count=1                       | 401 | unknown ezkey",
            "ezkey=' OR 1=1 --&stat=x&count=1                | 401 | unknown ezkey",
    })
    void a_bad_form_post_is_refused_with_the_reason(String form, int status, String msg) throws Exception {
        HttpResponse<String> answer = api.form("/ez", form.replace("EZ", ez));
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("{\"status\":" + status + ",\"msg\":\"" + msg + "\"}", answer.body());
    }

    @Test
    void a_stat_name_longer_than_255_characters_is_refused() throws Exception {
        HttpResponse<String> answer = api.form("/ez", "ezkey=" + ez + "&stat=" + "n".repeat(256) + "&count=1");
        assertRefused(answer, 400, "stat name is 256 characters long; at most 255 are allowed");
        assertEquals(200, api.form("/ez", "ezkey=" + ez + "&stat=" + "é".repeat(255) + "&count=1").statusCode(),
                "255 two-byte characters are 255 characters");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{                                        | 400 | malformed JSON",
            "[]                                       | 400 | the JSON body must be an object with ezkey and data",
            "{\"data\":[{\"stat\":\"x\",\"count\":1}]} | 400 | ezkey is missing",
            "{\"ezkey\":\"EZ\"}                       | 400 | data is missing: send an array of data points",
            "{\"ezkey\":\"EZ\",\"data\":[]}           | 400 | data is empty: send at least one data point",
            "{\"ezkey\":\"EZ\",\"data\":{}}           | 400 | data must be an array of data points",
            "{\"ezkey\":7,\"data\":[]}                | 400 | ezkey must be a string",
            "{\"ezkey\":\"EZ\",\"data\":[1,2]}        | 400 | none of the 2 data points was stored",
            "{\"ezkey\":\"EZ\",\"data\":[{\"stat\":\"x\",\"count\":1}]} trailing | 400 | malformed JSON",
    })
    void a_bad_json_batch_is_refused_with_the_reason(String body, int status, String msgStart) throws Exception {
        HttpResponse<String> answer = api.json(body.replace("EZ", ez));
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.body().startsWith("{\"status\":" + status + ",\"msg\":\"" + msgStart), answer.body());
    }

    @Test
    void deeply_nested_json_is_refused_without_harm() throws Exception {
        String deep = "{\"ezkey\":\"" + ez + "\",\"data\":[{\"stat\":\"x\",\"count\":1,\"junk\":"
                + "[".repeat(10_000) + "]".repeat(10_000) + "}]}";
        assertRefused(api.json(deep), 400, "malformed JSON");
    }

    @Test
    void a_batch_of_more_than_a_thousand_points_is_refused_whole() throws Exception {
        StringBuilder body = new StringBuilder("{\"ezkey\":\"" + ez + "\",\"data\":[");
        for (int i = 0; i <= 1_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"stat\":\"big batch\",\"count\":1}");
        }
        assertRefused(api.json(body.append("]}").toString()), 413, "a batch may hold at most 1000 data points");
        assertFalse(api.hasStat("big batch"), "nothing of a refused batch is stored");
    }

    @Test
    void a_body_over_one_mebibyte_is_refused_unread() throws Exception {
        byte[] huge = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertRefused(api.post("/ez", "application/x-www-form-urlencoded", huge), 413, "the body is 1048577 bytes");
    }

    @Test
    void a_chunked_body_over_the_limit_is_refused_too() throws Exception {
        String chunk = "a".repeat(64 * 1024);
        StringBuilder request = new StringBuilder("POST /ez HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 17; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        RawHttp.Answer answer = RawHttp.send(api.server.port(), request.toString());
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.body().contains("larger than 1048576 bytes"), answer.body());
    }

    @Test
    void a_value_posted_to_a_counter_is_refused_naming_the_kind() throws Exception {
        api.form("/ez", "ezkey=" + ez + "&stat=kind clash&count=1");
        assertRefused(api.form("/ez", "ezkey=" + ez + "&stat=kind clash&value=1"), 400,
                "stat 'kind clash' is a counter; send count, not value");
    }

    @Test
    void a_fan_out_with_one_stat_of_the_other_kind_is_refused_whole() throws Exception {
        assertEquals(200, api.form("/ez", "ezkey=" + ez + "&stat=mixed a&count=1").statusCode());
        assertEquals(200, api.form("/ez", "ezkey=" + ez + "&stat=mixed b&value=5").statusCode());
        assertRefused(api.form("/ez", "ezkey=" + ez + "&stat=mixed~a,b&count=1"), 400,
                "stat 'mixed b' is a value stat; send value, not count");
        assertEquals(200, api.form("/ez", "ezkey=" + ez + "&stat=mixed a&count=1").statusCode());
        assertEquals(2.0, api.storedTotal("mixed a", 2.0), "the refused point reached no stat");
    }

    @Test
    void classic_posts_with_unknown_or_foreign_keys_are_refused() throws Exception {
        assertRefused(api.form("/c", "key=nope&count=1"), 404, "no stat has key 'nope'");
        assertRefused(api.form("/c", "ukey=" + api.account.ukey() + "&count=1"), 400, "key is missing");
        api.form("/ez", "ezkey=" + ez + "&stat=classic target&count=1");
        api.storedTotal("classic target", 1);
        String key = api.stat("classic target").key();
        assertRefused(api.form("/c", "ukey=wrong&key=" + key + "&count=1"), 401, "unknown ukey");
        assertRefused(api.form("/v", "key=" + key + "&value=1"), 400,
                "stat 'classic target' is a counter; send count, not value");
        assertRefused(api.form("/c", "key=" + key), 400, "count is missing");
    }

    @Test
    void new_stats_beyond_the_limit_per_minute_are_refused_with_429_but_known_ones_keep_flowing() throws Exception {
        Path dir = Files.createTempDirectory("statfeed-limit");
        try (ApiHarness limited = new ApiHarness(Backend.EMBEDDED, dir, s -> s.withIngestLimits(s.ingest().bufferLimit(), 3))) {
            String key = limited.account.ezkey();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, limited.form("/ez", "ezkey=" + key + "&stat=burst " + i + "&count=1").statusCode());
            }
            assertRefused(limited.form("/ez", "ezkey=" + key + "&stat=burst 3&count=1"), 429,
                    "too many new stats: at most 3 may be created per minute");
            assertEquals(200, limited.form("/ez", "ezkey=" + key + "&stat=burst 0&count=1").statusCode());
            HttpResponse<String> batch = limited.json("{\"ezkey\":\"" + key + "\",\"data\":["
                    + "{\"stat\":\"burst 1\",\"count\":1},{\"stat\":\"burst 4\",\"count\":1}]}");
            assertEquals("{\"status\":200,\"msg\":\"stored 1 of 2 data points\",\"rejected\":[{\"index\":1,"
                    + "\"status\":429,\"msg\":\"too many new stats: at most 3 may be created per minute\"}]}",
                    batch.body());
            assertEquals(2.0, limited.storedTotal("burst 1", 2.0));
        }
    }

    @Test
    void multipart_unknown_paths_and_methods_answer_json() throws Exception {
        assertRefused(api.post("/ez", "multipart/form-data; boundary=x", "--x--"), 400,
                "send the fields as application/x-www-form-urlencoded");
        assertRefused(api.get("/nowhere"), 404, "Endpoint GET /nowhere not found");
        RawHttp.Answer put = RawHttp.send(api.server.port(), "PUT /ez HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(put.status() == 404 || put.status() == 405, "PUT answered " + put.status());
        assertTrue(put.body().startsWith("{\"status\":"), put.body());
    }

    @Test
    void broken_http_and_huge_headers_answer_json_not_html() throws Exception {
        RawHttp.Answer header = RawHttp.send(api.server.port(), "GET /ez HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, header.status());
        assertTrue(header.body().startsWith("{\"status\":431,"), header.body());

        RawHttp.Answer garbage = RawHttp.send(api.server.port(), "\u0001\u0002 nonsense\r\n\r\n");
        assertEquals(400, garbage.status());
        assertFalse(garbage.body().contains("<html"), garbage.body());
    }

    @Test
    void raw_unencoded_forms_and_params_in_the_query_string_are_accepted() throws Exception {
        assertEquals(200, api.form("/ez", "stat=raw page view&ezkey=" + ez + "&count=1").statusCode());
        assertEquals(200, api.form("/ez", "stat=Grüße 100%&ezkey=" + ez + "&count=1\n").statusCode());
        assertEquals(200, api.post("/ez?stat=query%20only&ezkey=" + ez + "&count=1", null, "").statusCode());
        assertEquals(200, api.get("/ez?stat=via+get&ezkey=" + ez + "&count=1").statusCode());

        assertEquals(1.0, api.storedTotal("raw page view", 1));
        assertEquals(1.0, api.storedTotal("Grüße 100%", 1));
        assertEquals(1.0, api.storedTotal("query only", 1));
        assertEquals(1.0, api.storedTotal("via get", 1));
    }

    @Test
    void a_content_length_counting_characters_not_bytes_does_not_hang_or_crash() throws Exception {
        String body = "stat=café&ezkey=" + ez + "&count=1";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /ez HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n";
        byte[] request = new byte[head.length() + bytes.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
        System.arraycopy(bytes, 0, request, head.length(), bytes.length);

        RawHttp.Answer answer = RawHttp.send(api.server.port(), request);
        assertTrue(answer.status() < 500, answer.body());
        assertEquals(200, answer.status(), answer.body());
        assertEquals(1.0, api.storedTotal("café", 1));
    }

    @Test
    void a_malformed_chunked_body_or_one_cut_short_is_a_400_saying_so() throws Exception {
        RawHttp.Answer chunked = RawHttp.send(api.server.port(), "POST /ez HTTP/1.1\r\nHost: x\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "ZZ\r\nabc\r\n0\r\n\r\n");
        assertEquals(400, chunked.status(), chunked.body());
        assertTrue(chunked.body().startsWith("{\"status\":400,\"msg\":\"the request body could not be read: its "
                + "chunked encoding is malformed"), chunked.body());

        RawHttp.Answer cut = RawHttp.send(api.server.port(), "POST /ez HTTP/1.1\r\nHost: x\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"
                + "ezkey=" + ez, true);
        assertEquals(400, cut.status(), cut.body());
        assertTrue(cut.body().startsWith("{\"status\":400,\"msg\":\"the request body could not be read: it ended "
                + "before the 100 bytes its Content-Length declares"), cut.body());
    }

    @Test
    void a_body_that_stops_arriving_is_answered_408_within_the_time_limit() throws Exception {
        long started = System.nanoTime();
        RawHttp.Answer stalled = RawHttp.send(api.server.port(), "POST /ez HTTP/1.1\r\nHost: x\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nezkey=" + ez);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(408, stalled.status(), stalled.body());
        assertTrue(stalled.body().startsWith("{\"status\":408,\"msg\":\"the request body did not arrive in time"),
                stalled.body());
        assertTrue(took.compareTo(SlowClients.IDLE_TIMEOUT.plusSeconds(3)) < 0, "answered after " + took);
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String msgStart) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.body().startsWith("{\"status\":" + status + ",\"msg\":\"" + msgStart), answer.body());
    }
}
