package io.statfeed.webapp;

import static io.statfeed.webapp.Http.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The feeds over the JSON API, as two people of two accounts use them. */
class FeedsApiTest {
    private static final String JSON = "application/json";

    @TempDir
    Path dataDir;

    private record Person(String token, long accountId) {
        String[] auth(String... more) {
            String[] headers = new String[more.length + 4];
            headers[0] = "Authorization";
            headers[1] = "Bearer " + token;
            headers[2] = "Content-Type";
            headers[3] = JSON;
            System.arraycopy(more, 0, headers, 4, more.length);
            return headers;
        }
    }

    private static Person person(TestServer test, String email) {
        JsonNode signedUp = test.http.signUp(email, "correct horse").json();
        return new Person(signedUp.get("access_token").textValue(), Long.parseLong(signedUp.get("account_id").textValue()));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_public_stat_annotated_in_one_account_reaches_a_follower_in_another_live_and_its_delete_too(Backend backend)
            throws Exception {
        try (TestServer test = new TestServer(backend, dataDir)) {
            Person ada = person(test, "ada@example.com");
            Person bob = person(test, "bob@example.com");
            Stat signups = new StatStore(test.database).createOrGet(ada.accountId(), "signups", true, test.clock.millis());
            String stat = "/api/v1/stats/" + signups.id();

            Http.Reply patched = test.http.request("PATCH", stat, "{\"public\": true}", ada.auth());
            assertEquals("{\"id\":\"" + signups.id() + "\",\"public\":true}", patched.body());
            Http.Reply first = test.http.request("POST", stat + "/annotations", "{\"text\":\"deployed v2\"}", ada.auth());
            assertEquals(201, first.status(), first.body());

            Http.Reply followed = test.http.request("POST", "/api/v1/follows",
                    "{\"type\":\"stat\",\"id\":\"" + signups.id() + "\"}", bob.auth());
            assertEquals(201, followed.status(), followed.body());
            assertEquals(200, test.http.request("POST", "/api/v1/follows",
                    "{\"type\":\"stat\",\"id\":" + signups.id() + "}", bob.auth()).status(), "a number id, followed again");
            JsonNode feed = test.http.request("GET", "/api/v1/feed", null, bob.auth()).json();
            assertEquals("annotation_added", feed.get("activities").get(0).get("verb").textValue());
            assertEquals("ada annotated signups: \u201cdeployed v2\u201d", feed.get("activities").get(0).get("summary").textValue());
            assertEquals("deployed v2", feed.get("activities").get(0).get("payload").get("text").textValue());
            assertTrue(feed.get("next").isNull());

            try (EventStream events = new EventStream(test.server.port(), "/api/v1/feed/events", bob.auth())) {
                Thread.sleep(300); // the stream is open before the next annotation is made
                long made = System.nanoTime();
                String second = test.http.request("POST", stat + "/annotations", "{\"text\":\"deployed v3\"}", ada.auth())
                        .json().get("id").textValue();
                EventStream.Event event = events.nextWith("activity", "deployed v3", Duration.ofSeconds(5));
                assertNotNull(event, "the annotation arrives on the open stream");
                assertTrue(System.nanoTime() - made < Duration.ofSeconds(1).toNanos(), "within a second");
                assertEquals(200, events.status());
                assertTrue(event.data().contains("deployed v3"), event.data());

                assertEquals(204, test.http.request("DELETE", "/api/v1/annotations/" + second, null, ada.auth()).status());
                List<String> texts = new ArrayList<>();
                test.http.request("GET", "/api/v1/feed", null, bob.auth()).json().get("activities")
                        .forEach(a -> texts.add(a.get("payload").get("text").textValue()));
                assertEquals(List.of("deployed v2"), texts, "the deleted annotation left the follower's feed");
            }

            Http.Reply read = test.http.request("GET", "/api/v1/notifications", null, bob.auth());
            assertEquals(200, read.status(), read.body());
            JsonNode notifications = read.json();
            assertEquals(1, notifications.get("unseen").intValue());
            String group = notifications.get("groups").get(0).get("group").textValue();
            JsonNode marked = test.http.request("POST", "/api/v1/notifications/mark",
                    "{\"group\":\"" + group + "\",\"read\":true}", bob.auth()).json();
            assertEquals(0, marked.get("unseen").intValue());
            assertEquals(0, marked.get("unread").intValue());

            assertEquals(204, test.http.request("DELETE", "/api/v1/follows/stat/" + signups.id(), null, bob.auth()).status());
            assertEquals(0, test.http.request("GET", "/api/v1/feed", null, bob.auth()).json().get("activities").size());
        }
    }

    @Test
    void a_reconnecting_stream_replays_what_came_after_its_last_event_id() throws Exception {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir)) {
            Person ada = person(test, "ada@example.com");
            Stat signups = new StatStore(test.database).createOrGet(ada.accountId(), "signups", true, test.clock.millis());
            String annotations = "/api/v1/stats/" + signups.id() + "/annotations";
            test.http.request("POST", annotations, "{\"text\":\"one\"}", ada.auth());
            String seen = test.http.request("GET", "/api/v1/feed", null, ada.auth()).json().get("activities").get(0)
                    .get("id").textValue();
            test.http.request("POST", annotations, "{\"text\":\"two\"}", ada.auth());
            test.http.request("POST", annotations, "{\"text\":\"three\"}", ada.auth());

            try (EventStream events = new EventStream(test.server.port(), "/api/v1/feed/events",
                    ada.auth("Last-Event-ID", seen))) {
                assertTrue(events.next("activity", Duration.ofSeconds(5)).data().contains("\"two\""));
                assertTrue(events.next("activity", Duration.ofSeconds(5)).data().contains("\"three\""));
            }
        }
    }

    @Test
    void a_quiet_stream_outlives_the_servers_idle_timeout_and_still_delivers() throws Exception {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir)) {
            Person ada = person(test, "ada@example.com");
            Stat signups = new StatStore(test.database).createOrGet(ada.accountId(), "signups", true, test.clock.millis());
            try (EventStream events = new EventStream(test.server.port(), "/api/v1/feed/events", ada.auth())) {
                Thread.sleep(io.statfeed.http.SlowClients.IDLE_TIMEOUT.toMillis() + 2_000);
                test.http.request("POST", "/api/v1/stats/" + signups.id() + "/annotations", "{\"text\":\"late\"}",
                        ada.auth());
                EventStream.Event event = events.nextWith("activity", "late", Duration.ofSeconds(5));
                assertNotNull(event, "the heartbeat kept the stream open past the idle timeout (this client does not reconnect)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_private_atom_address_serves_the_timeline_escaped_and_a_new_address_retires_the_old(Backend backend) {
        try (TestServer test = new TestServer(backend, dataDir)) {
            Site site = new Site(test);
            Site.Member ada = site.newMember("ada");
            Stat signups = site.counter(ada, "signups & <co>");
            Person api = new Person(ada.accessToken(), ada.accountId());
            test.http.request("POST", "/api/v1/stats/" + signups.id() + "/annotations",
                    "{\"text\":\"deployed <v2> & \\\"more\\\"\"}", api.auth());

            ada.browser().getHtml("/feed");
            WebClient.Page made = ada.browser().submit("/feed/atom", Map.of());
            assertEquals(200, made.status(), made.body());
            java.util.regex.Matcher url = java.util.regex.Pattern.compile("id=\"atom-url\">[^<]*(/feeds/[^<]+/atom)<")
                    .matcher(made.body());
            assertTrue(url.find(), made.body());
            String atomPath = url.group(1);

            Http.Reply atom = test.http.get(atomPath);
            assertEquals(200, atom.status());
            assertTrue(atom.contentType().startsWith("application/atom+xml"), atom.contentType());
            assertTrue(atom.body().contains(" annotated signups &amp; &lt;co&gt;: \u201cdeployed &lt;v2&gt; &amp; "
                    + "&quot;more&quot;\u201d</title>"), atom.body());
            assertTrue(atom.body().startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"));

            ada.browser().getHtml("/feed");
            ada.browser().submit("/feed/atom", Map.of());
            assertError(test.http.get(atomPath), 404, "no feed at this address");
            assertError(test.http.get("/feeds/" + "x".repeat(500) + "/atom"), 404, "no feed at this address");
        }
    }

    @Test
    void an_activity_is_deleted_by_its_accounts_members_only_and_an_annotations_takes_the_annotation_along() {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir)) {
            Person ada = person(test, "ada@example.com");
            Person eve = person(test, "eve@example.com");
            Stat signups = new StatStore(test.database).createOrGet(ada.accountId(), "signups", true, test.clock.millis());
            test.http.request("POST", "/api/v1/stats/" + signups.id() + "/annotations", "{\"text\":\"oops\"}", ada.auth());
            String id = test.http.request("GET", "/api/v1/feed", null, ada.auth()).json().get("activities").get(0)
                    .get("id").textValue();

            assertError(test.http.request("DELETE", "/api/v1/activities/" + id, null, eve.auth()), 404, "no activity");
            assertError(test.http.request("DELETE", "/api/v1/activities/x1", null, ada.auth()), 404, "no activity");
            assertEquals(204, test.http.request("DELETE", "/api/v1/activities/" + id, null, ada.auth()).status());
            assertEquals(0, test.http.request("GET", "/api/v1/feed", null, ada.auth()).json().get("activities").size());
            assertEquals(0, new io.statfeed.core.storage.AnnotationStore(test.database,
                    new io.statfeed.core.storage.ActivityStore(test.database, test.settings.feeds().policy()))
                    .latest(signups.id(), 10).size(), "the annotation went with its activity");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bad_and_hostile_feed_requests_are_refused_with_the_field_named(Backend backend) {
        try (TestServer test = new TestServer(backend, dataDir)) {
            Person ada = person(test, "ada@example.com");
            Person eve = person(test, "eve@example.com");
            StatStore stats = new StatStore(test.database);
            Stat secret = stats.createOrGet(ada.accountId(), "secret", true, test.clock.millis());
            String annotations = "/api/v1/stats/" + secret.id() + "/annotations";

            assertError(test.http.request("POST", "/api/v1/follows", "{\"type\":\"planet\",\"id\":\"1\"}", eve.auth()),
                    400, "type 'planet' is not one of stat, dashboard, user");
            assertError(test.http.request("POST", "/api/v1/follows", "{\"type\":\"stat\"}", eve.auth()), 400, "id is missing");
            assertError(test.http.request("POST", "/api/v1/follows", "{\"id\":\"1\"}", eve.auth()), 400, "type is missing");
            assertError(test.http.request("POST", "/api/v1/follows", "{\"type\":\"stat\",\"id\":\"1 OR 1=1\"}", eve.auth()),
                    400, "id must be a stat's id");
            assertError(test.http.request("POST", "/api/v1/follows", "{\"type\":\"stat\",\"id\":[1]}", eve.auth()),
                    400, "id must be a string");
            assertError(test.http.request("POST", "/api/v1/follows",
                    "{\"type\":\"stat\",\"id\":\"" + secret.id() + "\"}", eve.auth()), 404, "no stat with id");
            assertError(test.http.request("GET", "/api/v1/feeds/stat/" + secret.id(), null, eve.auth()), 404, "no stat");
            assertError(test.http.request("POST", "/api/v1/follows", "not json", eve.auth()), 400, "not valid JSON");
            assertError(test.http.request("DELETE", "/api/v1/follows/stat/" + secret.id(), null, eve.auth()), 404,
                    "you do not follow stat");
            assertError(test.http.request("DELETE", "/api/v1/follows/galaxy/1", null, eve.auth()), 400, "type 'galaxy'");

            assertError(test.http.request("POST", annotations, "{\"text\":\"" + "x".repeat(501) + "\"}", ada.auth()),
                    400, "text is 501 characters long; at most 500");
            assertError(test.http.request("POST", annotations, "{}", ada.auth()), 400, "text is missing");
            assertError(test.http.request("POST", annotations, "{\"text\":\"a\\u0000b\"}", ada.auth()), 400,
                    "text may not contain control characters");
            assertError(test.http.request("POST", annotations, "{\"text\":\"late\",\"time\":\"yesterday\"}", ada.auth()),
                    400, "time must be a unix time");
            assertError(test.http.request("POST", annotations, "{\"text\":\"mine now\"}", eve.auth()), 404, "no stat");
            String id = test.http.request("POST", annotations, "{\"text\":\"<img src=x onerror=alert(1)>\"}", ada.auth())
                    .json().get("id").textValue();
            assertError(test.http.request("DELETE", "/api/v1/annotations/" + id, null, eve.auth()), 404, "no annotation");
            assertError(test.http.request("DELETE", "/api/v1/annotations/abc", null, ada.auth()), 404, "no annotation");

            assertError(test.http.request("GET", "/api/v1/feed?limit=1000000", null, ada.auth()), 400,
                    "limit must be a whole number from 1 to 100");
            assertError(test.http.request("GET", "/api/v1/feed?limit=-1", null, ada.auth()), 400, "limit");
            assertError(test.http.request("GET", "/api/v1/feed?id_lt=99999999999999999999", null, ada.auth()), 400, "id_lt");
            assertError(test.http.request("PATCH", "/api/v1/stats/" + secret.id(), "{\"public\":\"yes\"}", ada.auth()),
                    400, "public must be true or false");
            assertError(test.http.request("PATCH", "/api/v1/stats/" + secret.id(), "{}", ada.auth()), 400, "public is missing");
            assertError(test.http.request("PATCH", "/api/v1/stats/" + secret.id(), "{\"public\":true}", eve.auth()), 404,
                    "no stat");
            assertError(test.http.request("POST", "/api/v1/notifications/mark", "{\"group\":\"nope\"}", ada.auth()), 400,
                    "group 'nope' is not one of your notifications");
            assertError(test.http.request("GET", "/api/v1/feed", null), 401, "access token");
            assertError(test.http.request("GET", "/api/v1/feed/events", null), 401, "access token");

            JsonNode feed = test.http.request("GET", "/api/v1/feed", null, ada.auth()).json();
            assertEquals("<img src=x onerror=alert(1)>", feed.get("activities").get(0).get("payload").get("text").textValue(),
                    "kept as text; escaping is the reader's (the pages use textContent)");
            assertEquals(0, test.http.request("GET", "/api/v1/feed", null, eve.auth()).json().get("activities").size(),
                    "nothing of another account's private stat");
        }
    }
}
