package io.statfeed.webapp;

import static io.statfeed.webapp.Site.THIS_MINUTE;
import static io.statfeed.webapp.WebClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebClient.Page;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pages themselves, for a signed-in member with data: each renders with 200 and shows what it
 * is about, escapes what people named, and carries the headers that keep it from being framed,
 * sniffed or leaking its address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesRenderTest {
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final String HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    private final ServerPerBackend servers = new ServerPerBackend("pages");

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    private record Account(Site.Member member, Stat signups, Stat load, Dashboard board) {
    }

    private Account account(Site site, String who) {
        Site.Member ada = site.newMember(who);
        Stat signups = site.counter(ada, "signups");
        Stat load = site.value(ada, "api latency ms");
        for (int minute = 1; minute <= 90; minute++) {
            site.record(signups, THIS_MINUTE - 60L * minute, minute % 7);
            site.record(load, THIS_MINUTE - 60L * minute, 100 + minute % 13);
        }
        site.record(signups, THIS_MINUTE - 20 * 86_400L, 40);
        Dashboard board = site.dashboard(ada, "shop overview", signups, load);
        return new Account(ada, signups, load, board);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void every_page_of_a_member_with_data_renders_with_its_names(Backend backend) {
        Site site = servers.site(backend);
        Account account = account(site, "render");
        WebClient browser = account.member().browser();
        long signups = account.signups().id();
        long load = account.load().id();

        assertPage(browser.get("/stats"), "signups", "api latency ms", "/stats/" + signups, account.member().email());
        assertPage(browser.get("/stats?q=latency"), "api latency ms");
        assertFalse(browser.get("/stats?q=latency").body().contains(">signups<"), "the search leaves others out");
        for (String frame : List.of("1h", "1d", "1w", "1M", "3M", "1y", "all")) {
            assertPage(browser.get("/stats/" + signups + "?tf=" + frame), "signups", "vs previous " + frame,
                    "/stats/" + signups + "/graph.png?tf=" + frame, "/stats/" + signups + "/data.csv?tf=" + frame);
            assertPage(browser.get("/stats/" + load + "?tf=" + frame), "api latency ms", "Mean");
        }
        assertPage(browser.get("/stats/" + signups + "?tf=2h5m"), "signups", "vs previous 2h5m");
        assertPage(browser.get("/compare?ids=" + signups + "," + load + "&tf=1d"), "signups", "api latency ms",
                "/compare/graph.png?ids=" + signups + "," + load);
        assertPage(browser.get("/dashboards"), "shop overview", "/dashboards/" + account.board().id());
        assertPage(browser.get("/dashboards/" + account.board().id()), "shop overview", "signups", "api latency ms",
                "/stats/" + signups + "/graph.png");
        for (String frame : List.of("1h", "1w", "all")) {
            assertPage(browser.get("/dashboards/" + account.board().id() + "?tf=" + frame), "shop overview");
        }
        assertPage(browser.get("/settings"), account.member().ezkey(), account.signups().key(), "signups",
                "default");
    }

    @Test
    void a_newcomer_without_stats_is_shown_how_to_send_the_first_one() {
        Site.Member ada = servers.site(Backend.EMBEDDED).newMember("render-empty");
        Page page = ada.browser().get("/stats");
        assertPage(page, "curl", ada.ezkey());
        assertPage(ada.browser().get("/dashboards"));
    }

    @Test
    void the_pages_anyone_may_open_render() {
        Site site = servers.site(Backend.EMBEDDED);
        Account account = account(site, "render-public");
        WebClient owner = account.member().browser();
        assertEquals(303, owner.submit("/stats/" + account.signups().id() + "/public", fields("public", "on")).status());
        WebClient anyone = site.anonymous();

        assertPage(anyone.get("/"), "/signup", "/login");
        assertPage(anyone.get("/login"), "Log in");
        assertPage(anyone.get("/signup"), "/signup");
        assertPage(anyone.get("/stats/" + account.signups().id()), "signups");
        assertPage(anyone.get("/s/" + account.signups().id()), "signups");
        Page home = owner.get("/");
        assertEquals(303, home.status(), "a member's home is their stats");
        assertEquals("/stats", home.location());
        Page script = anyone.get("/embed.js");
        assertEquals(200, script.status());
        assertTrue(script.contentType().startsWith("text/javascript"), script.contentType());
        assertTrue(script.body().contains("StatHatEmbed"), "StatHat's embed function");
    }

    @Test
    void what_people_named_is_escaped_on_every_page() {
        Site site = servers.site(Backend.EMBEDDED);
        Site.Member ada = site.newMember("render-hostile");
        Stat hostile = site.counter(ada, HOSTILE);
        site.record(hostile, THIS_MINUTE - 60, 1);
        Stat plain = site.counter(ada, "plain");
        Dashboard board = site.dashboard(ada, HOSTILE, hostile, plain);
        WebClient browser = ada.browser();
        assertEquals(200, browser.submit("/settings/tokens", fields("name", HOSTILE)).status());
        assertEquals(303, browser.submit("/stats/" + hostile.id() + "/share", fields()).status());
        String token = site.shareToken(hostile).orElseThrow();

        for (String url : List.of("/stats", "/stats?q=" + WebClient.encode(java.util.Map.of("", HOSTILE)).substring(1),
                "/stats/" + hostile.id(), "/stats/" + plain.id(), "/compare?ids=" + hostile.id() + "," + plain.id(),
                "/dashboards", "/dashboards/" + board.id(), "/settings")) {
            Page page = browser.get(url);
            assertEquals(200, page.status(), url + ": " + page);
            assertFalse(page.body().contains(HOSTILE), url + " shows the name as markup: " + page.body());
            assertTrue(page.body().contains(HOSTILE_ESCAPED), url + " shows the name as text");
        }
        Page shared = site.anonymous().get("/s/" + token);
        assertEquals(200, shared.status());
        assertFalse(shared.body().contains(HOSTILE));
        assertTrue(shared.body().contains(HOSTILE_ESCAPED));
        Page json = browser.get("/stats/" + hostile.id() + ".json");
        assertEquals(HOSTILE, json.json().get("name").textValue(), "JSON carries the name as it is");
        assertTrue(json.contentType().startsWith("application/json"));
        Page csv = browser.get("/stats/" + hostile.id() + "/data.csv");
        assertEquals("attachment; filename=\"-script-alert-1-script--1d.csv\"", csv.header("Content-Disposition"));
    }

    @Test
    void an_svg_graph_holds_names_and_titles_as_text_never_as_markup() {
        Site site = servers.site(Backend.EMBEDDED);
        Site.Member ada = site.newMember("render-svg");
        Stat hostile = site.counter(ada, HOSTILE);
        site.record(hostile, THIS_MINUTE - 60, 3);
        assertEquals(303, ada.browser().submit("/stats/" + hostile.id() + "/public", fields("public", "on")).status());
        String title = WebClient.encode(java.util.Map.of("", "<svg onload=alert(2)>\"'&")).substring(1);

        for (String url : List.of("/embed/graph.svg?s1=" + hostile.id() + "&title=" + title,
                "/stats/" + hostile.id() + "/graph.svg?title=" + title,
                "/compare/graph.svg?ids=" + hostile.id() + "&title=" + title)) {
            Page svg = site.anonymous().get(url);
            assertEquals(200, svg.status(), url + ": " + svg);
            assertEquals("image/svg+xml", svg.contentType().split(";")[0]);
            assertFalse(svg.body().contains("<script"), url + ": " + svg.body());
            assertFalse(svg.body().contains("<svg onload"), url + ": " + svg.body());
            assertEquals("nosniff", svg.header("X-Content-Type-Options"), url);
            assertEquals("default-src 'none'; style-src 'unsafe-inline'", svg.header("Content-Security-Policy"),
                    "opened on its own, the SVG runs no script: " + url);
        }
    }

    @Test
    void pages_carry_the_security_headers() {
        Site site = servers.site(Backend.EMBEDDED);
        Account account = account(site, "render-headers");
        WebClient browser = account.member().browser();
        WebClient anyone = site.anonymous();
        List<Page> pages = List.of(anyone.get("/"), anyone.get("/login"), anyone.get("/signup"),
                anyone.logIn("nobody@example.com", "wrong password"), anyone.getHtml("/s/nothing-shared"),
                anyone.getHtml("/nope"), browser.get("/stats"), browser.get("/stats/" + account.signups().id()),
                browser.get("/compare?ids=" + account.signups().id()), browser.get("/dashboards"),
                browser.get("/dashboards/" + account.board().id()), browser.get("/settings"),
                browser.submit("/settings/tokens", fields("name", "headers")),
                browser.getHtml("/stats/" + account.signups().id() + "?tf=bogus"));
        for (Page page : pages) {
            assertTrue(page.contentType().startsWith("text/html"), page.toString());
            String csp = page.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && csp.contains("object-src 'none'") && !csp.contains("unsafe-inline"), page + " CSP " + csp);
            assertEquals("nosniff", page.header("X-Content-Type-Options"), page.toString());
            assertEquals("same-origin", page.header("Referrer-Policy"), page.toString());
        }
        Page png = browser.get("/stats/" + account.signups().id() + "/graph.png");
        assertTrue(png.header("Cache-Control").startsWith("private"), "an owner's private graph is not kept by caches");
    }

    private static void assertPage(Page page, String... texts) {
        assertEquals(200, page.status(), page.toString());
        assertEquals("text/html;charset=utf-8", page.contentType());
        assertTrue(page.body().startsWith("<!DOCTYPE html>"), page.toString());
        for (String text : texts) {
            assertTrue(page.body().contains(text), "the page should show '" + text + "': " + page.body());
        }
    }
}
