package io.statfeed.webapp.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.appservers.AppServices;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.InstallationSecretStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.alerts.AlertMessages;
import io.statfeed.interactor.alerts.EvaluateAlerts;
import io.statfeed.interactor.reports.UnsubscribeTokens;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Every kind of page fits a phone: on a 390 px wide screen no page scrolls sideways. The pages are
 * shown as a person with data sees them (stats with counts, a dashboard, an alert that fired, an
 * access token, a share link), since what fills a page is what makes it too wide. Each page is
 * saved as {@code target/screenshots/phone-NAME.png}, to look at and not only to measure.
 */
class PhoneWidthTest {
    private static final String PASSWORD = "correct horse battery";
    /** Long enough to wrap on a phone, as real stat names do. */
    private static final String ERRORS = "checkout errors at the payment provider";
    private static final String SIGNUPS = "signups";
    /** A name with nowhere to break a line, as code names stats. */
    private static final String RETRIES = "api.checkout.payment_provider.retries";
    private static final int ERRORS_SENT = 3;
    /** What the alert watches for, and the minute's total that makes it fire. */
    private static final String ALERT_THRESHOLD = "10";
    private static final int FIRING_TOTAL = 25;
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    private static LiveServers servers;
    private static OtherSite site;
    private static Browser browser;
    private static Person person;

    /**
     * Every kind of page and how to get to it: a new page belongs here. Each is opened afresh,
     * signed in or not, so they do not depend on each other's order.
     */
    private static final List<Page> PAGES = List.of(
            signedOut("index", () -> "/"),
            signedOut("login", () -> "/login"),
            signedOut("signup", () -> "/signup"),
            signedOut("unsubscribe", () -> "/reports/unsubscribe?token=" + person.unsubscribeToken()),
            signedOut("shared-stat", () -> person.shareUrl()),
            new Page("embed-on-another-site", false, PhoneWidthTest::openEmbedOnAnotherSite),
            signedIn("stats", () -> "/stats"),
            signedIn("stat", () -> "/stats/" + person.errorsId()),
            signedIn("stat-one-week", () -> "/stats/" + person.signupsId() + "?tf=1w"),
            signedIn("stat-of-a-long-name", () -> "/stats/" + person.retriesId()),
            signedIn("compare", () -> "/compare?ids=" + person.signupsId() + "&ids=" + person.errorsId()
                    + "&ids=" + person.retriesId()),
            signedIn("dashboards", () -> "/dashboards"),
            signedIn("dashboard", () -> "/dashboards/" + person.dashboardId()),
            signedIn("alerts", () -> "/alerts"),
            signedIn("stat-alerts", () -> "/stats/" + person.errorsId() + "/alerts"),
            signedIn("alert", () -> "/alerts/" + person.alertId()),
            signedIn("settings", () -> "/settings"),
            signedIn("feed", () -> "/feed"),
            signedIn("notifications", () -> "/notifications"),
            signedIn("person", () -> "/people/" + person.userId()),
            new Page("settings-new-token", true, PhoneWidthTest::openNewToken),
            signedIn("error", () -> "/stats/987654321"));

    /** The pages shot at the desktop's size too, to compare with how they looked before. */
    private static final Set<String> DESKTOP_SHOTS = Set.of("stats", "stat", "dashboard", "settings");

    /** A kind of page: its name (for messages and screenshots), whether one signs in to see it, and how to open it. */
    private record Page(String name, boolean signedIn, Runnable open) {
    }

    /** The person whose pages are shown, with what they made; {@code session} signs the browser in as them. */
    private record Person(String email, String ezkey, String signupsId, String errorsId, String retriesId,
                          String dashboardId, String alertId, String shareUrl, String embedCode,
                          String unsubscribeToken, long userId, Set<Cookie> session) {
    }

    @BeforeAll
    static void startAndFillAnAccount() throws Exception {
        servers = new LiveServers(Backend.EMBEDDED, dataDir);
        site = OtherSite.start();
        browser = Browser.start();
        person = personWithData("grace@example.com");
    }

    @AfterAll
    static void stopThem() {
        try (LiveServers s = servers; OtherSite o = site; Browser b = browser) {
            // closed in reverse order, each even if another fails
        }
    }

    @TestFactory
    Stream<DynamicTest> every_page_fits_a_phone_without_scrolling_sideways() {
        return PAGES.stream().map(page -> DynamicTest.dynamicTest(page.name(), () -> {
            browser.emulate(Browser.Screen.PHONE);
            show(page);
            assertFitsWidth(page, Browser.Screen.PHONE.width());
            browser.screenshotWholePage(Browser.Screen.PHONE.name() + "-" + page.name());
        }));
    }

