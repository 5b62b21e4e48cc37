package io.statfeed.webapp;

import static io.statfeed.webapp.Http.assertError;
import static io.statfeed.webapp.Http.assertJsonStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.Http.Reply;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.statfeed.http.SlowClients;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import io.statfeed.webapp.http.ErrorMapping;
import io.statfeed.webapp.http.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed, oversized, missing and hostile input against every endpoint: always a 4xx with a
 * clear message in the JSON status shape, never a 5xx, never HTML or a stack trace. One server on
 * the embedded backend serves the whole class, to keep the suite fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final String ACCOUNTS = "/api/v1/accounts";

    private Path dataDir;
    private TestServer test;
    private Http http;
    private String token;
    private Stat stat;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("statfeed-hostile");
        test = new TestServer(Backend.EMBEDDED, dataDir);
        http = test.http;
        JsonNode ada = http.signUp("ada@example.com", "correct horse").json();
        token = ada.get("access_token").textValue();
        stat = new StatStore(test.database).createOrGet(Long.parseLong(ada.get("account_id").textValue()), "signups",
                true, test.clock.millis());
    }

    @AfterAll
    void stop() throws Exception {
        test.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    // ---- sign-up bodies ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{                                                   | request body is not valid JSON",
            "{\"email\":\"a@example.com\",\"password\":\"12345678\"} x | request body is not valid JSON",
            "not json at all                                     | request body is not valid JSON",
            "[\"a@example.com\",\"12345678\"]                    | request body must be a JSON object",
            "\"a string\"                                        | request body must be a JSON object",
            "42                                                  | request body must be a JSON object",
            "null                                                | request body must be a JSON object",
            "{}                                                  | email is missing",
            "{\"password\":\"12345678\"}                         | email is missing",
            "{\"email\":\"a@example.com\"}                       | password is missing",
            "{\"email\":null,\"password\":\"12345678\"}          | email is missing",
            "{\"email\":42,\"password\":\"12345678\"}            | email must be a JSON string",
            "{\"email\":[\"a@example.com\"],\"password\":\"12345678\"} | email must be a JSON string",
            "{\"email\":\"a@example.com\",\"password\":12345678} | password must be a JSON string",
            "{\"email\":\"a@example.com\",\"password\":{}}       | password must be a JSON string",
            "{\"email\":\"a@example.com\",\"password\":\"short\"} | password must be at least 8 characters",
            "{\"email\":\"' OR 1=1; --\",\"password\":\"12345678\"} | email is not a valid address",
            "{\"email\":\"<script>@x.com\",\"password\":\"12345678\"} | email is not a valid address",
            "{\"email\":\"a@b.c\",\"email\":\"d@e.f\",\"password\":\"12345678\"} | Duplicate field 'email'",
            "{\"email\":\"\\u0000@example.com\",\"password\":\"12345678\"} | email is not a valid address",
            "{\"email\":\"a@example.com\",\"password\":\"\\ud800\\ud800\\ud800\\ud800\"} | password must be at least 8",
    })
    void a_bad_sign_up_body_is_a_400_saying_what_is_wrong(String body, String message) {
        assertError(http.post(ACCOUNTS, "application/json", body.strip()), 400, message);
    }

    @Test
    void an_empty_sign_up_body_is_a_400() {
        assertError(http.post(ACCOUNTS, "application/json", ""), 400, "request body is empty");
    }

    @Test
    void deeply_nested_json_is_a_400_not_a_stack_overflow() {
        String body = "[".repeat(5_000) + "]".repeat(5_000);
        assertError(http.post(ACCOUNTS, "application/json", body), 400, "request body is not valid JSON");
    }

    @Test
    void a_body_that_is_not_utf8_is_a_400() {
        byte[] bytes = {'{', '"', 'e', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertError(http.post(ACCOUNTS, HttpRequest.BodyPublishers.ofByteArray(bytes)), 400,
                "request body is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml"})
    void a_body_declared_as_something_other_than_json_is_a_400(String contentType) {
        assertError(http.post(ACCOUNTS, contentType, "{\"email\":\"x@example.com\",\"password\":\"12345678\"}"), 400,
                "Content-Type must be application/json");
    }

    @Test
    void a_json_body_without_a_content_type_is_accepted() {
        Reply reply = http.post(ACCOUNTS, null, "{\"email\":\"nohdr@example.com\",\"password\":\"12345678\"}");
        assertEquals(201, reply.status(), reply.body());
    }

    @Test
    void a_password_beyond_72_bytes_is_a_400_naming_bcrypts_limit() {
        assertError(http.signUp("long@example.com", "ü".repeat(40)), 400, "at most 72 bytes");
    }

    @Test
    void an_email_beyond_254_characters_is_a_400() {
        assertError(http.signUp("a".repeat(250) + "@example.com", "12345678"), 400, "at most 254 characters");
    }

    @Test
    void a_body_over_16_KiB_is_a_413() {
        String body = "{\"email\":\"big@example.com\",\"password\":\"" + "x".repeat(Requests.MAX_BODY_BYTES) + "\"}";
        assertError(http.post(ACCOUNTS, "application/json", body), 413, "larger than 16384 bytes");
    }

    @Test
    void a_streamed_body_over_16_KiB_without_a_length_is_a_413() {
        byte[] bytes = ("{\"email\":\"big@example.com\",\"password\":\"" + "x".repeat(100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Reply reply = http.post(ACCOUNTS, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        assertError(reply, 413, "larger than 16384 bytes");
    }

    @Test
    void a_huge_declared_body_is_refused_before_it_is_read() {
        Reply reply = http.raw("POST " + ACCOUNTS + " HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999", "{\"email\":");
        assertError(reply, 413, "larger than 16384 bytes (Content-Length 99999999999)");
    }

    // ---- bodies that are malformed, cut short or stop arriving ----

    @ParameterizedTest
    @ValueSource(strings = {"/dashboards", "/login", "/signup", "/logout", "/settings/tokens", "/stats/1/public",
            ACCOUNTS})
    void a_malformed_chunked_body_is_a_400_on_every_route_that_reads_one(String path) {
        Reply reply = http.raw("POST " + path + " HTTP/1.1\r\nContent-Type: " + typeFor(path)
                + "\r\nTransfer-Encoding: chunked", "ZZ\r\nabc\r\n0\r\n\r\n");
        assertError(reply, 400, "the request body could not be read: its chunked encoding is malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/signup", ACCOUNTS, "/dashboards"})
    void a_body_shorter_than_its_content_length_is_a_400(String path) {
        Reply reply = http.raw("POST " + path + " HTTP/1.1\r\nContent-Type: " + typeFor(path)
                + "\r\nContent-Length: 100", "email=ada", true);
        assertError(reply, 400, "the request body could not be read: it ended before the 100 bytes its "
                + "Content-Length declares");
    }

    @Test
    void a_body_that_stops_arriving_is_answered_408_within_the_servers_time_limit() {
        long started = System.nanoTime();
        Reply reply = http.raw("POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: 100", "email=ada");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertError(reply, 408, "the request body did not arrive in time");
        assertTrue(took.compareTo(SlowClients.IDLE_TIMEOUT.plusSeconds(3)) < 0, "answered after " + took);
    }

    private static String typeFor(String path) {
        return path.startsWith("/api/") ? "application/json" : "application/x-www-form-urlencoded";
    }

    // ---- export API ----

    @ParameterizedTest
    @ValueSource(strings = {"nope", "%27%20OR%20%271%27%3D%271", "%27%3B%20DROP%20TABLE%20access_tokens%3B%20--",
            "%F0%9F%9A%80", "%E2%80%AE", "a%20b", ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void an_unknown_token_is_a_401_on_every_endpoint(String badToken) {
        for (String path : new String[] {"/statlist", "/stat?name=signups", "/data/" + stat.id() + "?t=1d1h"}) {
            assertError(http.get("/x/" + badToken + path), 401, "access token is unknown or revoked");
        }
        assertError(http.delete("/x/" + badToken + "/stats/" + stat.id()), 401, "access token is unknown or revoked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "%2e%2e", ".%2e", "%2F", "%5C..", "..;", "%00"})
    void a_token_that_walks_the_path_is_a_4xx_in_json(String badToken) {
        for (String path : new String[] {"/statlist", "/stat?name=signups", "/data/" + stat.id() + "?t=1d1h"}) {
            Reply reply = http.raw("GET /x/" + badToken + path + " HTTP/1.1");
            assertTrue(reply.status() >= 400 && reply.status() < 500, reply.toString());
            assertJsonStatus(reply);
        }
    }

    @Test
    void a_very_long_token_is_a_401() {
        assertError(http.get("/x/" + "t".repeat(4_000) + "/statlist"), 401, "access token is unknown or revoked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "%2B1", "1.5", "1e9", "99999999999999999999999999", "9223372036854775808",
            "0", "1%20OR%201%3D1", "%27%3B%20DROP%20TABLE%20stats%3B", "%E2%82%AC", "%EF%BC%91", "null",
            "..%252F..%252Fetc%252Fpasswd"})
    void an_id_that_names_no_stat_is_a_404(String id) {
        assertError(http.get("/x/" + token + "/data/" + id + "?t=1d1h"), 404, "no stat with id");
        assertError(http.get("/x/" + token + "/data/" + stat.id() + "/" + id + "?t=1d1h"), 404, "no stat with id");
        assertError(http.delete("/x/" + token + "/stats/" + id), 404, "no stat with id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/x/TOKEN/data/..%2F..%2Fetc%2Fpasswd?t=1d1h", "/x/TOKEN/data/%2e%2e/%2e%2e?t=1d1h",
            "/x/TOKEN/data/../../etc/passwd?t=1d1h", "/x/TOKEN/stats/..%2F1", "/x/TOKEN/data//?t=1d1h",
            "/x/TOKEN/data/%00?t=1d1h", "/x/TOKEN/data/%zz?t=1d1h", "/x/%zz/statlist", "/x/TOKEN/statlist?offset=%zz",
            "/x/TOKEN/stat?name=%zz", "/x/TOKEN/stat?name=%", "/x/TOKEN/data/1;jsessionid=1?t=1d1h",
            "/x/TOKEN/statlist?offset=1&offset=2", "/x/TOKEN/data/1?t=%00", "/%2e%2e/%2e%2e/etc/passwd"})
    void a_path_traversal_or_badly_escaped_url_is_a_4xx_in_json(String target) {
        String path = target.replace("TOKEN", token);
        Reply reply = target.contains("stats/") ? http.raw("DELETE " + path + " HTTP/1.1")
                : http.raw("GET " + path + " HTTP/1.1");
        assertTrue(reply.status() >= 400 && reply.status() < 500, reply.toString());
        assertJsonStatus(reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1w", "w3h", "1x3h", "999999y1m", "0d1h", "1h1d", "1y1m", "1w3h%3B%20DROP%20TABLE",
            "%EF%BC%91w%EF%BC%93h", "9999999999999999999999w1h", "-1w3h", "1w3h1d", "%00"})
    void a_bad_time_frame_is_a_400_naming_t(String t) {
        assertError(http.get("/x/" + token + "/data/" + stat.id() + "?t=" + t), 400, "parameter t: ");
    }

    @Test
    void a_missing_time_frame_is_a_400_naming_t() {
        assertError(http.get("/x/" + token + "/data/" + stat.id()), 400, "time frame t is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "1e9", "99999999999999999999", "-9223372036854775809", "0x10", "%20",
            "1700000000%3B1"})
    void a_start_that_is_no_whole_number_is_a_400_naming_start(String start) {
        assertError(http.get("/x/" + token + "/data/" + stat.id() + "?t=1d1h&start=" + start), 400,
                "start must be a whole number of unix seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "9223372036854775807", "-9223372036854775808", "253402300800"})
    void a_start_outside_the_calendar_is_a_400_naming_start(String start) {
        assertError(http.get("/x/" + token + "/data/" + stat.id() + "?t=1d1h&start=" + start), 400,
                "start must be unix seconds between 0 and 253402300799");
    }

    @Test
    void the_first_and_last_seconds_of_the_calendar_are_valid_starts() {
        assertEquals(200, http.get("/x/" + token + "/data/" + stat.id() + "?t=1d1h&start=0").status());
        assertEquals(200, http.get("/x/" + token + "/data/" + stat.id() + "?t=1y1d&start=253402300799").status());
    }

    @ParameterizedTest
    @CsvSource({"abc, offset must be a whole number", "1.5, offset must be a whole number",
            "99999999999999999999, offset must be a whole number", "2147483648, offset must be between 0 and",
            "-1, offset must be 0 or more", "-2147483649, offset must be between 0 and"})
    void a_bad_offset_is_a_400_naming_offset(String offset, String message) {
        assertError(http.get("/x/" + token + "/statlist?offset=" + offset), 400, message);
    }

    @Test
    void the_largest_offset_is_an_empty_page() {
        Reply reply = http.get("/x/" + token + "/statlist?offset=" + Integer.MAX_VALUE);
        assertEquals(200, reply.status());
        assertEquals("[]", reply.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                                | 400 | name is missing",
            "name=                           | 400 | name is missing",
            "name=%20%20                     | 400 | name is missing",
            "name=a~b                        | 400 | may not contain '~'",
            "name=a%01b                      | 400 | may not contain control characters",
            "name=%27%20OR%20%271%27%3D%271  | 404 | no stat named",
            "name=%F0%9F%9A%80%20%E6%97%A5   | 404 | no stat named",
            "name=%ED%A0%80                  | 404 | no stat named",
            "name=Signups                    | 404 | no stat named 'Signups'",
    })
    void a_bad_or_unknown_stat_name_is_a_4xx_saying_why(String query, String status, String message) {
        String q = query == null ? "" : "?" + query.strip();
        assertError(http.get("/x/" + token + "/stat" + q), Integer.parseInt(status.strip()), message.strip());
    }

    @Test
    void a_name_beyond_255_characters_is_a_400() {
        String name = URLEncoder.encode("ü".repeat(300), StandardCharsets.UTF_8);
        assertError(http.get("/x/" + token + "/stat?name=" + name), 400, "at most 255 are allowed");
    }

    @Test
    void more_than_twenty_ids_are_a_400_and_none_is_a_400() {
        String ids = IntStream.range(0, 21).mapToObj(i -> String.valueOf(stat.id())).collect(Collectors.joining("/"));
        assertError(http.get("/x/" + token + "/data/" + ids + "?t=1d1h"), 400, "at most 20 stat ids");
        String many = IntStream.range(0, 500).mapToObj(i -> "9").collect(Collectors.joining("/"));
        assertError(http.get("/x/" + token + "/data/" + many + "?t=1d1h"), 400, "at most 20 stat ids");
        assertError(http.get("/x/" + token + "/data?t=1d1h"), 400, "no stat id given");
        assertError(http.get("/x/" + token + "/data/?t=1d1h"), 400, "no stat id given");
    }

    // ---- routing and the server itself ----

    @Test
    void an_unknown_route_is_a_404_in_json() {
        assertError(http.get("/nope"), 404, "not found");
        assertError(http.get("/x/" + token), 404, "not found");
        assertError(http.get("/x/" + token + "/unknown"), 404, "not found");
    }

    @Test
    void a_wrong_method_is_a_405_in_json() {
        assertError(http.method("PUT", ACCOUNTS), 405, "method PUT is not allowed on /api/v1/accounts");
        assertError(http.get(ACCOUNTS), 405, "not allowed");
        assertError(http.method("POST", "/x/" + token + "/statlist"), 405, "not allowed");
        assertError(http.delete("/x/" + token + "/statlist"), 405, "not allowed");
    }

    @Test
    void a_request_line_too_long_for_the_server_is_refused_in_json() {
        Reply reply = http.raw("GET /x/" + token + "/stat?name=" + "a".repeat(20_000) + " HTTP/1.1");
        assertTrue(reply.status() == 414 || reply.status() == 431 || reply.status() == 400, reply.toString());
        assertJsonStatus(reply);
    }

    @Test
    void headers_too_large_for_the_server_are_refused_in_json() {
        Reply reply = http.raw("GET /healthz HTTP/1.1\r\nX-Junk: " + "j".repeat(20_000));
        assertEquals(431, reply.status(), reply.toString());
        assertJsonStatus(reply);
    }

    @Test
    void a_request_that_is_not_http_is_a_400_in_json() {
        Reply reply = http.raw("GARBAGE\u0001 / HTTP/9.9");
        assertTrue(reply.status() >= 400 && reply.status() < 500, reply.toString());
        assertJsonStatus(reply);
    }
}
