package io.statfeed.webapp.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.appservers.AppServices;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.User;
import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.Payload;
import io.statfeed.core.model.feeds.Verb;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.AnnotationStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.alerts.AlertMessages;
import io.statfeed.interactor.alerts.EvaluateAlerts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The product as people use it, in headless Chromium against the real api-server and web-app:
 * signing up, sending stats, reading and comparing them, building a dashboard, embedding a graph
 * on another site, logging out. Each important state is saved as a screenshot under
 * {@code target/screenshots/}, and each page's console must be free of script errors.
 *
 * <p>One set of servers and one browser serve the whole class (starting them is most of the
 * cost); each test signs up an account of its own, so the tests do not depend on each other.
 */
class BrowserProductTest {
    /** The counts the stat pages are checked against: sent in several posts, as code would. */
    private static final List<Integer> SIGNUP_COUNTS = List.of(3, 2, 1, 1);
    private static final int SIGNUP_TOTAL = 7;
    private static final String PASSWORD = "correct horse battery";
    /** What a page may log on purpose: an image that is not found (the embed of a private stat). */
    private static final Pattern NOT_FOUND = Pattern.compile("the server responded with a status of 404");
    private static final HttpClient http = HttpClient.newHttpClient();
    /** An annotation's text as someone hostile would write it. */
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path dataDir;
    private static LiveServers servers;
    private static OtherSite site;
    private static Browser browser;

    /** An account signed up through the form, with the ezkey its settings page shows. */
    private record Account(String email, String ezkey) {
    }

    @BeforeAll
    static void startServersAndBrowser() {
        servers = new LiveServers(Backend.EMBEDDED, dataDir);
        site = OtherSite.start();
        browser = Browser.start();
    }

    @AfterAll
    static void stopThem() {
        try (LiveServers s = servers; OtherSite o = site; Browser b = browser) {
            // closed in reverse order, each even if another fails
        }
    }

    @BeforeEach
    void startLoggedOut() {
        browser.open(web("/healthz"));
        browser.driver().manage().deleteAllCookies();
        browser.consoleMessages(); // what earlier tests left is theirs
    }

    @AfterEach
    void leftNoScriptErrors() {
        assertNoScriptErrors("the last page");
    }

    @Test
    void a_newcomer_signs_up_through_the_form_and_finds_the_ezkey_of_the_settings_page_in_the_first_steps() {
        browser.open(web("/signup"));
        browser.await(By.id("signup-form"));
        browser.driver().findElement(By.id("email")).sendKeys("ada@example.com");
        browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        snap("signup-form-filled");
        browser.driver().findElement(By.id("signup-form")).submit();

        browser.await(ExpectedConditions.urlToBe(web("/stats")));
        String firstPost = browser.await(By.id("first-post")).getText();
        assertTrue(firstPost.startsWith("curl "), firstPost);
        assertTrue(firstPost.contains(servers.apiUrl().getPort() + "/ez"), firstPost);
        snap("stats-empty-with-first-post");

        browser.driver().findElement(By.linkText("Keys & settings")).click();
        String ezkey = browser.await(By.id("ezkey")).getText();
        assertTrue(ezkey.length() >= 16, "an ezkey is a generated secret, got " + ezkey);
        assertFalse(ezkey.contains("@"), "the ezkey is not the email");
        assertTrue(firstPost.contains("ezkey=" + ezkey), firstPost + " should name " + ezkey);
        snap("settings-keys");
    }