    @Test
    void the_desktop_keeps_its_width_and_is_shot_to_compare_with_before() {
        browser.useWindow();
        for (Page page : PAGES) {
            if (DESKTOP_SHOTS.contains(page.name())) {
                show(page);
                assertFitsWidth(page, Browser.WINDOW_WIDTH);
                browser.screenshotWholePage("desktop-" + page.name());
            }
        }
    }

    // --- pages ----------------------------------------------------------------------------------

    private static Page signedIn(String name, Supplier<String> path) {
        return new Page(name, true, () -> browser.open(url(path.get())));
    }

    private static Page signedOut(String name, Supplier<String> path) {
        return new Page(name, false, () -> browser.open(url(path.get())));
    }

    /** Opens the page as its visitor and waits until it has drawn what changes its width: graphs and images. */
    private static void show(Page page) {
        browser.open(web("/healthz"));
        browser.driver().manage().deleteAllCookies();
        if (page.signedIn()) {
            person.session().forEach(cookie -> browser.driver().manage().addCookie(cookie));
        }
        page.open().run();
        browser.await(driver -> Boolean.TRUE.equals(browser.script("""
                const graph = document.getElementById('graph');
                return document.readyState === 'complete'
                    && (!graph || graph.dataset.ready === 'true')
                    && Array.from(document.images).every(i => i.loading === 'lazy' || i.complete);""")) ? true : null);
    }

    /** The settings page as it answers the form that makes an access token: the one page that shows the token. */
    private static void openNewToken() {
        browser.open(web("/settings"));
        WebElement form = browser.await(By.id("create-token"));
        form.findElement(By.name("name")).sendKeys("nightly export to the warehouse");
        form.submit();
        browser.await(By.id("new-token"));
    }

    /** A customer's blog post with the stat's embed code pasted in, as {@link BrowserProductTest} serves it. */
    private static void openEmbedOnAnotherSite() {
        browser.open(site.serve("/launch-post.html", """
                <!doctype html>
                <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>A customer's blog</title>
                <style>body { font-family: Georgia, serif; max-width: 820px; margin: 2rem auto; padding: 0 1rem; }</style>
                </head><body>
                <h1>How our launch went</h1>
                <p>Signups since Monday, live from our stats:</p>
                %s
                <p>Thanks to everyone who tried it.</p>
                </body></html>
                """.formatted(person.embedCode())));
        browser.await(By.cssSelector("img.statfeed-embed"));
    }

    /**
     * Nothing reaches past the screen's right edge: the page is no wider than the window. When
     * something does, names the element reaching furthest right that no scrolling box of its own
     * holds (a wide table inside {@code .scroll} is fine, the page around it is not).
     */
    private static void assertFitsWidth(Page page, int screenWidth) {
        @SuppressWarnings("unchecked")
        Map<String, Object> measured = (Map<String, Object>) browser.script("""
                const inOwnScrollBox = e => {
                  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX !== 'visible') { return true; }
                  }
                  return false;
                };
                const path = e => {
                  const parts = [];
                  for (; e && e !== document.body; e = e.parentElement) {
                    let part = e.tagName.toLowerCase();
                    if (e.id) { parts.unshift(part + '#' + e.id); break; }
                    if (e.classList.length) { part += '.' + Array.from(e.classList).join('.'); }
                    parts.unshift(part);
                  }
                  return parts.join(' > ');
                };
                let widest = null, right = 0;
                for (const e of document.body.querySelectorAll('*')) {
                  const box = e.getBoundingClientRect();
                  if ((box.width > 0 || box.height > 0) && box.right > right && !inOwnScrollBox(e)) {
                    right = box.right; widest = e;
                  }
                }
                return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
                        widest: widest ? path(widest) : 'nothing', right: Math.ceil(right),
                        text: widest ? widest.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60) : ''};""");
        long innerWidth = ((Number) measured.get("innerWidth")).longValue();
        long scrollWidth = ((Number) measured.get("scrollWidth")).longValue();
        // A phone zooms out to show all of a page that is too wide, and the window's width grows with
        // it: so the window must also be as wide as the screen, not only as wide as the page.
        assertTrue(scrollWidth <= innerWidth && innerWidth <= screenWidth, "the " + page.name() + " page is "
                + Math.max(scrollWidth, innerWidth) + " px wide on a " + screenWidth + " px screen; reaching furthest"
                + " right, to " + measured.get("right") + " px: " + measured.get("widest")
                + " \"" + measured.get("text") + "\"");
    }

    // --- the person and their data ---------------------------------------------------------------

