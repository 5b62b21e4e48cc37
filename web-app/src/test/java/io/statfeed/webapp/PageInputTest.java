package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebClient.Page;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed, oversized, missing and hostile input on every page, image, embed and form: always a
 * 4xx that says what was wrong, as JSON {"status":4xx,"msg":"..."} for scripts and image tags and
 * as an error page for a browser navigating; never a 5xx, never a stack trace. One server on the
 * embedded backend serves the class (the parsing under test does not touch storage).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageInputTest {
    private final ServerPerBackend servers = new ServerPerBackend("input");
    private Site site;
    private Site.Member ada;
    private Stat stat;
    private Stat other;
    private Stat publicStat;
    private Dashboard board;
    private String csrf;

    @BeforeAll
    void start() {
        site = servers.site(Backend.EMBEDDED);
        ada = site.newMember("input");
        stat = site.counter(ada, "input signups");
        other = site.value(ada, "input load");
        publicStat = site.counter(ada, "input public");
        assertEquals(303, ada.browser().submit("/stats/" + publicStat.id() + "/public",
                WebClient.fields("public", "on")).status());
        board = site.dashboard(ada, "input board", stat, other);
        csrf = ada.browser().csrf();
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    @ParameterizedTest(name = "GET {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // time frames
            "/stats/ID?tf=bogus                          | 400 | time frame tf",
            "/stats/ID.json?tf=1x                        | 400 | time frame tf",
            "/stats/ID?tf=1y1m                           | 400 | at most 10080",
            "/stats/ID/graph.png?tf=1y1m                 | 400 | at most 10080",
            "/stats/ID/graph.svg?tf=0d1h                 | 400 | time frame tf",
            "/stats/ID/data.csv?tf=1y1m                  | 400 | at most 10080",
            "/stats/ID/data.csv?tf=-1h                   | 400 | time frame tf",
            "/compare.json?ids=ID&tf=nope                | 400 | time frame tf",
            "/compare/graph.png?ids=ID&tf=1y1m           | 400 | at most 10080",
            "/dashboards/DB?tf=bogus                     | 400 | time frame tf",
            "/dashboards/DB.json?tf=1y1m                 | 400 | at most 10080",
            "/embed/graph.png?s1=PUB&tf=forever          | 400 | time frame tf",
            "/s/PUB?tf=1y1m                              | 400 | at most 10080",
            // image sizes and options
            "/stats/ID/graph.png?w=0                     | 400 | w must be between",
            "/stats/ID/graph.png?w=99999                 | 400 | w must be between",
            "/stats/ID/graph.png?w=abc                   | 400 | w must be a whole number of pixels",
            "/stats/ID/graph.png?w=1.5                   | 400 | w must be a whole number of pixels",
            "/stats/ID/graph.png?w=99999999999999999999  | 400 | w must be a whole number of pixels",
            "/stats/ID/graph.png?w=-9223372036854775808  | 400 | w must be between",
            "/stats/ID/graph.svg?h=-1                    | 400 | h must be between",
            "/stats/ID/graph.svg?h=0x10                  | 400 | h must be a whole number of pixels",
            "/stats/ID/graph.png?style=pie               | 400 | style must be one of",
            "/stats/ID/graph.png?style=%3Cscript%3E      | 400 | style must be one of",
            "/stats/ID/graph.png?prev=maybe              | 400 | prev must be 1 or 0",
            "/stats/ID/graph.png?title=T121              | 400 | title is 121 characters; at most 120",
            "/stats/ID/graph.png?title=a%01b             | 400 | title must not contain control characters",
            "/stats/ID/graph.svg?title=a%0D%0Ab          | 400 | title must not contain control characters",
            "/compare/graph.svg?ids=ID&w=0               | 400 | w must be between",
            "/compare/graph.png?ids=ID&style=pie         | 400 | style must be one of",
            "/embed/graph.png?s1=PUB&w=99999             | 400 | w must be between",
            "/embed/graph.svg?s1=PUB&prev=maybe          | 400 | prev must be 1 or 0",
            "/embed/graph.png?s1=PUB&title=T121          | 400 | title is 121 characters",
            // overlays
            "/compare?ids=IDS21                          | 400 | at most 20 stats can be compared",
            "/compare/graph.png?ids=IDS21                | 400 | at most 20 stats can be compared",
            "/compare.json?ids=garbage                   | 404 | no stat with id 'garbage'",
            "/compare.json?ids=ID,garbage                | 404 | no stat with id 'garbage'",
            "/compare.json?ids=                          | 400 | choose at least one stat",
            "/compare.json                               | 400 | choose at least one stat",
            "/compare.json?ids=,,,%20,                   | 400 | choose at least one stat",
            "/compare.json?ids=LONGIDS                   | 400 | ids is too long",
            "/compare.json?ids=1234567890123456789012345 | 404 | no stat with id",
            // embeds
            "/embed/graph.png                            | 400 | name a stat to draw",
            "/embed/graph.svg?s1=                        | 400 | name a stat to draw",
            "/embed/graph.png?s1=A200                    | 404 | no shared stat for that key",
            "/embed/graph.png?s1=%27%22%3E%3Cscript%3E   | 404 | no shared stat for that key",
            "/embed/graph.png?s1=PUB&s2=nope             | 404 | no shared stat for that key",
            "/embed/graph.png?S21                        | 400 | at most 20 stats fit in one embedded graph",
            "/embed/open                                 | 400 | s1 is missing",
            "/embed/open?s1=                             | 400 | s1 is missing",
            "/s/A200                                     | 404 | no shared stat for that key",
            "/s/%27%22%3E%3Cscript%3E                    | 404 | no shared stat for that key",
            "/s/PUB.json.json                            | 404 | no shared stat for that key",
            // bad URL encoding in query strings
            "/stats?q=%zz                                | 400 | not valid URL encoding",
            "/stats.json?q=100%                          | 400 | not valid URL encoding",
            "/stats/ID?tf=%zz                            | 400 | not valid URL encoding",
            "/stats/ID/graph.png?w=%zz                   | 400 | not valid URL encoding",
            "/compare.json?ids=%zz                       | 400 | not valid URL encoding",
            "/embed/graph.png?s1=%zz                     | 400 | not valid URL encoding",
            "/embed/open?s1=%zz                          | 400 | not valid URL encoding",
            "/dashboards/DB?tf=%zz                       | 400 | not valid URL encoding",
            "/login?next=%zz                             | 400 | not valid URL encoding",
            // ids in paths
            "/stats/abc                                  | 404 | no stat with id 'abc'",
            "/stats/abc.json                             | 404 | no stat with id 'abc'",
            "/stats/-1                                   | 404 | no stat with id '-1'",
            "/stats/1234567890123456789012345            | 404 | no stat with id '1234567890123456789012345'",
            "/stats/1234567890123456789012345.json       | 404 | no stat with id",
            "/stats/9223372036854775808/graph.png        | 404 | no stat with id",
            "/stats/abc/graph.svg                        | 404 | no stat with id 'abc'",
            "/stats/1e3/data.csv                         | 404 | no stat with id '1e3'",
            "/stats/%E2%82%AC                            | 404 | no stat with id",
            "/dashboards/abc                             | 404 | no dashboard with id 'abc'",
            "/dashboards/1234567890123456789012345       | 404 | no dashboard with id",
            "/dashboards/1234567890123456789012345.json  | 404 | no dashboard with id",
            // repeated parameters
            "/stats/ID?tf=1h&tf=1d                       | 400 | tf is given 2 times",
            "/stats/ID/graph.png?w=100&w=200             | 400 | w is given 2 times",
            "/stats.json?q=a&q=b                         | 400 | q is given 2 times",
            "/embed/graph.png?s1=PUB&s1=PUB              | 400 | s1 is given 2 times",
            "/dashboards/DB.json?tf=1h&tf=1h             | 400 | tf is given 2 times",
            // list paging and search
            "/stats.json?offset=-1                       | 400 | offset must be 0 or more",
            "/stats.json?offset=abc                      | 400 | offset must be a whole number",
            "/stats.json?offset=99999999999              | 400 | offset must be between 0 and",
            "/stats.json?q=Q256                          | 400 | search text is 256 characters",
            // feeds
            "/feed.json?limit=1000                       | 400 | limit must be a whole number from 1 to 100",
            "/feed.json?limit=abc                        | 400 | limit must be a whole number",
            "/feed.json?id_lt=x                          | 400 | id_lt must be an activity id",
            "/feed.json?id_lt=99999999999999999999       | 400 | id_lt must be an activity id",
            "/people/abc                                 | 404 | no person with id 'abc'",
            "/people/99                                  | 404 | no person with id 99",
            "/feeds/nope/atom                            | 404 | no feed at this address",
            "/feeds/A200/atom                            | 404 | no feed at this address",
    })
    void a_bad_request_is_a_4xx_saying_what_was_wrong(String target, int status, String message) {
        String path = expand(target.strip());
        // An HTTP client refuses to send a malformed escape; a socket sends it as it is.
        boolean raw = path.matches(".*%(?![0-9A-Fa-f]{2}).*");

        Page json = raw ? ada.browser().rawGet(path) : ada.browser().get(path);
        Http.assertError(json.reply(), status, message.strip());

        String accept = "text/html,application/xhtml+xml,*/*;q=0.8";
        Page html = raw ? ada.browser().rawGet(path, "Accept", accept) : ada.browser().get(path, "Accept", accept);
        if (path.contains(".json")) {
            Http.assertError(html.reply(), status, message.strip()); // the JSON twin answers JSON whatever is accepted
        } else {
            assertErrorPage(html, status, message.strip());
        }
    }

    @ParameterizedTest(name = "POST {0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/dashboards                       | name=N101                          | 400 | dashboard name is 101 characters long; at most 100",
            "/dashboards                       | name=%20%20%20                     | 400 | dashboard name is missing",
            "/dashboards                       | ``                                 | 400 | dashboard name is missing",
            "/dashboards                       | name=a%00b                         | 400 | dashboard name may not contain control characters",
            "/dashboards                       | name=%zz                           | 400 | not valid URL encoding",
            "/dashboards                       | name=a&name=b                      | 400 | name is given 2 times",
            "/dashboards/DB/rename             | name=N101                          | 400 | dashboard name is 101 characters long",
            "/dashboards/DB/rename             | name=                              | 400 | dashboard name is missing",
            "/dashboards/abc/rename            | name=x                             | 404 | no dashboard with id 'abc'",
            "/dashboards/1234567890123456789012345/delete | ``                      | 404 | no dashboard with id",
            "/dashboards/DB/stats              | stat_id=abc                        | 400 | stat_id must be a stat id, got 'abc'",
            "/dashboards/DB/stats              | stat_id=1234567890123456789012345  | 400 | stat_id must be a stat id",
            "/dashboards/DB/stats              | ``                                 | 400 | stat_id is missing",
            "/dashboards/DB/stats              | stat_id=99                         | 404 | no stat with id 99",
            "/dashboards/DB/stats/OTHER/move   | dir=sideways                       | 400 | dir must be earlier or later",
            "/dashboards/DB/stats/OTHER/move   | ``                                 | 400 | dir must be earlier or later",
            "/dashboards/DB/stats/PUB/move     | dir=later                          | 404 | is not on this dashboard",
            "/dashboards/DB/stats/abc/move     | dir=later                          | 404 | no stat with id 'abc'",
            "/dashboards/DB/stats/abc/remove   | ``                                 | 404 | no stat with id 'abc'",
            "/dashboards/DB/order              | ids=ID                             | 400 | must name each of the dashboard's 2 stats exactly once",
            "/dashboards/DB/order              | ids=ID,ID                          | 400 | must name each of the dashboard's 2 stats exactly once",
            "/dashboards/DB/order              | ids=ID,OTHER,PUB                   | 400 | must name each of the dashboard's 2 stats exactly once",
            "/dashboards/DB/order              | ids=ID,PUB                         | 400 | must name each of the dashboard's 2 stats exactly once",
            "/dashboards/DB/order              | ids=OTHER,ID,ID                    | 400 | must name each of the dashboard's 2 stats exactly once",
            "/dashboards/DB/order              | ids=a,b                            | 400 | ids must be stat ids separated by commas, got 'a'",
            "/dashboards/DB/order              | ids=ID,,OTHER                      | 400 | ids must be stat ids separated by commas",
            "/dashboards/DB/order              | ids=IDS200                         | 400 | must name each of the dashboard's 2 stats exactly once",
            "/dashboards/DB/order              | ``                                 | 400 | ids is missing",
            "/stats/ID/public                  | public=maybe                       | 400 | public must be on or off",
            "/stats/ID/public                  | ``                                 | 400 | public must be on or off",
            "/stats/abc/public                 | public=on                          | 404 | no stat with id 'abc'",
            "/stats/1234567890123456789012345/share | ``                            | 404 | no stat with id",
            "/stats/ID/dashboards              | dashboard=abc                      | 400 | dashboard must be a dashboard id",
            "/stats/ID/dashboards              | dashboard=99                       | 404 | no dashboard with id 99",
            "/settings/email-ezkey             | enabled=maybe                      | 400 | enabled must be on or off",
            "/settings/email-ezkey             | enabled=on&enabled=off             | 400 | enabled is given 2 times",
            "/settings/keys/pin/replace        | ``                                 | 400 | no such key 'pin': ezkey or ukey",
            "/settings/keys/%3Cscript%3E/replace | ``                               | 400 | no such key '<script>': ezkey or ukey",
            "/settings/tokens                  | name=N101                          | 400 | token name is 101 characters long",
            "/settings/tokens                  | ``                                 | 400 | token name is missing",
            "/settings/tokens/abc/revoke       | ``                                 | 404 | no access token with id 'abc'",
            "/settings/tokens/99/revoke        | ``                                 | 404 | 99",
            "/follows                          | type=planet&id=1&following=on      | 400 | type 'planet' is not one of stat, dashboard, user",
            "/follows                          | id=1&following=on                  | 400 | type is missing",
            "/follows                          | type=stat&following=on             | 400 | id is missing",
            "/follows                          | type=stat&id=ID                    | 400 | following is missing",
            "/follows                          | type=stat&id=ID&following=maybe    | 400 | following must be on or off",
            "/follows                          | type=stat&id=1%20OR%201&following=on | 400 | id must be a stat's id",
            "/follows                          | type=stat&id=99&following=on       | 404 | no stat with id 99",
            "/follows                          | type=dashboard&id=99&following=on  | 404 | no dashboard with id 99",
            "/stats/ID/annotations             | text=N501                          | 400 | text is 501 characters long; at most 500",
            "/stats/ID/annotations             | ``                                 | 400 | text is missing",
            "/stats/ID/annotations             | text=a%00b                         | 400 | text may not contain control characters",
            "/stats/ID/annotations             | text=x&time=yesterday              | 400 | time must be a unix time",
            "/stats/abc/annotations            | text=x                             | 404 | no stat with id 'abc'",
            "/annotations/abc/delete           | ``                                 | 404 | no annotation with id 'abc'",
            "/annotations/99/delete            | ``                                 | 404 | no annotation with id 99",
            "/notifications/mark               | group=nope                         | 400 | group 'nope' is not one of your notifications",
            "/notifications/mark               | group=G121                         | 400 | group is 121 characters long",
            "/notifications/mark               | read=maybe                         | 400 | read must be on or off",
    })
    void a_bad_form_is_a_4xx_saying_what_was_wrong(String path, String body, int status, String message) {
        String form = "csrf=" + csrf + (body == null || body.isBlank() ? "" : "&" + expand(body.strip()));
        String target = expand(path.strip());

        Page json = ada.browser().postBody(target, WebClient.FORM, form);
        Http.assertError(json.reply(), status, message.strip());

        Page html = ada.browser().postBody(target, WebClient.FORM, form, "Accept", "text/html");
        assertErrorPage(html, status, message.strip());
        assertEquals(List.of(stat.id(), other.id()), site.dashboardStats(ada, board.id()), "the dashboard is untouched");
    }

    @Test
    void a_form_body_over_16_KiB_is_a_413() {
        for (String path : List.of("/dashboards", "/signup", "/login", "/stats/" + stat.id() + "/public")) {
            String body = "csrf=" + csrf + "&name=" + "n".repeat(20 * 1024);
            Http.assertError(ada.browser().postBody(path, WebClient.FORM, body).reply(), 413, "larger than 16384 bytes");
        }
        assertEquals(1, ada.browser().getJson("/dashboards.json").json().get("dashboards").size());
    }

    @Test
    void a_streamed_form_body_over_16_KiB_without_a_length_is_a_413() {
        byte[] body = ("csrf=" + csrf + "&name=" + "n".repeat(1_000_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Http.Reply reply = ada.browser().postStreamed("/dashboards", WebClient.FORM, body).reply();
        Http.assertError(reply, 413, "larger than 16384 bytes");
    }

    @Test
    void a_multipart_form_is_refused_with_a_400() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf
                + "\r\n--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nmultipart\r\n--b--\r\n";
        Page page = ada.browser().postBody("/dashboards", "multipart/form-data; boundary=b", body);
        Http.assertError(page.reply(), 400, "send the form as application/x-www-form-urlencoded");
    }

    @Test
    void a_form_sent_as_json_is_read_as_a_form_without_fields() {
        Page page = ada.browser().postBody("/dashboards", "application/json", "{\"name\":\"from json\"}",
                "X-CSRF-Token", csrf);
        Http.assertError(page.reply(), 400, "dashboard name is missing");
    }

    @Test
    void hostile_log_in_and_sign_up_forms_are_a_4xx() {
        WebClient browser = site.anonymous();
        String token = browser.get("/login").csrf();
        for (String body : List.of("email=" + "e".repeat(5_000) + "@example.com&password=" + "p".repeat(5_000),
                "email=a%40example.com&password=" + "%C3%BC".repeat(100), "email=%zz&password=x",
                "email=a@example.com&email=b@example.com&password=12345678", "email=&password=",
                "email=%00&password=%00%00%00%00%00%00%00%00")) {
            for (String path : List.of("/login", "/signup")) {
                Page page = browser.postBody(path, WebClient.FORM, "csrf=" + token + "&" + body);
                assertTrue(page.status() >= 400 && page.status() < 500, path + " " + body + ": " + page);
                assertFalse(page.body().contains("Exception") || page.body().contains("\tat "), page.body());
            }
        }
    }

    @Test
    void hostile_text_is_escaped_in_the_error_page() {
        Page page = ada.browser().getHtml("/stats/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertEquals(404, page.status(), page.toString());
        assertFalse(page.body().contains("<script>alert(1)"), page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(1)"), page.body());
    }

    // ---- helpers ----

    private String expand(String text) {
        return text.replace("IDS21", IntStream.rangeClosed(1, 21).mapToObj(Integer::toString)
                        .collect(Collectors.joining(",")))
                .replace("IDS200", IntStream.rangeClosed(1, 200).mapToObj(Integer::toString)
                        .collect(Collectors.joining(",")))
                .replace("LONGIDS", "1,".repeat(600))
                .replace("S21", IntStream.rangeClosed(1, 21).mapToObj(i -> "s" + i + "=" + i)
                        .collect(Collectors.joining("&")))
                .replace("A200", "a".repeat(200))
                .replace("T121", "t".repeat(121))
                .replace("N101", "n".repeat(101))
                .replace("N501", "n".repeat(501))
                .replace("G121", "g".repeat(121))
                .replace("Q256", "q".repeat(256))
                .replace("OTHER", Long.toString(other.id()))
                .replace("PUB", Long.toString(publicStat.id()))
                .replace("DB", Long.toString(board.id()))
                .replace("ID", Long.toString(stat.id()));
    }

    /** A browser navigating gets a page that shows the status and the message, escaped. */
    private static void assertErrorPage(Page page, int status, String message) {
        assertEquals(status, page.status(), page.toString());
        assertTrue(page.contentType().startsWith("text/html"), page.toString());
        assertTrue(page.body().contains("Error " + status), page.body());
        assertTrue(page.body().contains(escape(message)), "the page shows '" + message + "': " + page.body());
        assertFalse(page.body().contains("Exception") || page.body().contains("\tat "), page.body());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
