package io.statfeed.webapp;

import static io.statfeed.webapp.Http.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** StatHat's alerts API on the export base: its field names in, its shapes out, and bad input named. */
class AlertsApiTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path dataDir;

    private record Owner(String token, Stat stat) {
    }

    private static Owner owner(TestServer test, String email) {
        JsonNode signedUp = test.http.signUp(email, "correct horse").json();
        long accountId = Long.parseLong(signedUp.get("account_id").textValue());
        Stat stat = new StatStore(test.database).createOrGet(accountId, "errors", true, test.clock.millis());
        return new Owner(signedUp.get("access_token").textValue(), stat);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_alert_made_with_stathats_form_fields_is_listed_read_and_deleted_in_stathats_shapes(Backend backend) {
        try (TestServer test = new TestServer(backend, dataDir)) {
            Owner ada = owner(test, "ada@example.com");
            Http.Reply created = test.http.post("/x/" + ada.token() + "/alerts", FORM, "stat_id=" + ada.stat().id()
                    + "&kind=value&time_window=5m&operator=greater+than&threshold=100");
            assertEquals(200, created.status(), created.body());
            String id = created.json().get("id").textValue();
            String expected = "{\"id\":\"" + id + "\",\"stat_id\":\"" + ada.stat().id() + "\",\"stat_name\":\"errors\","
                    + "\"kind\":\"value\",\"time_window\":\"5m\",\"operator\":\"greater than\",\"threshold\":100,"
                    + "\"condition\":\"total over 5m greater than 100\",\"state\":\"ok\",\"state_since\":"
                    + TestServer.NOW_SECONDS + ",\"muted\":false}";
            assertEquals("[" + expected + "]", test.http.get("/x/" + ada.token() + "/alerts").body());
            assertEquals(expected.replace("}", ",\"history\":[],\"delivery_failures\":[]}"),
                    test.http.get("/x/" + ada.token() + "/alerts/" + id).body());

            assertEquals("{\"msg\":\"alert deleted.\"}", test.http.delete("/x/" + ada.token() + "/alerts/" + id).body());
            assertError(test.http.get("/x/" + ada.token() + "/alerts/" + id), 404, "no alert with id");
            assertEquals("[]", test.http.get("/x/" + ada.token() + "/alerts").body());
        }
    }

    @Test
    void a_delta_alert_can_be_made_with_a_json_body_too() {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir)) {
            Owner ada = owner(test, "ada@example.com");
            JsonNode created = test.http.post("/x/" + ada.token() + "/alerts", "application/json",
                    "{\"stat_id\":\"" + ada.stat().id() + "\",\"kind\":\"delta\",\"time_window\":\"1h\","
                            + "\"operator\":\"less than\",\"percentage\":25,\"time_delta\":\"1w\"}").json();
            assertEquals("delta", created.get("kind").textValue());
            assertEquals(25, created.get("percentage").intValue());
            assertEquals("1w", created.get("time_delta").textValue());
            assertEquals("total over 1h fell by more than 25% against 1w earlier", created.get("condition").textValue());
        }
    }

    @Test
    void bad_alerts_are_refused_with_the_field_named() {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir)) {
            Owner ada = owner(test, "ada@example.com");
            Owner grace = owner(test, "grace@example.com");
            String path = "/x/" + ada.token() + "/alerts";
            String stat = "stat_id=" + ada.stat().id();
            assertError(test.http.post(path, FORM, "kind=value"), 400, "stat_id is required");
            assertError(test.http.post(path, FORM, "stat_id=" + grace.stat().id() + "&kind=data&time_window=1h"), 400,
                    "stat_id " + grace.stat().id() + " is not a stat of this account");
            assertError(test.http.post(path, FORM, "stat_id=abc&kind=data&time_window=1h"), 400, "stat_id must be");
            assertError(test.http.post(path, FORM, stat + "&kind=sometimes&time_window=1h"), 400,
                    "kind must be value, delta, data or anomaly");
            assertError(test.http.post(path, FORM, stat + "&kind=data&time_window=2h"), 400,
                    "time_window must be 5m, 1h, 3h, 1d, 1w, 1M or 1y");
            assertError(test.http.post(path, FORM, stat + "&kind=value&time_window=1h&operator=around&threshold=1"),
                    400, "operator must be");
            assertError(test.http.post(path, FORM, stat + "&kind=value&time_window=1h&operator=greater+than"), 400,
                    "threshold is required");
            assertError(test.http.post(path, FORM, stat + "&kind=value&time_window=1h&operator=greater+than&threshold=lots"),
                    400, "threshold must be a number");
            assertError(test.http.post(path, FORM, stat + "&kind=value&time_window=1h&operator=greater+than&threshold=1e400"),
                    400, "threshold must be a finite number");
            assertError(test.http.post(path, FORM, stat + "&kind=value&time_window=1h&operator=greater+than&threshold=5"
                    + "&recovery_threshold=9"), 400, "recovery_threshold must be at most the threshold");
            assertError(test.http.post(path, FORM, stat + "&kind=delta&time_window=1h&percentage=-5"), 400,
                    "percentage must be more than 0");
            assertError(test.http.post(path, FORM, stat + "&kind=delta&time_window=1d&percentage=5&time_delta=1h"), 400,
                    "time_delta must be at least the time_window");
            assertError(test.http.post(path, FORM, stat + "&kind=anomaly&time_window=1w"), 400,
                    "time_window of an anomaly alert must be at most 1d");
            assertError(test.http.post(path, FORM, stat + "&kind=data&time_window=1h&renotify=often"), 400,
                    "renotify must be a duration");
            assertError(test.http.post(path, FORM, stat + "&kind=data&time_window=1h&renotify=1m"), 400,
                    "renotify must be between 5 minutes and 30 days");
            assertError(test.http.post(path, FORM, stat + "&kind=data&time_window=1h&email=nobody"), 400,
                    "email is not a valid address");
            assertError(test.http.post(path, FORM, stat + "&kind=data&time_window=" + "x".repeat(3_000)), 400,
                    "time_window is longer than 2000 characters");
            assertError(test.http.post(path, "application/json", "{\"stat_id\":[1],\"kind\":\"data\"}"), 400,
                    "stat_id must be a string, a number or a boolean");
            assertError(test.http.post(path, "application/json", "{\"stat_id\":"), 400, "request body is not valid JSON");
            assertError(test.http.post(path, FORM, stat + "&kind=data&kind=value&time_window=1h"), 400,
                    "kind is given 2 times");
            for (String hook : java.util.List.of("http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data",
                    "http://10.1.2.3/", "http://localhost/hook", "http://[::1]/hook")) {
                assertError(test.http.post(path, FORM, stat + "&kind=data&time_window=1h&webhook_url="
                        + java.net.URLEncoder.encode(hook, java.nio.charset.StandardCharsets.UTF_8)), 400,
                        "webhook_url must reach a public address");
            }
            assertError(test.http.post(path, FORM, stat + "&kind=data&time_window=1h&webhook_url=ftp%3A%2F%2Fexample.com"),
                    400, "webhook_url");
            assertError(test.http.delete(path + "/" + "9".repeat(30)), 404, "no alert with id");
            assertError(test.http.get("/x/not-a-token/alerts"), 401, "access token");
            assertEquals("[]", test.http.get(path).body(), "nothing was made by any of that");
        }
    }
}
