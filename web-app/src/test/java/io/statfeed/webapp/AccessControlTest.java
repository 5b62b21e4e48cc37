package io.statfeed.webapp;

import static io.statfeed.webapp.WebClient.fields;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebClient.Page;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who sees what: a private stat is seen by its own account only, through any of its addresses
 * (page, JSON twin, images, CSV, overlays, embeds); a public one by anyone; a private one shared by
 * link by whoever holds the current link. Another account's dashboards neither open nor change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private final ServerPerBackend servers = new ServerPerBackend("access");

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_private_stat_is_not_served_to_anyone_but_its_own_account(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("private-owner");
        Site.Member eve = site.newMember("private-eve");
        Stat secret = site.counter(ada, "private revenue");
        site.record(secret, Site.THIS_MINUTE - 120, 7);
        Stat eves = site.counter(eve, "eve's own");
        String id = Long.toString(secret.id());

        // A browser with nobody signed in is asked to log in (it may be the owner's bookmark); the
        // answer is the same for every id, so it says nothing about the stat.
        Page asked = site.anonymous().getHtml("/stats/" + id);
        assertEquals(303, asked.status(), asked.toString());
        assertEquals("/login?next=%2Fstats%2F" + id, asked.location());
        assertEquals(asked.location().replace(id, "1"), site.anonymous().getHtml("/stats/1").location());
        for (WebClient outsider : List.of(site.anonymous(), eve.browser())) {
            for (String url : addressesOf(id)) {
                assertNotServed(outsider.get(url), url, secret);
                assertNotServed(outsider.getJson(url), url, secret);
            }
            assertNotServed(outsider.get("/stats/" + id, "Accept", "application/json"), "Accept JSON", secret);
            Page page = eve.browser().getHtml("/stats/" + id);
            assertEquals(404, page.status(), page.toString());
            assertTrue(page.contentType().startsWith("text/html"), "a browser gets a page: " + page);
            assertFalse(page.body().contains(secret.name()), page.body());
            assertNotServed(outsider.get("/embed/graph.png?s1=" + eves.id() + "&s2=" + id), "s2", secret);
            Page open = outsider.get("/embed/open?s1=" + id);
            assertEquals("/s/" + id, open.location(), "the embed's link leads to the shared page, which is 404");
        }
        assertNotServed(eve.browser().get("/compare.json?ids=" + eves.id() + "," + id), "mixed overlay", secret);
        assertNotServed(eve.browser().get("/compare/graph.png?ids=" + eves.id() + "&ids=" + id), "mixed image", secret);

        WebClient owner = ada.browser();
        for (String url : List.of("/stats/" + id, "/stats/" + id + ".json", "/stats/" + id + "/graph.png",
                "/stats/" + id + "/graph.svg", "/stats/" + id + "/data.csv", "/compare?ids=" + id,
                "/compare.json?ids=" + id, "/compare/graph.png?ids=" + id, "/compare/graph.svg?ids=" + id)) {
            assertEquals(200, owner.get(url).status(), url);
        }
        for (String url : List.of("/embed/graph.png?s1=" + id, "/s/" + id, "/s/" + id + ".json")) {
            assertEquals(404, owner.get(url).status(), "by id, a private stat is not embedded even for its owner: " + url);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void once_public_a_stat_is_seen_and_embedded_by_id_by_anyone_without_its_keys(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("public-owner");
        Stat stat = site.value(ada, "public latency");
        site.record(stat, Site.THIS_MINUTE - 60, 12.5);
        String id = Long.toString(stat.id());
        assertEquals(303, ada.browser().submit("/stats/" + id + "/share", fields()).status());
        String shareToken = site.shareToken(stat).orElseThrow();

        Page madePublic = ada.browser().submit("/stats/" + id + "/public", fields("public", "on"));

        assertEquals(303, madePublic.status(), madePublic.toString());
        assertEquals("/stats/" + id, madePublic.location());
        WebClient anyone = site.anonymous();
        Page page = anyone.get("/stats/" + id);
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.body().contains("public latency"));
        for (String url : List.of("/stats/" + id + ".json", "/s/" + id + ".json")) {
            Page json = anyone.get(url);
            assertEquals(200, json.status(), url + ": " + json);
            assertEquals("public latency", json.json().get("name").textValue());
            assertTrue(json.json().get("public").booleanValue());
        }
        assertEquals(anyone.get("/stats/" + id + ".json").body(),
                anyone.get("/stats/" + id, "Accept", "application/json").body());
        assertImage(anyone.get("/stats/" + id + "/graph.png?tf=1h"), "image/png");
        assertImage(anyone.get("/stats/" + id + "/graph.svg?tf=1h"), "image/svg+xml");
        assertEquals(200, anyone.get("/stats/" + id + "/data.csv?tf=1h").status());
        assertEquals(200, anyone.get("/compare.json?ids=" + id).status());
        Page embedded = anyone.get("/embed/graph.png?s1=" + id + "&tf=1d&w=300&h=100");
        assertImage(embedded, "image/png");
        assertEquals("*", embedded.header("Access-Control-Allow-Origin"));
        assertTrue(embedded.header("Cache-Control").startsWith("public"), embedded.header("Cache-Control"));
        assertImage(anyone.get("/embed/graph.svg?s1=" + id), "image/svg+xml");
        assertEquals(200, anyone.get("/s/" + id).status());
        for (String url : List.of("/stats/" + id, "/stats/" + id + ".json", "/s/" + id, "/s/" + id + ".json",
                "/compare.json?ids=" + id, "/compare?ids=" + id)) {
            assertNoSecrets(anyone.get(url), url, site.reload(stat), ada, shareToken);
        }
        Page anotherAccount = site.newMember("public-viewer").browser().get("/stats/" + id + ".json");
        assertEquals(200, anotherAccount.status());
        assertNoSecrets(anotherAccount, "another account's view", site.reload(stat), ada, shareToken);

        assertEquals(303, ada.browser().submit("/stats/" + id + "/public", fields("public", "off")).status());
        for (String url : addressesOf(id)) {
            assertNotServed(anyone.get(url), "private again: " + url, stat);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_share_link_opens_a_private_stat_until_a_new_link_replaces_it_or_it_is_revoked(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("share-owner");
        Stat stat = site.counter(ada, "shared orders");
        site.record(stat, Site.THIS_MINUTE - 300, 4);
        String id = Long.toString(stat.id());

        assertEquals(303, ada.browser().submit("/stats/" + id + "/share", fields()).status());
        String first = site.shareToken(stat).orElseThrow();
        assertTrue(ada.browser().get("/stats/" + id).body().contains("/s/" + first), "the owner sees the link");

        for (WebClient holder : List.of(site.anonymous(), site.newMember("share-holder").browser())) {
            assertShared(holder, first, stat, ada);
            assertNotServed(holder.get("/stats/" + id), "the stat's own address stays closed", stat);
            assertNotServed(holder.get("/stats/" + id + "/graph.png"), "its own images too", stat);
            Page open = holder.get("/embed/open?s1=" + first);
            assertEquals(303, open.status());
            assertEquals("/s/" + first, open.location());
        }

        assertEquals(303, ada.browser().submit("/stats/" + id + "/share", fields()).status());
        String second = site.shareToken(stat).orElseThrow();
        WebClient anyone = site.anonymous();
        assertFalse(first.equals(second));
        assertSharedNoMore(anyone, first, stat);
        assertShared(anyone, second, stat, ada);

        assertEquals(303, ada.browser().submit("/stats/" + id + "/share/revoke", fields()).status());
        assertSharedNoMore(anyone, second, stat);
        assertFalse(ada.browser().get("/stats/" + id).body().contains("/s/" + second));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void another_accounts_dashboard_neither_opens_nor_changes(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("board-owner");
        Site.Member eve = site.newMember("board-eve");
        Stat first = site.counter(ada, "board first");
        Stat second = site.counter(ada, "board second");
        Dashboard board = site.dashboard(ada, "ada's board", first, second);
        Stat eves = site.counter(eve, "eve stat");
        Dashboard evesBoard = site.dashboard(eve, "eve's board");
        String base = "/dashboards/" + board.id();
        WebClient browser = eve.browser();

        for (Page page : List.of(browser.get(base), browser.get(base + ".json"), browser.getJson(base),
                browser.getHtml(base))) {
            assertEquals(404, page.status(), page.toString());
            assertFalse(page.body().contains("ada's board"), page.body());
        }
        List<Page> changes = List.of(
                browser.submit(base + "/rename", fields("name", "eve was here")),
                browser.submit(base + "/delete", fields()),
                browser.submit(base + "/stats", fields("stat_id", Long.toString(eves.id()))),
                browser.submit(base + "/stats", fields("stat_id", Long.toString(first.id()))),
                browser.submit(base + "/order", fields("ids", second.id() + "," + first.id())),
                browser.submit(base + "/stats/" + first.id() + "/remove", fields()),
                browser.submit(base + "/stats/" + first.id() + "/move", fields("dir", "later")),
                browser.submit("/dashboards/" + evesBoard.id() + "/stats", fields("stat_id", Long.toString(first.id()))),
                browser.submit("/stats/" + first.id() + "/dashboards", fields("dashboard", Long.toString(evesBoard.id()))),
                browser.submit("/stats/" + first.id() + "/public", fields("public", "on")),
                browser.submit("/stats/" + first.id() + "/share", fields()),
                browser.submit("/stats/" + first.id() + "/share/revoke", fields()));
        for (Page page : changes) {
            Http.assertError(page.reply(), 404, "no ");
        }
        assertFalse(browser.getJson("/dashboards.json").body().contains("ada's board"));
        assertEquals(List.of(first.id(), second.id()), site.dashboardStats(ada, board.id()));
        assertEquals(List.of(), site.dashboardStats(eve, evesBoard.id()));
        Page adas = ada.browser().getJson(base + ".json");
        assertEquals("ada's board", adas.json().get("name").textValue());
        assertFalse(site.reload(first).isPublic());
        assertTrue(site.shareToken(first).isEmpty());

        String adasToken = ada.browser().getJson("/settings.json").json().get("access_tokens").get(0).get("id")
                .textValue();
        Http.assertError(browser.submit("/settings/tokens/" + adasToken + "/revoke", fields()).reply(), 404, "no ");
        assertEquals(200, site.anonymous().get("/x/" + ada.accessToken() + "/statlist").status());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_deleted_stat_is_served_nowhere_not_even_through_its_share_link_and_leaves_its_dashboards(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("deleted-owner");
        Stat gone = site.counter(ada, "deleted stat");
        Stat kept = site.counter(ada, "kept stat");
        Stat third = site.counter(ada, "third stat");
        Dashboard board = site.dashboard(ada, "with a deleted stat", gone, kept, third);
        String id = Long.toString(gone.id());
        assertEquals(303, ada.browser().submit("/stats/" + id + "/public", fields("public", "on")).status());
        assertEquals(303, ada.browser().submit("/stats/" + id + "/share", fields()).status());
        String token = site.shareToken(gone).orElseThrow();

        assertEquals(200, site.anonymous().get("/x/" + ada.accessToken() + "/statlist").status());
        Http.Reply deleted = servers.server(backend).http.delete("/x/" + ada.accessToken() + "/stats/" + id);
        assertEquals(200, deleted.status(), deleted.body());

        for (WebClient anyone : List.of(site.anonymous(), ada.browser())) {
            for (String url : addressesOf(id)) {
                assertNotServed(anyone.get(url), "deleted: " + url, gone);
            }
            assertSharedNoMore(anyone, token, gone);
        }
        JsonNode tiles = ada.browser().getJson("/dashboards/" + board.id()).json().get("stats");
        assertEquals(2, tiles.size());
        assertEquals("kept stat", tiles.get(0).get("name").textValue());
        assertEquals(303, ada.browser().submit("/dashboards/" + board.id() + "/order",
                fields("ids", third.id() + "," + kept.id())).status(), "the live stats can still be reordered");
        assertEquals(List.of(third.id(), kept.id()), site.dashboardStats(ada, board.id()));
        assertEquals(303, ada.browser().submit("/dashboards/" + board.id() + "/stats/" + third.id() + "/move",
                fields("dir", "later")).status());
        assertEquals(List.of(kept.id(), third.id()), site.dashboardStats(ada, board.id()));
        Http.assertError(ada.browser().submit("/dashboards/" + board.id() + "/stats",
                fields("stat_id", id)).reply(), 404, "no stat with id " + id);
        assertFalse(ada.browser().getJson("/stats.json").body().contains("deleted stat"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void another_account_sees_a_public_stat_but_none_of_its_owners_controls(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("controls-owner");
        Stat stat = site.counter(ada, "public with controls");
        assertEquals(303, ada.browser().submit("/stats/" + stat.id() + "/public", fields("public", "on")).status());
        assertEquals(303, ada.browser().submit("/stats/" + stat.id() + "/share", fields()).status());
        String token = site.shareToken(stat).orElseThrow();
        Page owners = ada.browser().get("/stats/" + stat.id());
        assertTrue(owners.body().contains("id=\"toggle-public\"") && owners.body().contains(token), "the owner's page");

        for (WebClient visitor : List.of(site.newMember("controls-eve").browser(), site.anonymous())) {
            Page page = visitor.get("/stats/" + stat.id());
            assertEquals(200, page.status());
            assertTrue(page.body().contains("public with controls"));
            for (String control : List.of("id=\"toggle-public\"", "id=\"create-share\"", "id=\"add-to-dashboard\"",
                    "/share/revoke", token, stat.key())) {
                assertFalse(page.body().contains(control), "a visitor's page has no '" + control + "'");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void without_a_session_the_pages_of_an_account_ask_to_log_in(Backend backend) {
        WebClient anyone = servers.site(backend).anonymous();
        for (String url : List.of("/stats", "/dashboards", "/dashboards/1", "/settings")) {
            Page page = anyone.get(url);
            assertEquals(303, page.status(), url + ": " + page);
            assertTrue(page.location().startsWith("/login?next="), page.location());
            Http.assertError(anyone.getJson(url).reply(), 401, "log in first");
        }
        for (String url : List.of("/stats.json", "/dashboards.json", "/settings.json")) {
            Http.assertError(anyone.get(url).reply(), 401, "log in first");
        }
    }

    // ---- helpers ----

    /** Every address that shows a stat by its id. */
    private static List<String> addressesOf(String id) {
        return List.of("/stats/" + id, "/stats/" + id + ".json", "/stats/" + id + "?tf=1w",
                "/stats/" + id + "/graph.png", "/stats/" + id + "/graph.svg", "/stats/" + id + "/graph.png?style=spark",
                "/stats/" + id + "/data.csv", "/stats/" + id + "/data.csv?tf=1h", "/compare?ids=" + id,
                "/compare.json?ids=" + id, "/compare/graph.png?ids=" + id, "/compare/graph.svg?ids=" + id,
                "/embed/graph.png?s1=" + id, "/embed/graph.svg?s1=" + id, "/s/" + id, "/s/" + id + ".json");
    }

    private static void assertNotServed(Page page, String what, Stat stat) {
        assertEquals(404, page.status(), what + ": " + page);
        assertFalse(page.body().contains(stat.name()), what + " tells nothing of the stat: " + page.body());
        if (page.contentType().startsWith("application/json")) {
            Http.assertError(page.reply(), 404, "no ");
        }
    }

    private static void assertShared(WebClient holder, String token, Stat stat, Site.Member owner) {
        Page page = holder.get("/s/" + token);
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.body().contains(stat.name()));
        Page json = holder.get("/s/" + token + ".json");
        assertEquals(200, json.status(), json.toString());
        assertEquals(stat.name(), json.json().get("name").textValue());
        assertEquals(json.body(), holder.get("/s/" + token, "Accept", "application/json").body());
        assertImage(holder.get("/embed/graph.png?s1=" + token), "image/png");
        assertImage(holder.get("/embed/graph.svg?s1=" + token + "&style=spark"), "image/svg+xml");
        for (String url : List.of("/s/" + token, "/s/" + token + ".json")) {
            assertNoSecrets(holder.get(url), url, stat, owner, null);
        }
        String png = json.json().get("graph").get("png").textValue();
        assertImage(holder.get(png.substring(png.indexOf('/', "http://".length()))), "image/png");
    }

    private static void assertSharedNoMore(WebClient anyone, String token, Stat stat) {
        for (String url : List.of("/s/" + token, "/s/" + token + ".json", "/embed/graph.png?s1=" + token,
                "/embed/graph.svg?s1=" + token)) {
            assertNotServed(anyone.get(url), "old link " + url, stat);
        }
    }

    /** Nothing a visitor sees holds the stat's key, the owner's email or keys, or a share token not theirs. */
    private static void assertNoSecrets(Page page, String what, Stat stat, Site.Member owner, String otherToken) {
        assertEquals(200, page.status(), what + ": " + page);
        String body = page.body();
        List<String> secrets = new java.util.ArrayList<>(Arrays.asList(stat.key(), owner.email(), owner.ezkey(),
                owner.accessToken()));
        if (otherToken != null) {
            secrets.add(otherToken);
        }
        for (String secret : secrets) {
            assertFalse(body.contains(secret), what + " leaks '" + secret + "': " + body);
        }
    }

    private static void assertImage(Page page, String type) {
        assertEquals(200, page.status(), page.toString());
        assertEquals(type, page.contentType().split(";")[0]);
        if (type.equals("image/png")) {
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(page.bytes(), 4));
        } else {
            assertTrue(page.body().contains("<svg"), page.body());
        }
    }
}