    @Test
    void counts_sent_to_the_api_show_on_the_stat_page_with_their_total_an_interactive_graph_and_how_fresh_they_are()
            throws Exception {
        Account grace = signUp("grace@example.com");
        SIGNUP_COUNTS.forEach(count -> send(grace, "signups", count));
        String id = awaitStats("signups").get("signups");
        awaitTotal(id, SIGNUP_TOTAL);

        browser.driver().findElement(By.linkText("signups")).click();
        browser.await(ExpectedConditions.attributeToBe(By.id("graph"), "data-ready", "true"));
        assertEquals("signups", browser.driver().findElement(By.id("stat-name")).getText());
        assertEquals(Integer.toString(SIGNUP_TOTAL), summaryFigure("Total"));
        WebElement canvas = browser.driver().findElement(By.id("graph-canvas"));
        assertTrue(canvas.isDisplayed());
        assertFalse(browser.driver().findElement(By.id("graph-image")).isDisplayed());
        assertEquals(SIGNUP_TOTAL, ((Number) browser.script(
                "return Chart.getChart(arguments[0]).data.datasets[0].data.reduce((sum, p) => sum + (p.y || 0), 0)",
                canvas)).intValue());
        assertTrue(browser.awaitText(By.id("freshness"), "Newest data").contains("this minute"),
                browser.driver().findElement(By.id("freshness")).getText());

        hoverOverNewestPoint(canvas);
        assertTrue(((Number) browser.script("return Chart.getChart(arguments[0]).tooltip.getActiveElements().length",
                canvas)).intValue() > 0, "hovering over the newest point shows its tooltip");
        snap("stat-page-tooltip");

        browser.driver().findElement(By.cssSelector("nav.frames")).findElement(By.linkText("1w")).click();
        browser.await(ExpectedConditions.urlContains("?tf=1w"));
        browser.await(ExpectedConditions.attributeToBe(By.id("graph"), "data-ready", "true"));
        assertEquals("1w", browser.driver().findElement(By.cssSelector("nav.frames a.active")).getText());
        assertEquals(Integer.toString(SIGNUP_TOTAL), summaryFigure("Total"));
        snap("stat-page-one-week");
    }

    @Test
    void without_javascript_the_stat_page_shows_the_server_drawn_graph_and_its_frames_still_work() throws Exception {
        Account linus = signUp("linus@example.com");
        send(linus, "builds", 4);
        String id = awaitStats("builds").get("builds");
        awaitTotal(id, 4);

        try (Browser plain = Browser.startWithoutJavaScript()) {
            plain.open(web("/stats/" + id));
            logIn(plain, linus);
            plain.await(ExpectedConditions.urlToBe(web("/stats/" + id)));
            WebElement image = plain.await(By.id("graph-image"));
            awaitLoaded(plain, image);
            assertEquals(1072L, plain.script("return arguments[0].naturalWidth", image), "as wide as the page");
            assertFalse(plain.driver().findElement(By.id("graph-canvas")).isDisplayed());
            assertNull(plain.driver().findElement(By.id("graph")).getAttribute("data-ready"));
            plain.screenshot("stat-page-without-javascript");

            plain.driver().findElement(By.cssSelector("nav.frames")).findElement(By.linkText("1M")).click();
            plain.await(ExpectedConditions.urlContains("?tf=1M"));
            WebElement monthImage = plain.await(By.id("graph-image"));
            assertTrue(monthImage.getAttribute("src").contains("tf=1M"), monthImage.getAttribute("src"));
            awaitLoaded(plain, monthImage);
            assertTrue(((Number) plain.script("return arguments[0].naturalWidth", monthImage)).intValue() > 0);
        }
    }

    @Test
    void two_stats_ticked_in_the_list_are_laid_over_each_other_on_the_compare_page() throws Exception {
        Account alan = signUp("alan@example.com");
        send(alan, "signups", 5);
        send(alan, "logins", 9);
        send(alan, "errors", 1);
        Map<String, String> ids = awaitStats("signups", "logins", "errors");
        awaitTotal(ids.get("logins"), 9);
        awaitTotal(ids.get("signups"), 5);

        browser.driver().findElement(By.cssSelector("input[aria-label='compare signups']")).click();
        browser.driver().findElement(By.cssSelector("input[aria-label='compare logins']")).click();
        snap("stats-list-two-ticked");
        browser.driver().findElement(By.id("compare-selected")).click();

        browser.await(ExpectedConditions.urlContains("/compare?"));
        browser.await(ExpectedConditions.attributeToBe(By.id("graph"), "data-ready", "true"));
        String compared = browser.driver().findElement(By.id("compared")).getText();
        assertTrue(compared.contains("signups") && compared.contains("logins"), compared);
        assertFalse(compared.contains("errors"), compared);
        assertEquals(List.of("logins", "signups"), browser.script( // in the list's order, by name
                "return Chart.getChart(document.getElementById('graph-canvas')).data.datasets.map(d => d.label)"));
        snap("compare-two-stats");
    }