    /**
     * Signs up through the form and makes one of everything a page can list: stats with counts,
     * a dashboard of both, an alert that has fired, an access token and a share link.
     */
    private static Person personWithData(String email) throws Exception {
        browser.open(web("/signup"));
        browser.await(By.id("email")).sendKeys(email);
        browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver().findElement(By.id("signup-form")).submit();
        browser.await(ExpectedConditions.urlToBe(web("/stats")));
        browser.open(web("/settings"));
        String ezkey = browser.await(By.id("ezkey")).getText();

        List.of(3, 2, 1, 1).forEach(count -> send(ezkey, SIGNUPS, count));
        for (int i = 0; i < ERRORS_SENT; i++) {
            send(ezkey, ERRORS, 1);
        }
        send(ezkey, RETRIES, 1);
        Map<String, String> ids = awaitStats(SIGNUPS, ERRORS, RETRIES);
        String signupsId = ids.get(SIGNUPS);
        String errorsId = ids.get(ERRORS);
        awaitTotal(errorsId, ERRORS_SENT);

        String dashboardId = dashboardOf("Business overview, every morning", SIGNUPS, ERRORS, RETRIES);
        String alertId = firedAlertOn(errorsId);
        openNewToken();

        browser.open(web("/stats/" + signupsId));
        browser.await(By.id("create-share")).submit();
        String shareUrl = browser.await(By.id("share-link")).getText();
        String embedCode = browser.await(By.id("embed-code")).getAttribute("value");

        long userId = new AccountStore(servers.database).findUserByEmail(email).orElseThrow().id();
        String unsubscribeToken = new UnsubscribeTokens(new InstallationSecretStore(servers.database), Clock.systemUTC())
                .tokenFor(userId);
        return new Person(email, ezkey, signupsId, errorsId, ids.get(RETRIES), dashboardId, alertId, shareUrl, embedCode,
                unsubscribeToken, userId, Set.copyOf(browser.driver().manage().getCookies()));
    }

    /** Creates a dashboard through its form, adds the stats one by one, and answers its id. */
    private static String dashboardOf(String name, String... stats) {
        browser.open(web("/dashboards"));
        WebElement create = browser.await(By.id("create-dashboard"));
        create.findElement(By.name("name")).sendKeys(name);
        create.submit();
        browser.await(ExpectedConditions.urlMatches("/dashboards/[0-9]+$"));
        String id = browser.driver().getCurrentUrl().replaceAll(".*/dashboards/", "");
        for (int added = 0; added < stats.length; added++) {
            WebElement add = browser.await(By.id("add-stat"));
            new Select(add.findElement(By.name("stat_id"))).selectByVisibleText(stats[added]);
            add.submit();
            int tiles = added + 1;
            browser.await(driver -> driver.findElements(By.cssSelector("#tiles .tile")).size() == tiles ? true : null);
        }
        return id;
    }

    /** Sets an alert through the stat's alert form, then lets it fire once, so its page has a history. */
    private static String firedAlertOn(String statId) {
        browser.open(web("/stats/" + statId + "/alerts"));
        WebElement form = browser.await(By.id("alert-form"));
        new Select(form.findElement(By.id("alert-kind"))).selectByValue("value");
        new Select(form.findElement(By.id("alert-window"))).selectByValue("5m");
        new Select(form.findElement(By.id("alert-operator"))).selectByValue("greater than");
        form.findElement(By.id("alert-threshold")).sendKeys(ALERT_THRESHOLD);
        form.submit();
        browser.await(ExpectedConditions.urlMatches("/alerts/[0-9]+$"));
        String alertId = browser.driver().getCurrentUrl().replaceAll(".*/alerts/", "");

        // The minute just ended held many errors (stored as the api-server would have), and a cycle runs.
        long lastMinute = Math.floorDiv(System.currentTimeMillis() / 1000, 60) * 60 - 60;
        new BucketStore(servers.database).add(List.of(new BucketStore.StatBucket(Long.parseLong(statId),
                Resolution.MINUTE, new Bucket(lastMinute, 1, FIRING_TOTAL, FIRING_TOTAL, FIRING_TOTAL,
                        (double) FIRING_TOTAL * FIRING_TOTAL))), "phone-test", 1, System.currentTimeMillis());
        EvaluateAlerts.Cycle cycle = new EvaluateAlerts(new AlertStore(servers.database),
                new BucketStore(servers.database), AppServices.inProcess().analysis(),
                new AlertMessages(new AccountStore(servers.database)), Clock.systemUTC()).run();
        assertTrue(cycle.transitions() >= 1, cycle.toString());
        return alertId;
    }

    /** Posts a count to the live api-server's {@code /ez}, as a StatHat client does. */
    private static void send(String ezkey, String stat, int count) {
        String form = "ezkey=" + encode(ezkey) + "&stat=" + encode(stat) + "&count=" + count;
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

    /** A path on the web-app, or an absolute address (a share link) as it is. */
    private static String url(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? pathOrUrl : web(pathOrUrl);
    }

    private static String web(String path) {
        return servers.webUrl() + path;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
