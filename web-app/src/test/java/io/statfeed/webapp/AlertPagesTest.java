package io.statfeed.webapp;

import static io.statfeed.webapp.WebClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.OutboxStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebClient.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The alert pages' forms: what they make and change, and malformed, oversized, missing and
 * hostile input (another account's stats and alerts, no CSRF token), always a 4xx naming what was
 * wrong, never a 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertPagesTest {
    private final ServerPerBackend servers = new ServerPerBackend("alert-pages");
    private TestServer server;
    private Site site;
    private Site.Member ada;
    private Site.Member grace;
    private Stat errors;
    private Stat gracesStat;
    private AlertStore alerts;

    @BeforeAll
    void start() {
        server = servers.server(Backend.EMBEDDED);
        site = servers.site(Backend.EMBEDDED);
        ada = site.newMember("alert-pages-ada");
        grace = site.newMember("alert-pages-grace");
        errors = site.counter(ada, "checkout errors");
        gracesStat = site.counter(grace, "grace's errors");
        alerts = new AlertStore(server.database);
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    private long create(Site.Member owner, Stat stat, String... more) {
        Page made = owner.browser().submit("/stats/" + stat.id() + "/alerts", fields(withDefaults(more)));
        assertEquals(303, made.status(), made.toString());
        return Long.parseLong(made.location().replace("/alerts/", ""));
    }

    private static String[] withDefaults(String... more) {
        String[] base = {"kind", "value", "time_window", "5m", "operator", "greater than", "threshold", "10"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertRefused(Page page, int status, String says) {
        assertEquals(status, page.status(), page.toString());
        assertTrue(page.body().contains(says), "'" + says + "' in " + page);
    }

    @Test
    void an_alert_made_on_the_stat_page_is_shown_edited_muted_tested_and_deleted() {
        long id = create(ada, errors);
        Page shown = ada.browser().getHtml("/alerts/" + id);
        assertEquals(200, shown.status());
        assertTrue(shown.body().contains("total over 5m greater than 10"), shown.toString());
        assertTrue(ada.browser().getHtml("/stats/" + errors.id() + "/alerts").body().contains("/alerts/" + id));

        assertEquals(303, ada.browser().submit("/alerts/" + id, fields(withDefaults("threshold", "25"))).status());
        assertEquals(25.0, alerts.find(ada.accountId(), id).orElseThrow().rule().threshold().getAsDouble());
        assertEquals(303, ada.browser().submit("/alerts/" + id + "/mute", fields("muted", "on")).status());
        assertTrue(alerts.find(ada.accountId(), id).orElseThrow().muted());

        int pending = new OutboxStore(server.database).pending();
        assertEquals(303, ada.browser().submit("/alerts/" + id + "/test", fields()).status());
        assertEquals(pending + 1, new OutboxStore(server.database).pending(), "a test mail to the account's member");

        assertEquals(303, ada.browser().submit("/alerts/" + id + "/delete", fields()).status());
        assertEquals(404, ada.browser().getHtml("/alerts/" + id).status());
    }

    @Test
    void bad_forms_are_refused_with_what_was_wrong() {
        String path = "/stats/" + errors.id() + "/alerts";
        WebClient browser = ada.browser();
        assertRefused(browser.submit(path, fields("kind", "value", "time_window", "5m", "operator", "greater than",
                "threshold", "lots")), 400, "threshold must be a number");
        assertRefused(browser.submit(path, fields("kind", "sometimes", "time_window", "5m")), 400, "kind must be");
        assertRefused(browser.submit(path, fields("time_window", "5m")), 400, "kind is required");
        assertRefused(browser.submit(path, fields("kind", "data", "time_window", "x".repeat(3_000))), 400,
                "time_window is longer than 2000 characters");
        assertRefused(browser.submit(path, fields("kind", "data", "time_window", "1h", "webhook_url",
                "http://169.254.169.254/latest/meta-data")), 400, "webhook_url must reach a public address");
        assertRefused(browser.submit("/stats/abc/alerts", fields("kind", "data", "time_window", "1h")), 404,
                "no stat with id");

        long id = create(ada, errors);
        assertRefused(browser.submit("/alerts/" + id, fields("kind", "data", "time_window", "2h")), 400,
                "time_window must be");
        assertRefused(browser.submit("/alerts/" + id + "/mute", fields("muted", "maybe")), 400,
                "muted must be on or off");
        assertEquals(403, browser.post("/alerts/" + id + "/delete", fields()).status(), "no CSRF token");
        assertEquals(1, alerts.listForStat(ada.accountId(), errors.id()).stream().filter(a -> a.id() == id).count(),
                "nothing was changed by any of that");
        assertEquals(404, browser.getHtml("/alerts/not-an-id").status());
        assertEquals(404, browser.getHtml("/alerts/" + "9".repeat(40)).status());
    }

    @Test
    void nobody_reads_or_changes_another_accounts_stats_and_alerts() {
        long gracesAlert = create(grace, gracesStat);
        WebClient browser = ada.browser();
        assertRefused(browser.submit("/stats/" + gracesStat.id() + "/alerts", fields(withDefaults())), 400,
                "is not a stat of this account");
        assertRefused(browser.submit("/alerts", fields(withDefaults("stat_id", Long.toString(gracesStat.id())))), 400,
                "is not a stat of this account");
        assertEquals(404, browser.getHtml("/stats/" + gracesStat.id() + "/alerts").status());
        assertEquals(404, browser.getHtml("/alerts/" + gracesAlert).status());
        for (String action : new String[] {"", "/mute", "/test", "/delete"}) {
            assertEquals(404, browser.submit("/alerts/" + gracesAlert + action,
                    fields(withDefaults("muted", "on"))).status(), action);
        }
        Alert untouched = alerts.find(grace.accountId(), gracesAlert).orElseThrow();
        assertEquals(10.0, untouched.rule().threshold().getAsDouble());
        assertTrue(!untouched.muted());
        assertEquals(200, grace.browser().getHtml("/alerts").status());

        WebClient nobody = new WebClient(server.server.port());
        Page asked = nobody.getHtml("/alerts");
        assertTrue(asked.status() == 302 || asked.status() == 303, "to the login page: " + asked);
    }
}
