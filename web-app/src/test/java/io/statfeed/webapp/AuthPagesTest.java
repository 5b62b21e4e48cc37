package io.statfeed.webapp;

import static io.statfeed.webapp.WebClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.session.LogIn;
import io.statfeed.interactor.session.Sessions;
import io.statfeed.webapp.WebClient.Page;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signing up, logging in and out through the forms, as a browser does it: cookies kept, CSRF
 * tokens taken from the pages, redirects read rather than followed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthPagesTest {
    private static final String SESSION = "statfeed_session";
    private static final String CSRF = "statfeed_csrf";

    private final ServerPerBackend servers = new ServerPerBackend("auth");
    private final TestClock clock = new TestClock(Instant.ofEpochSecond(TestServer.NOW_SECONDS));
    private TestServer clocked;

    @TempDir
    Path dataDir;

    @AfterAll
    void stop() throws Exception {
        if (clocked != null) {
            clocked.close();
        }
        servers.close();
    }

    /**
     * A server whose clock the tests move on, shared by the tests of log-in limits and session
     * expiry; each starts a failure window after the last, so none sees another's failures.
     */
    private Site clockedSite() {
        if (clocked == null) {
            clocked = new TestServer(Backend.EMBEDDED, dataDir.resolve("clocked"), clock, UnaryOperator.identity());
        }
        clock.advance(LogIn.FAILURE_WINDOW.plusMinutes(1));
        return new Site(clocked);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void signing_up_through_the_form_starts_a_session_and_sends_the_browser_to_its_stats(Backend backend) {
        WebClient browser = servers.server(backend).browser();
        String email = Site.newEmail("newcomer");

        Page form = browser.get("/signup");
        assertEquals(200, form.status());
        Map<String, String> csrfCookie = attributes(form.setCookie(CSRF).orElseThrow());
        assertEquals(form.csrf(), csrfCookie.get(CSRF), "the form carries the token of the cookie");
        assertTrue(csrfCookie.containsKey("httponly") && "lax".equalsIgnoreCase(csrfCookie.get("samesite")),
                csrfCookie.toString());

        Page signedUp = browser.post("/signup", fields("csrf", form.csrf(), "email", email, "password", Site.PASSWORD));

        assertEquals(303, signedUp.status(), signedUp.toString());
        assertEquals("/stats", signedUp.location());
        assertSessionCookie(signedUp, false);
        Page stats = browser.get("/stats");
        assertEquals(200, stats.status(), stats.toString());
        assertTrue(stats.body().contains(email), "the page says who is signed in");
        assertTrue(stats.body().contains("Welcome to Statfeed"), "the notice of the sign-up shows once");
        assertFalse(browser.get("/stats").body().contains("Welcome to Statfeed"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void logging_in_through_the_form_starts_a_session_with_a_safe_cookie(Backend backend) {
        Site site = servers.site(backend);
        String email = Site.newEmail("returning");
        assertEquals(201, servers.server(backend).http.signUp(email, Site.PASSWORD).status());
        WebClient browser = site.anonymous();

        Page loggedIn = browser.logIn(email.toUpperCase(Locale.ROOT), Site.PASSWORD);

        assertEquals(303, loggedIn.status(), loggedIn.toString());
        assertEquals("/stats", loggedIn.location());
        assertSessionCookie(loggedIn, false);
        Page stats = browser.getJson("/stats.json");
        assertEquals(200, stats.status(), stats.toString());
        assertEquals("[]", stats.json().get("stats").toString());
    }

    @Test
    void the_session_and_csrf_cookies_are_secure_when_the_public_address_is_https() {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir.resolve("secure"), new TestClock(Instant.ofEpochSecond(
                TestServer.NOW_SECONDS)), settings -> withPublicUrl(settings, "https://stats.example.com"))) {
            WebClient browser = test.browser();
            String email = Site.newEmail("secure");
            Page form = browser.get("/signup");
            assertTrue(attributes(form.setCookie(CSRF).orElseThrow()).containsKey("secure"), form.toString());

            Page signedUp = browser.post("/signup", fields("csrf", form.csrf(), "email", email, "password",
                    Site.PASSWORD));

            assertEquals(303, signedUp.status(), signedUp.toString());
            assertSessionCookie(signedUp, true);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_wrong_password_shows_the_form_again_with_401_and_the_message(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("wrong-password");
        WebClient browser = site.anonymous();

        Page wrong = browser.logIn(ada.email(), "not the password");
        Page unknown = browser.logIn(Site.newEmail("nobody"), Site.PASSWORD);

        for (Page page : new Page[] {wrong, unknown}) {
            assertEquals(401, page.status(), page.toString());
            assertTrue(page.contentType().startsWith("text/html"), page.toString());
            assertTrue(page.body().contains("email or password is wrong"), page.body());
            assertTrue(page.body().contains("id=\"login-form\""), "the form is shown again");
            assertTrue(page.setCookie(SESSION).isEmpty(), "no session for a failed log-in");
        }
        assertTrue(wrong.body().contains("value=\"" + ada.email() + "\""), "the email typed is kept");
        assertFalse(wrong.body().contains("not the password"), "the password typed is never sent back");
        assertTrue(browser.cookie(SESSION).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_taken_email_is_a_409_and_a_short_password_a_400_on_the_sign_up_form(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("taken");
        WebClient browser = site.anonymous();

        Page taken = browser.signUp(ada.email().toUpperCase(Locale.ROOT), "another password");
        Page shortPassword = browser.signUp(Site.newEmail("short"), "short");
        Page badEmail = browser.signUp("not an address", Site.PASSWORD);

        assertEquals(409, taken.status(), taken.toString());
        assertTrue(taken.body().contains("an account with email " + ada.email() + " exists already"), taken.body());
        assertEquals(400, shortPassword.status(), shortPassword.toString());
        assertTrue(shortPassword.body().contains("password must be at least 8 characters"), shortPassword.body());
        assertEquals(400, badEmail.status(), badEmail.toString());
        assertTrue(badEmail.body().contains("email is not a valid address"), badEmail.body());
        for (Page page : new Page[] {taken, shortPassword, badEmail}) {
            assertTrue(page.contentType().startsWith("text/html"), page.toString());
            assertTrue(page.setCookie(SESSION).isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dashboards", "/stats/42?tf=1w", "/compare?ids=1,2&tf=1d"})
    void after_log_in_the_browser_goes_to_the_local_page_it_came_for(String next) {
        Site site = servers.site(Backend.EMBEDDED);
        Site.Member ada = site.newMember("next");

        Page page = site.anonymous().logIn(ada.email(), Site.PASSWORD, next);

        assertEquals(303, page.status(), page.toString());
        assertEquals(next, page.location());
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "https://evil.com", "/\\evil", "\\\\evil.com", "/\\/evil.com",
            "http:/evil.com", "javascript:alert(1)", "evil.com", "/\tevil", "/ok\r\nSet-Cookie: x=1", " /stats"})
    void after_log_in_a_next_that_leaves_the_site_is_ignored(String next) {
        Site site = servers.site(Backend.EMBEDDED);
        Site.Member ada = site.newMember("evil-next");
        WebClient browser = site.anonymous();

        Page form = browser.get("/login?next=" + WebClient.encode(Map.of("", next)).substring(1));
        Page page = browser.logIn(ada.email(), Site.PASSWORD, next);

        assertEquals(200, form.status(), form.toString());
        assertTrue(form.body().contains("name=\"next\" value=\"\""), "the form does not carry it on: " + form.body());
        assertEquals(303, page.status(), page.toString());
        assertEquals("/stats", page.location());
    }

    @Test
    void a_page_that_needs_a_session_sends_the_browser_to_log_in_and_back() {
        Site site = servers.site(Backend.EMBEDDED);
        Site.Member ada = site.newMember("round-trip");
        WebClient browser = site.anonymous();

        Page redirected = browser.get("/dashboards?tf=1w");
        assertEquals(303, redirected.status(), redirected.toString());
        assertEquals("/login?next=%2Fdashboards%3Ftf%3D1w", redirected.location());
        Page form = browser.get(redirected.location());
        assertTrue(form.body().contains("name=\"next\" value=\"/dashboards?tf=1w\""), form.body());

        Page loggedIn = browser.post("/login", fields("csrf", form.csrf(), "email", ada.email(), "password",
                Site.PASSWORD, "next", "/dashboards?tf=1w"));

        assertEquals(303, loggedIn.status(), loggedIn.toString());
        assertEquals("/dashboards?tf=1w", loggedIn.location());
        assertEquals(200, browser.get("/dashboards?tf=1w").status());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void logging_out_ends_the_session_on_the_server_not_just_in_the_browser(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("leaving");
        String oldCookie = ada.browser().cookie(SESSION).orElseThrow();

        Page out = ada.browser().logOut();

        assertEquals(303, out.status(), out.toString());
        assertEquals("/", out.location());
        assertEquals("0", attributes(out.setCookie(SESSION).orElseThrow()).get("max-age"), "the cookie is cleared");
        assertTrue(ada.browser().cookie(SESSION).isEmpty());
        WebClient replay = site.anonymous();
        replay.setCookie(SESSION, oldCookie);
        Http.assertError(replay.getJson("/stats.json").reply(), 401, "log in first");
        Page page = replay.get("/stats");
        assertEquals(303, page.status(), page.toString());
        assertEquals("/login?next=%2Fstats", page.location());
        assertEquals(403, replay.post("/dashboards", fields("csrf", "anything", "name", "after logout")).status());
    }

    @Test
    void logging_out_without_a_session_is_no_error() {
        WebClient browser = servers.site(Backend.EMBEDDED).anonymous();

        Page out = browser.logOut();

        assertEquals(303, out.status(), out.toString());
        assertEquals("/", out.location());
    }

    @Test
    void repeated_failed_log_ins_for_one_email_are_refused_with_429_even_with_the_right_password_until_the_window_passes() {
        Site site = clockedSite();
        Site.Member ada = site.newMember("guessed");
        Site.Member bob = site.newMember("bystander");
        WebClient attacker = site.anonymous();
        for (int i = 0; i < LogIn.MAX_FAILURES_PER_EMAIL; i++) {
            assertEquals(401, attacker.logIn(ada.email(), "guess " + i).status());
        }

        Page refused = attacker.logIn(ada.email(), Site.PASSWORD);

        assertEquals(429, refused.status(), refused.toString());
        assertEquals("900", refused.header("Retry-After"));
        assertTrue(refused.body().contains("too many failed log-ins; try again in 15 minutes"), refused.body());
        assertTrue(refused.setCookie(SESSION).isEmpty());
        assertEquals(303, site.anonymous().logIn(bob.email(), Site.PASSWORD).status(),
                "another email is not blocked");

        clock.advance(Duration.ofMinutes(14));
        Page stillRefused = site.anonymous().logIn(ada.email(), Site.PASSWORD);
        assertEquals(429, stillRefused.status(), stillRefused.toString());
        assertEquals("60", stillRefused.header("Retry-After"));
        assertTrue(stillRefused.body().contains("try again in 1 minute"), stillRefused.body());

        clock.advance(Duration.ofMinutes(1));
        Page allowed = site.anonymous().logIn(ada.email(), Site.PASSWORD);
        assertEquals(303, allowed.status(), allowed.toString());
        assertEquals("/stats", allowed.location());
    }

    @Test
    void many_failed_log_ins_from_one_address_are_refused_whatever_the_forwarded_for_header_claims() {
        Site site = clockedSite();
        Site.Member ada = site.newMember("sprayed");
        WebClient attacker = site.anonymous();
        String token = attacker.get("/login").csrf();
        for (int i = 0; i < LogIn.MAX_FAILURES_PER_CLIENT; i++) {
            Page page = attacker.post("/login", fields("csrf", token, "email", Site.newEmail("sprayed-guess"),
                    "password", "guess"), "X-Forwarded-For", "10.0.0." + i);
            assertEquals(401, page.status(), page.toString());
        }

        Page refused = attacker.post("/login", fields("csrf", token, "email", ada.email(), "password",
                Site.PASSWORD), "X-Forwarded-For", "10.0.1.1");

        assertEquals(429, refused.status(), refused.toString());
        assertEquals("900", refused.header("Retry-After"));
        clock.advance(LogIn.FAILURE_WINDOW);
        assertEquals(303, site.anonymous().logIn(ada.email(), Site.PASSWORD).status());
    }

    @Test
    void a_session_unused_for_thirty_days_has_ended_but_one_in_use_lives_on() {
        Site site = clockedSite();
        Site.Member idle = site.newMember("idle");
        Site.Member busy = site.newMember("busy");

        clock.advance(Duration.ofDays(20));
        assertEquals(200, busy.browser().getJson("/stats.json").status());
        clock.advance(Sessions.LIFETIME.minus(Duration.ofDays(20)));

        Http.assertError(idle.browser().getJson("/stats.json").reply(), 401, "log in first");
        assertEquals(200, busy.browser().getJson("/stats.json").status());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_session_started_on_one_web_app_process_works_on_another_over_the_same_database(Backend backend) {
        TestServer first = servers.server(backend);
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("roaming");
        site.counter(ada, "roaming signups");
        try (Database database = Database.open(first.settings);
             WebServer second = WebServer.start(first.settings, database, first.clock)) {
            assertNotEquals(first.server.port(), second.port());
            WebClient there = new WebClient(second.port());
            there.setCookie(SESSION, ada.browser().cookie(SESSION).orElseThrow());

            Page list = there.getJson("/stats.json");
            assertEquals(200, list.status(), list.toString());
            assertEquals("roaming signups", list.json().get("stats").get(0).get("name").textValue());
            String token = ada.browser().csrf();
            Page created = there.post("/dashboards", fields("csrf", token, "name", "made elsewhere"));
            assertEquals(303, created.status(), "the CSRF token of one process is good on the other: " + created);

            assertEquals(303, there.logOut().status());
            Http.assertError(ada.browser().getJson("/stats.json").reply(), 401, "log in first");
        }
    }

    // ---- helpers ----

    private static void assertSessionCookie(Page page, boolean secure) {
        String header = page.setCookie(SESSION).orElseThrow(() -> new AssertionError("no session cookie: " + page));
        Map<String, String> cookie = attributes(header);
        assertTrue(cookie.get(SESSION).length() >= 32, "a long random token: " + header);
        assertTrue(cookie.containsKey("httponly"), header);
        assertEquals("lax", cookie.getOrDefault("samesite", "").toLowerCase(Locale.ROOT), header);
        assertEquals("/", cookie.get("path"), header);
        long maxAge = Long.parseLong(cookie.get("max-age"));
        assertTrue(Math.abs(maxAge - Sessions.LIFETIME.toSeconds()) <= 60, "about 30 days: " + header);
        assertEquals(secure, cookie.containsKey("secure"), header);
    }

    /** A Set-Cookie header as a map: the cookie's own name to its value, attributes in lower case. */
    private static Map<String, String> attributes(String setCookie) {
        Map<String, String> map = new TreeMap<>();
        String[] parts = setCookie.split(";");
        String[] first = parts[0].split("=", 2);
        map.put(first[0].strip(), first.length > 1 ? first[1].strip() : "");
        Arrays.stream(parts).skip(1).map(String::strip).forEach(part -> {
            String[] kv = part.split("=", 2);
            map.put(kv[0].toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1] : "");
        });
        return map;
    }

    private static Settings withPublicUrl(Settings s, String url) {
        return s.withPublicUrl(URI.create(url));
    }
}