    @Test
    void a_dashboard_is_built_from_two_pages_reordered_renamed_trimmed_and_deleted_after_a_confirmation()
            throws Exception {
        Account barbara = signUp("barbara@example.com");
        send(barbara, "orders", 12);
        send(barbara, "refunds", 2);
        Map<String, String> ids = awaitStats("orders", "refunds");
        awaitTotal(ids.get("orders"), 12);

        browser.open(web("/dashboards"));
        WebElement create = browser.await(By.id("create-dashboard"));
        create.findElement(By.name("name")).sendKeys("Shop");
        create.submit();
        assertEquals("Shop", browser.await(By.id("dashboard-name")).getText());
        snap("dashboard-new-empty");

        WebElement add = browser.await(By.id("add-stat"));
        new Select(add.findElement(By.name("stat_id"))).selectByVisibleText("orders");
        add.submit();
        assertEquals(List.of("orders"), tileNamesOnceThey(List.of("orders")));

        browser.open(web("/stats/" + ids.get("refunds")));
        WebElement addToDashboard = browser.await(By.id("add-to-dashboard"));
        new Select(addToDashboard.findElement(By.name("dashboard"))).selectByVisibleText("Shop");
        addToDashboard.submit();
        browser.awaitText(By.className("notice"), "Added to the dashboard");
        browser.open(web("/dashboards/" + dashboardIdOf("Shop")));
        assertEquals(List.of("orders", "refunds"), tileNamesOnceThey(List.of("orders", "refunds")));
        awaitTileImagesLoaded();
        snap("dashboard-two-tiles");

        browser.driver().findElement(By.cssSelector("button[aria-label='move refunds earlier']")).click();
        assertEquals(List.of("refunds", "orders"), tileNamesOnceThey(List.of("refunds", "orders")));
        browser.driver().findElement(By.cssSelector("button[aria-label='move refunds later']")).click();
        assertEquals(List.of("orders", "refunds"), tileNamesOnceThey(List.of("orders", "refunds")));

        WebElement rename = browser.await(By.id("rename-dashboard"));
        rename.findElement(By.name("name")).clear();
        rename.findElement(By.name("name")).sendKeys("Shop, daily");
        rename.submit();
        assertEquals("Shop, daily", browser.awaitText(By.id("dashboard-name"), "daily"));

        browser.driver().findElement(By.cssSelector("button[aria-label='remove refunds']")).click();
        assertEquals(List.of("orders"), tileNamesOnceThey(List.of("orders")));
        awaitTileImagesLoaded();
        snap("dashboard-renamed-one-tile");

        String dashboardUrl = browser.driver().getCurrentUrl();
        browser.driver().findElement(By.id("delete-dashboard")).findElement(By.tagName("button")).click();
        Alert cancel = browser.await(ExpectedConditions.alertIsPresent());
        assertTrue(cancel.getText().startsWith("Delete this dashboard?"), cancel.getText());
        cancel.dismiss();
        assertEquals(dashboardUrl, browser.driver().getCurrentUrl(), "dismissing keeps the dashboard");
        browser.driver().findElement(By.id("delete-dashboard")).findElement(By.tagName("button")).click();
        browser.await(ExpectedConditions.alertIsPresent()).accept();

        browser.await(ExpectedConditions.urlToBe(web("/dashboards")));
        browser.awaitText(By.className("notice"), "Dashboard deleted");
        assertTrue(browser.driver().findElements(By.id("dashboard-list")).isEmpty());
        snap("dashboards-after-delete");
    }

