package io.statfeed.webapp;

import static io.statfeed.webapp.WebClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebClient.Page;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every state-changing form of the site refuses a post without the CSRF token of the visitor's own
 * session (or, before sign-in, of the visitor's own CSRF cookie), and changes nothing then; the
 * token-authenticated APIs take none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfTest {
    private static final String REFUSED = "this form has expired or came from another site";

    private final ServerPerBackend servers = new ServerPerBackend("csrf");
    private Site site;
    private TestServer test;

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    /**
     * One state-changing post, ready to send for a signed-in member.
     *
     * @param state what the post changes, read through the member's own JSON pages
     */
    private record Change(String path, Map<String, String> fields, int successStatus, Supplier<String> state) {
    }

    static Stream<String> signedInRoutes() {
        return Stream.of("/stats/{id}/public", "/stats/{id}/share", "/stats/{id}/share/revoke",
                "/stats/{id}/dashboards", "/dashboards", "/dashboards/{id}/rename", "/dashboards/{id}/delete",
                "/dashboards/{id}/stats", "/dashboards/{id}/order", "/dashboards/{id}/stats/{statId}/remove",
                "/dashboards/{id}/stats/{statId}/move", "/settings/tokens", "/settings/tokens/{id}/revoke",
                "/settings/email-ezkey", "/settings/keys/ezkey/replace", "/logout");
    }

    @ParameterizedTest
    @MethodSource("signedInRoutes")
    void a_signed_in_form_post_needs_the_sessions_own_token(String route) {
        Site.Member ada = site().newMember("csrf");
        Site.Member eve = site().newMember("csrf-other");
        Change change = change(route, ada);
        String before = change.state().get();
        WebClient browser = ada.browser();
        String anonymousToken = site().anonymous().get("/login").csrf();

        assertRefused(browser.post(change.path(), change.fields()));
        assertRefused(browser.post(change.path(), with(change.fields(), "csrf", "x".repeat(32))));
        assertRefused(browser.post(change.path(), with(change.fields(), "csrf", eve.browser().csrf())));
        assertRefused(browser.post(change.path(), with(change.fields(), "csrf", "")));
        assertRefused(browser.post(change.path(), change.fields(), "X-CSRF-Token", eve.browser().csrf()));
        browser.setCookie("statfeed_csrf", anonymousToken); // a signed-in post is not a pre-session double submit
        assertRefused(browser.post(change.path(), with(change.fields(), "csrf", anonymousToken)));
        assertEquals(before, change.state().get(), "a refused post changes nothing");

        Page done = browser.post(change.path(), with(change.fields(), "csrf", browser.csrf()));

        assertEquals(change.successStatus(), done.status(), done.toString());
        assertNotEquals(before, change.state().get(), "the post with the right token did its work");
    }

    @Test
    void the_token_may_come_in_the_header_instead_of_the_form() {
        Site.Member ada = site().newMember("csrf-header");
        Page done = ada.browser().post("/dashboards", fields("name", "from a script"), "X-CSRF-Token",
                ada.browser().csrf());
        assertEquals(303, done.status(), done.toString());
        assertTrue(ada.browser().getJson("/dashboards.json").body().contains("from a script"));
    }

    @Test
    void a_browser_navigating_sees_the_refusal_as_a_page() {
        Site.Member ada = site().newMember("csrf-page");
        Page page = ada.browser().post("/dashboards", fields("name", "x"), "Accept", "text/html");

        assertEquals(403, page.status(), page.toString());
        assertTrue(page.contentType().startsWith("text/html"), page.toString());
        assertTrue(page.body().contains(REFUSED), page.body());
    }

    @Test
    void signing_up_needs_the_token_of_the_browsers_own_csrf_cookie() {
        WebClient browser = site().anonymous();
        String own = browser.get("/signup").csrf();
        String someoneElses = site().anonymous().get("/signup").csrf();
        String email = Site.newEmail("csrf-signup");
        Map<String, String> form = fields("email", email, "password", Site.PASSWORD);

        assertRefused(browser.post("/signup", form));
        assertRefused(browser.post("/signup", with(form, "csrf", "x".repeat(32))));
        assertRefused(browser.post("/signup", with(form, "csrf", someoneElses)));
        WebClient cookieless = site().anonymous();
        assertRefused(cookieless.post("/signup", with(form, "csrf", own)));
        assertEquals(201, test.http.signUp(email, Site.PASSWORD).status(), "the refused sign-ups created no account");

        Page done = browser.post("/signup", with(fields("email", Site.newEmail("csrf-signup"), "password",
                Site.PASSWORD), "csrf", own));
        assertEquals(303, done.status(), done.toString());
    }

    @Test
    void logging_in_needs_the_token_of_the_browsers_own_csrf_cookie() {
        Site.Member ada = site().newMember("csrf-login");
        WebClient browser = site().anonymous();
        String own = browser.get("/login").csrf();
        String someoneElses = site().anonymous().get("/login").csrf();
        Map<String, String> form = fields("email", ada.email(), "password", Site.PASSWORD);

        for (Page refused : new Page[] {browser.post("/login", form),
                browser.post("/login", with(form, "csrf", "y".repeat(32))),
                browser.post("/login", with(form, "csrf", someoneElses))}) {
            assertRefused(refused);
            assertTrue(refused.setCookie("statfeed_session").isEmpty(), "no session for a refused log-in");
        }

        Page done = browser.post("/login", with(form, "csrf", own));
        assertEquals(303, done.status(), done.toString());
    }

    @Test
    void the_token_authenticated_apis_take_no_csrf_token_even_from_a_browser_with_a_session() {
        Site.Member ada = site().newMember("csrf-api");
        Stat stat = site().counter(ada, "deleted by script");

        Page created = ada.browser().postBody("/api/v1/accounts", "application/json",
                "{\"email\":\"" + Site.newEmail("csrf-api-new") + "\",\"password\":\"" + Site.PASSWORD + "\"}");
        assertEquals(201, created.status(), created.toString());

        Http.Reply deleted = test.http.delete("/x/" + ada.accessToken() + "/stats/" + stat.id());
        assertEquals(200, deleted.status(), deleted.body());
    }

    @Test
    void a_path_dressed_as_an_api_path_does_not_slip_past_the_guard() {
        Site.Member ada = site().newMember("csrf-path");
        Stat stat = site().counter(ada, "guarded");
        String cookie = "statfeed_session=" + ada.browser().cookie("statfeed_session").orElseThrow();
        for (String path : new String[] {"/x/..%2Fstats/" + stat.id() + "/public", "/api/%2e%2e/stats/" + stat.id()
                + "/public", "/x/../stats/" + stat.id() + "/public", "/api/../stats/" + stat.id() + "/public"}) {
            Http.Reply reply = test.http.raw("POST " + path + " HTTP/1.1\r\nCookie: " + cookie
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9", "public=on");
            assertTrue(reply.status() >= 400 && reply.status() < 500, path + ": " + reply);
        }
        assertTrue(!site().reload(stat).isPublic(), "the stat stayed private");
    }

    // ---- the routes, each set up for a member ----

    private Change change(String route, Site.Member ada) {
        Stat stat = site().counter(ada, "csrf stat");
        Stat other = site().counter(ada, "csrf other");
        Dashboard board = site().dashboard(ada, "csrf board", stat, other);
        WebClient browser = ada.browser();
        Supplier<String> statJson = () -> browser.getJson("/stats/" + stat.id() + ".json").json().get("public")
                + " " + site().shareToken(stat);
        Supplier<String> boards = () -> browser.getJson("/dashboards.json").body();
        Supplier<String> board1 = () -> browser.getJson("/dashboards/" + board.id() + ".json").body();
        Supplier<String> settings = () -> browser.getJson("/settings.json").body();
        String path = route.replace("{id}", Long.toString(route.startsWith("/stats") ? stat.id() : board.id()))
                .replace("{statId}", Long.toString(stat.id()));
        return switch (route) {
            case "/stats/{id}/public" -> new Change(path, fields("public", "on"), 303, statJson);
            case "/stats/{id}/share" -> new Change(path, fields(), 303, statJson);
            case "/stats/{id}/share/revoke" -> {
                assertEquals(303, browser.submit("/stats/" + stat.id() + "/share", fields()).status());
                yield new Change(path, fields(), 303, statJson);
            }
            case "/stats/{id}/dashboards" -> {
                Dashboard empty = site().dashboard(ada, "csrf empty");
                yield new Change(path, fields("dashboard", Long.toString(empty.id())), 303,
                        () -> browser.getJson("/dashboards/" + empty.id() + ".json").body());
            }
            case "/dashboards" -> new Change(path, fields("name", "csrf new"), 303, boards);
            case "/dashboards/{id}/rename" -> new Change(path, fields("name", "csrf renamed"), 303, boards);
            case "/dashboards/{id}/delete" -> new Change(path, fields(), 303, boards);
            case "/dashboards/{id}/stats" -> new Change(path,
                    fields("stat_id", Long.toString(site().counter(ada, "csrf third").id())), 303, board1);
            case "/dashboards/{id}/order" -> new Change(path, fields("ids", other.id() + "," + stat.id()), 303, board1);
            case "/dashboards/{id}/stats/{statId}/remove" -> new Change(path, fields(), 303, board1);
            case "/dashboards/{id}/stats/{statId}/move" -> new Change(path, fields("dir", "later"), 303, board1);
            case "/settings/tokens" -> new Change(path, fields("name", "csrf token"), 200, settings);
            case "/settings/tokens/{id}/revoke" -> new Change(path.replace(Long.toString(board.id()),
                    browser.getJson("/settings.json").json().get("access_tokens").get(0).get("id").textValue()),
                    fields(), 303, settings);
            case "/settings/email-ezkey" -> new Change(path, fields("enabled", "on"), 303, settings);
            case "/settings/keys/ezkey/replace" -> new Change(path, fields(), 303, settings);
            case "/logout" -> {
                WebClient sameSession = site().anonymous();
                sameSession.setCookie("statfeed_session", browser.cookie("statfeed_session").orElseThrow());
                yield new Change(path, fields(), 303,
                        () -> Integer.toString(sameSession.getJson("/stats.json").status()));
            }
            default -> throw new IllegalArgumentException(route);
        };
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(fields);
        copy.put(name, value);
        return copy;
    }

    private static void assertRefused(Page page) {
        Http.assertError(page.reply(), 403, REFUSED);
    }

    private Site site() {
        if (site == null) {
            test = servers.server(Backend.EMBEDDED);
            site = servers.site(Backend.EMBEDDED);
        }
        return site;
    }
}