    @Test
    void the_embed_code_of_a_shared_or_public_stat_shows_its_graph_on_another_site() throws Exception {
        Account margaret = signUp("margaret@example.com");
        send(margaret, "launches", 3);
        String id = awaitStats("launches").get("launches");
        awaitTotal(id, 3);

        browser.open(web("/stats/" + id));
        assertTrue(browser.driver().findElements(By.id("embed-code")).isEmpty(), "a private stat offers no embed");
        browser.await(By.id("create-share")).submit();
        String shareLink = browser.await(By.id("share-link")).getText();
        assertTrue(shareLink.startsWith(web("/s/")), shareLink);
        String sharedEmbed = browser.await(By.id("embed-code")).getAttribute("value");
        snap("stat-page-shared");
        assertEmbedShowsGraph("/shared-embed.html", sharedEmbed, "embed-shared-on-other-site");

        browser.open(shareLink);
        browser.await(ExpectedConditions.attributeToBe(By.id("graph"), "data-ready", "true"));
        assertEquals("launches", browser.driver().findElement(By.id("stat-name")).getText());
        assertTrue(browser.driver().findElements(By.id("toggle-public")).isEmpty(), "a share link only shows");
        snap("shared-link-page");

        browser.open(web("/stats/" + id));
        browser.await(By.id("toggle-public")).submit();
        browser.awaitText(By.className("notice"), "The stat is public");
        String publicEmbed = browser.await(By.id("embed-code")).getAttribute("value");
        assertTrue(publicEmbed.contains("s1:'" + id + "'"), publicEmbed);
        assertEmbedShowsGraph("/public-embed.html", publicEmbed, "embed-public-on-other-site");
    }

    @Test
    void a_private_stat_never_shows_through_an_embed() throws Exception {
        Account joan = signUp("joan@example.com");
        send(joan, "secrets", 1);
        String id = awaitStats("secrets").get("secrets");

        URI page = site.serve("/private-embed.html", otherSitePage("<script src=\"" + web("/embed.js") + "\"></script>\n"
                + "<script>StatHatEmbed.render({s1:'" + id + "',w:760,h:235,tf:'1d'});</script>"));
        browser.open(page);
        WebElement image = browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("img.statfeed-embed")));
        awaitLoaded(browser, image);
        assertEquals(0L, browser.script("return arguments[0].naturalWidth", image));
        browser.screenshot("embed-private-stat-broken");
        List<String> notFound = browser.consoleMessages().stream().filter(m -> m.contains("SEVERE")).toList();
        assertTrue(notFound.stream().allMatch(m -> NOT_FOUND.matcher(m).find()), notFound.toString());
    }

    @Test
    void after_logging_out_a_private_stat_sends_to_the_login_page_and_back_to_the_stat_after_logging_in()
            throws Exception {
        Account edsger = signUp("edsger@example.com");
        send(edsger, "deploys", 2);
        String id = awaitStats("deploys").get("deploys");

        browser.await(By.id("log-out")).click();
        browser.await(ExpectedConditions.urlToBe(web("/")));
        assertTrue(browser.driver().findElements(By.id("log-out")).isEmpty());

        browser.open(web("/stats/" + id));
        browser.await(ExpectedConditions.urlContains("/login?next="));
        browser.await(By.id("login-form"));
        snap("login-after-logout");
        logIn(browser, edsger);

        browser.await(ExpectedConditions.urlToBe(web("/stats/" + id)));
        assertEquals("deploys", browser.await(By.id("stat-name")).getText());
        snap("stat-page-after-login");
    }

    @Test
    void an_annotation_made_by_one_person_arrives_live_in_another_persons_open_timeline_and_its_delete_reaches_it()
            throws Exception {
        Account ada = signUp("ada.lovelace@example.com");
        send(ada, "checkout", 3);
        String id = awaitStats("checkout").get("checkout");
        browser.open(web("/stats/" + id));
        browser.await(By.cssSelector("#toggle-public button")).click();
        browser.await(By.cssSelector(".badge.public"));

        try (Browser other = Browser.start()) {
            signUp(other, "bob.follower@example.com");
            other.open(web("/stats/" + id));
            other.await(By.cssSelector(".follow-button")).click();
            other.awaitText(By.cssSelector(".follow-button"), "Following ✓");
            other.open(web("/feed"));
            other.await(ExpectedConditions.attributeToBe(By.id("live-state"), "data-live", "true"));

            browser.open(web("/stats/" + id));
            browser.await(By.id("annotation-text")).sendKeys("deployed v2 " + HOSTILE);
            long made = System.nanoTime();
            browser.driver().findElement(By.id("annotate")).click();
            WebElement arrived = other.await(By.cssSelector("#timeline li[data-verb='annotation_added'] .activity-text"));
            long millis = (System.nanoTime() - made) / 1_000_000;
            assertEquals("ada.lovelace annotated checkout: \u201cdeployed v2 " + HOSTILE + "\u201d", arrived.getText(),
                    "shown as text, without a reload");
            assertTrue(millis < 2_000, "arrived in " + millis + " ms (the form post and redirect are in it)");
            assertTrue(other.driver().findElements(By.cssSelector("#timeline img")).isEmpty(), "no element from the text");
            other.screenshot("feed-live-annotation");

            other.open(web("/notifications"));
            other.await(By.cssSelector("#notifications li"));
            other.screenshot("notifications");

            browser.await(By.cssSelector("#annotation-list li form button")).click();
            browser.await(By.id("annotate-form"));
            assertTrue(browser.driver().findElements(By.cssSelector("#annotation-list li")).isEmpty());
            other.open(web("/feed"));
            other.await(By.id("atom"));
            assertTrue(other.driver().findElements(By.cssSelector("#timeline li[data-verb='annotation_added']")).isEmpty(),
                    "the delete reached the follower's timeline");
        }
    }

    @Test
    void an_alert_set_from_the_stat_page_fires_shows_in_its_history_and_shades_its_span_on_the_graph()
            throws Exception {
        Account hedy = signUp("hedy@example.com");
        send(hedy, "checkout errors", 1);
        String id = awaitStats("checkout errors").get("checkout errors");
        browser.open(web("/stats/" + id));
        browser.await(By.id("new-alert")).click();

        browser.await(ExpectedConditions.urlToBe(web("/stats/" + id + "/alerts")));
        WebElement form = browser.await(By.id("alert-form"));
        new Select(form.findElement(By.id("alert-kind"))).selectByValue("value");
        new Select(form.findElement(By.id("alert-window"))).selectByValue("5m");
        new Select(form.findElement(By.id("alert-operator"))).selectByValue("greater than");
        form.findElement(By.id("alert-threshold")).sendKeys("10");
        snap("alert-form-filled");
        form.submit();
        assertTrue(browser.awaitText(By.cssSelector(".notice"), "Alert created")
                .contains("total over 5m greater than 10"));
        assertEquals("ok", browser.driver().findElement(By.id("alert-state")).getText().toLowerCase(Locale.ROOT));

        // The minute just ended held 25 errors (stored as the api-server would have), and a cycle runs.
        long lastMinute = Math.floorDiv(System.currentTimeMillis() / 1000, 60) * 60 - 60;
        new BucketStore(servers.database).add(List.of(new BucketStore.StatBucket(Long.parseLong(id),
                Resolution.MINUTE, new Bucket(lastMinute, 1, 25, 25, 25, 625))), "browser-test", 1,
                System.currentTimeMillis());
        EvaluateAlerts.Cycle cycle = new EvaluateAlerts(new AlertStore(servers.database),
                new BucketStore(servers.database), AppServices.inProcess().analysis(),
                new AlertMessages(new AccountStore(servers.database)), Clock.systemUTC()).run();
        assertTrue(cycle.transitions() >= 1, cycle.toString());

        browser.open(web("/stats/" + id + "?tf=1h"));
        browser.await(ExpectedConditions.attributeToBe(By.id("graph"), "data-firing-spans", "1"));
        String section = browser.driver().findElement(By.id("stat-alerts")).getText();
        assertTrue(section.toLowerCase(Locale.ROOT).contains("1 firing"), section);
        String history = browser.driver().findElement(By.id("stat-alert-history")).getText();
        // 25, or 26 when the error sent through the api-server landed in the same minute
        assertTrue(history.matches("(?s).*checkout errors: total over 5m greater than 10 — is 2[56].*"), history);
        snap("stat-page-alert-firing");
    }

    @Test
    void an_annotation_is_marked_on_the_stat_pages_graph_and_near_its_marker_its_text_shows_as_text()
            throws Exception {
        Account kate = signUp("kate@example.com");
        send(kate, "deploys", 1);
        String id = awaitStats("deploys").get("deploys");
        long nowMillis = System.currentTimeMillis();
        annotate(kate, Long.parseLong(id), 1_001, nowMillis - 40 * 60_000, "deployed v2");
        annotate(kate, Long.parseLong(id), 1_002, nowMillis - 15 * 60_000, HOSTILE);

        browser.open(web("/stats/" + id + "?tf=1h"));
        browser.await(ExpectedConditions.attributeToBe(By.id("graph"), "data-annotations", "2"));
        WebElement canvas = browser.driver().findElement(By.id("graph-canvas"));
        WebElement tip = browser.driver().findElement(By.cssSelector("#graph .mark-tip"));
        assertFalse(tip.isDisplayed(), "no tip until the pointer is near a mark");

        // The graph may be drawn again as it settles into its place; the line is there once it has.
        browser.await(driver -> markDrawnAt(canvas, 0) && markDrawnAt(canvas, 1) ? true : null);
        hoverOverMark(canvas, 0);
        browser.await(ExpectedConditions.visibilityOf(tip));
        assertEquals("1001", tip.getAttribute("data-annotation-id"));
        assertEquals("deployed v2", tip.findElement(By.tagName("span")).getText());
        snap("annotation-mark");

        hoverOverMark(canvas, 1);
        browser.await(ExpectedConditions.attributeToBe(tip, "data-annotation-id", "1002"));
        assertEquals(HOSTILE, tip.findElement(By.tagName("span")).getText(), "the text shows as it was written");
        assertEquals(0L, browser.script("return document.querySelectorAll('#graph img:not(#graph-image)').length"),
                "and is never markup");
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
        snap("annotation-mark-hostile");

        // The server-drawn image of the same graph (the page without JavaScript, embeds, tiles) marks them too.
        String png = (String) browser.scriptAsync("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => {
                  let s = ''; new Uint8Array(b).forEach(c => s += String.fromCharCode(c)); done(btoa(s)); });""",
                browser.driver().findElement(By.id("graph-image")).getAttribute("src"));
        byte[] bytes = java.util.Base64.getDecoder().decode(png);
        Path saved = Path.of(System.getProperty("basedir", "."), "target", "screenshots", "annotation-graph.png");
        java.nio.file.Files.write(saved, bytes);
        assertEquals(2, markLines(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes))),
                "two marks in the server-drawn graph");
    }

    // --- steps ----------------------------------------------------------------------------------

    /** Signs up through the form and reads the ezkey from the settings page, as a newcomer would. */
    private static Account signUp(String email) {
        return signUp(browser, email);
    }

    private static Account signUp(Browser in, String email) {
        in.open(web("/signup"));
        in.await(By.id("email")).sendKeys(email);
        in.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        in.driver().findElement(By.id("signup-form")).submit();
        in.await(ExpectedConditions.urlToBe(web("/stats")));
        in.open(web("/settings"));
        return new Account(email, in.await(By.id("ezkey")).getText());
    }

    private static void logIn(Browser in, Account account) {
        WebElement form = in.await(By.id("login-form"));
        form.findElement(By.id("email")).sendKeys(account.email());
        form.findElement(By.id("password")).sendKeys(PASSWORD);
        form.submit();
    }

    /** Posts a count to the live api-server's {@code /ez}, as a StatHat client does. */
    private static void send(Account account, String stat, int count) {
        String form = "ezkey=" + encode(account.ezkey()) + "&stat=" + encode(stat) + "&count=" + count;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(servers.apiUrl().resolve("/ez"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new AssertionError("cannot post to the api-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while posting", e);
        }
    }

    /** Reloads the stats list until it shows all the names; answers each name's stat id. */
    private static Map<String, String> awaitStats(String... names) {
        browser.open(web("/stats"));
        return browser.await(driver -> {
            driver.navigate().refresh();
            Map<String, String> ids = new LinkedHashMap<>();
            for (WebElement link : driver.findElements(By.cssSelector("#stat-list a.stat-link"))) {
                ids.put(link.getText(), link.getAttribute("href").replaceAll(".*/stats/", ""));
            }
            return ids.keySet().containsAll(List.of(names)) ? ids : null;
        });
    }

    /** Waits until the stat's JSON twin counts the total for today: the api-server flushes in batches. */
    private static void awaitTotal(String id, int total) {
        browser.await(driver -> {
            Object counted = browser.scriptAsync("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0], {headers: {Accept: 'application/json'}})
                        .then(r => r.json()).then(stat => done(stat.summary.total)).catch(e => done(-1));""",
                    "/stats/" + id + ".json?tf=1d");
            return counted instanceof Number n && n.intValue() == total ? true : null;
        });
    }

    private static void hoverOverNewestPoint(WebElement canvas) {
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) browser.script("""
                const chart = Chart.getChart(arguments[0]);
                const points = chart.getDatasetMeta(0).data;
                const values = chart.data.datasets[0].data;
                let i = values.length - 1;
                while (i > 0 && !values[i].y) { i--; }
                return [points[i].x - chart.width / 2, points[i].y - chart.height / 2];""", canvas);
        new Actions(browser.driver()).moveToElement(canvas, at.get(0).intValue(), at.get(1).intValue()).perform();
    }

    /** An annotation stored as the add-annotation use case stores one: with its activity in the stat's feed. */
    private static void annotate(Account author, long statId, long annotationId, long atMillis, String text) {
        User user = new AccountStore(servers.database).findUserByEmail(author.email()).orElseThrow();
        long now = System.currentTimeMillis();
        Activity activity = new Activity(annotationId, "annotation:" + annotationId, user.accountId(),
                Optional.of(user.id()), Verb.ANNOTATION_ADDED, new Activity.ObjectRef("annotation", annotationId),
                Optional.of(Activity.ObjectRef.stat(statId)), Optional.of(statId), now, Payload.of("text", text));
        new AnnotationStore(servers.database, new ActivityStore(servers.database, io.statfeed.core.config.Settings.DEFAULT_FEED_POLICY))
                .add(new Annotation(annotationId, user.accountId(), statId, user.id(), text, atMillis, now), activity,
                        List.of(FeedKey.stat(statId)), now);
    }

    /** Whether the n-th annotation's dashed line shows in the marks' colour a third of the way down the plot. */
    private static boolean markDrawnAt(WebElement canvas, int n) {
        return Boolean.TRUE.equals(browser.script("""
                const chart = Chart.getChart(arguments[0]), mark = chart.$annotations[arguments[1]];
                const x = chart.scales.x.getPixelForValue(mark.at), area = chart.chartArea;
                const ratio = window.devicePixelRatio || 1, top = area.top + (area.bottom - area.top) / 3;
                for (let y = top; y < top + 8; y++) {
                  const [r, g, b] = chart.ctx.getImageData(Math.round(x) * ratio, y * ratio, 1, 1).data;
                  if (Math.abs(r - 0xb4) < 40 && Math.abs(g - 0x53) < 40 && b < 60) { return true; }
                }
                return false;""", canvas, n));
    }

    /** Moves the pointer onto the n-th annotation's marker, at the top of the plot. */
    private static void hoverOverMark(WebElement canvas, int n) {
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) browser.script("""
                const chart = Chart.getChart(arguments[0]), mark = chart.$annotations[arguments[1]];
                return [chart.scales.x.getPixelForValue(mark.at) - chart.width / 2,
                        chart.chartArea.top + 3 - chart.height / 2];""", canvas, n);
        new Actions(browser.driver()).moveToElement(canvas, at.get(0).intValue(), at.get(1).intValue()).perform();
    }

    /** Columns of a server-drawn graph in which a fifth of the rows are in the marks' colour. */
    private static int markLines(java.awt.image.BufferedImage image) {
        int lines = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            int coloured = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                if (red - (rgb & 0xff) > 100 && red - ((rgb >> 8) & 0xff) > 50) {
                    coloured++;
                }
            }
            lines += coloured >= image.getHeight() / 5 ? 1 : 0;
        }
        return lines;
    }

    /** A figure of the stat page's summary row by its label, e.g. "Total". */
    private static String summaryFigure(String label) {
        for (WebElement figure : browser.await(By.id("summary")).findElements(By.tagName("div"))) {
            if (figure.findElement(By.tagName("dt")).getText().equalsIgnoreCase(label)) {
                return figure.findElement(By.tagName("dd")).getText();
            }
        }
        throw new AssertionError("no figure '" + label + "' in " + browser.driver().findElement(By.id("summary")).getText());
    }

    /**
     * The dashboard's tile names once they are {@code expected}, or as they are after 10 s: a move
     * or a removal reloads the page, and the tiles read meanwhile may be the old page's.
     */
    private static List<String> tileNamesOnceThey(List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> names = List.of();
        while (System.nanoTime() < deadline) {
            try {
                names = browser.await(By.id("tiles")).findElements(By.cssSelector(".tile h3")).stream()
                        .map(WebElement::getText).toList();
                if (names.equals(expected)) {
                    return names;
                }
            } catch (StaleElementReferenceException e) {
                // the page was replaced while it was read: read the new one
            }
            Thread.sleep(50);
        }
        return names;
    }

    private static void awaitTileImagesLoaded() {
        for (WebElement image : browser.driver().findElements(By.cssSelector("#tiles img"))) {
            awaitLoaded(browser, image);
            assertTrue(((Number) browser.script("return arguments[0].naturalWidth", image)).intValue() > 0,
                    image.getAttribute("src") + " did not load");
        }
    }

    private static String dashboardIdOf(String name) {
        browser.open(web("/dashboards"));
        return browser.await(By.id("dashboard-list")).findElement(By.linkText(name)).getAttribute("href")
                .replaceAll(".*/dashboards/", "");
    }

    /** Serves a page holding exactly the embed code from another origin and checks the graph it shows. */
    private static void assertEmbedShowsGraph(String path, String embedCode, String screenshot) {
        browser.open(site.serve(path, otherSitePage(embedCode)));
        WebElement image = browser.await(By.cssSelector("img.statfeed-embed"));
        awaitLoaded(browser, image);
        assertEquals(760L, browser.script("return arguments[0].naturalWidth", image));
        snap(screenshot);
    }

    private static String otherSitePage(String embedCode) {
        return """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>A customer's blog</title>
                <style>body { font-family: Georgia, serif; max-width: 820px; margin: 2rem auto; color: #222; }</style>
                </head><body>
                <h1>How our launch went</h1>
                <p>Signups since Monday, live from our stats:</p>
                %s
                <p>Thanks to everyone who tried it.</p>
                </body></html>
                """.formatted(embedCode);
    }

    private static void awaitLoaded(Browser in, WebElement image) {
        in.await(driver -> Boolean.TRUE.equals(in.script("return arguments[0].complete", image)) ? true : null);
    }

    /** A screenshot of what the browser shows now, and no script errors on the way there. */
    private static void snap(String name) {
        browser.screenshot(name);
        assertNoScriptErrors(name);
    }

    private static void assertNoScriptErrors(String where) {
        List<String> errors = browser.consoleMessages().stream().filter(m -> m.contains("SEVERE")).toList();
        assertEquals(List.of(), errors, "script errors on " + where);
    }

    private static String web(String path) {
        return servers.webUrl() + path;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
