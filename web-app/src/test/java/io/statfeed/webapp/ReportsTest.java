package io.statfeed.webapp;

import static io.statfeed.webapp.Http.assertError;
import static io.statfeed.webapp.WebClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.InstallationSecretStore;
import io.statfeed.core.storage.ReportSubscriptionStore;
import io.statfeed.core.storage.StarStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.reports.UnsubscribeTokens;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import io.statfeed.core.model.reports.ReportFrequency;
import io.statfeed.core.model.reports.ReportSubscription;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Email reports over real HTTP and real SMTP: stars, settings, sending, and unsubscribing without a login. */
class ReportsTest {
    private static final String PUBLIC_URL = "https://stats.example.com";
    /** The day before TestServer's clock (2023-11-14T22:13:20Z): what a daily report sent now covers. */
    private static final long NOV_13 = 1_699_833_600L;

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dataDir;

    private record Member(String token, long accountId, long userId) {
    }

    private static Member member(TestServer test, String email) {
        JsonNode signedUp = test.http.signUp(email, "correct horse").json();
        long accountId = Long.parseLong(signedUp.get("account_id").textValue());
        long userId = new AccountStore(test.database).findUserByEmail(email).orElseThrow().id();
        return new Member(signedUp.get("access_token").textValue(), accountId, userId);
    }

    private static TestServer server(Backend backend, Path dataDir, boolean withSmtp) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(TestServer.NOW_SECONDS), ZoneOffset.UTC);
        return new TestServer(backend, dataDir, clock, settings -> {
            Settings changed = settings.withPublicUrl(URI.create(PUBLIC_URL));
            return withSmtp ? changed.withMail(new Settings.Mail(Optional.of("127.0.0.1"),
                    smtp.getSmtp().getPort(), Settings.MailTls.NONE, Optional.empty(), Optional.empty(),
                    "Statfeed <reports@stats.example.com>")) : changed;
        });
    }

    @Test
    void a_report_arrives_by_smtp_with_text_html_inline_sparklines_links_and_one_click_unsubscribe() throws Exception {
        try (TestServer test = server(Backend.EMBEDDED, dataDir, true)) {
            Member ada = member(test, "ada@example.com");
            StatStore stats = new StatStore(test.database);
            Stat orders = stats.createOrGet(ada.accountId(), "orders", true, test.clock.millis());
            Stat latency = stats.createOrGet(ada.accountId(), "api latency ms", false, test.clock.millis());
            BucketStore buckets = new BucketStore(test.database);
            for (int hour = 0; hour < 24; hour++) {
                buckets.add(List.of(
                        new BucketStore.StatBucket(orders.id(), Resolution.HOUR,
                                Bucket.of(NOV_13 + hour * 3_600L, 10 + hour)),
                        new BucketStore.StatBucket(orders.id(), Resolution.HOUR,
                                Bucket.of(NOV_13 - 86_400 + hour * 3_600L, 8 + hour)),
                        new BucketStore.StatBucket(latency.id(), Resolution.HOUR,
                                Bucket.of(NOV_13 + hour * 3_600L, 120 + 40 * Math.sin(hour / 3.0)))),
                        "test-node", hour, test.clock.millis());
            }

            Http.Reply sent = test.http.postWithHeaders("/api/v1/reports/send", "", "Authorization", "Bearer " + ada.token());
            assertEquals(200, sent.status(), sent.body());
            JsonNode report = sent.json().get("reports").get(0);
            assertEquals("ada@example.com", report.get("to").textValue());
            assertEquals("2023-11-13", report.get("first_day").textValue());
            assertEquals(2, report.get("stats").intValue());

            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(1, received.length);
            MimeMessage mail = received[0];
            assertEquals("Your daily Statfeed report: Mon 13 Nov 2023", mail.getSubject());
            String unsubscribe = mail.getHeader("List-Unsubscribe", null);
            assertTrue(unsubscribe.matches("<" + PUBLIC_URL + "/reports/unsubscribe\\?token=" + ada.userId()
                    + "\\.[A-Za-z0-9_-]{43}>"), unsubscribe);
            assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post", null));

            assertTrue(mail.isMimeType("multipart/alternative"), mail.getContentType());
            MimeMultipart alternative = (MimeMultipart) mail.getContent();
            String text = (String) alternative.getBodyPart(0).getContent();
            assertTrue(text.contains("orders: 516 (total, +10.3% from 468)"), text);
            assertTrue(text.contains(PUBLIC_URL + "/stats/" + orders.id()), text);
            MimeBodyPart relatedPart = (MimeBodyPart) alternative.getBodyPart(1);
            assertTrue(relatedPart.isMimeType("multipart/related"), relatedPart.getContentType());
            MimeMultipart related = (MimeMultipart) relatedPart.getContent();
            String html = (String) related.getBodyPart(0).getContent();
            assertTrue(html.contains("href=\"" + PUBLIC_URL + "/stats/" + orders.id() + "\""), html);
            assertTrue(html.contains(unsubscribe.substring(1, unsubscribe.length() - 1).replace("&", "&amp;")), html);
            assertFalse(html.contains("<style") || html.contains("stylesheet"), "inline styles only");
            assertEquals(3, related.getCount(), "the HTML and a sparkline per stat");
            String page = html;
            for (int i = 1; i < related.getCount(); i++) {
                MimeBodyPart image = (MimeBodyPart) related.getBodyPart(i);
                assertTrue(image.isMimeType("image/png"));
                assertEquals(Part.INLINE, image.getDisposition());
                String cid = image.getContentID().replaceAll("[<>]", "");
                assertTrue(html.contains("src=\"cid:" + cid + "\""), cid);
                page = page.replace("cid:" + cid, "data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(image.getInputStream().readAllBytes()));
            }
            // The mail as a reader sees it, opened in Chromium: target/screenshots/report-mail.png, for review
            Path target = Path.of("target");
            Files.createDirectories(target);
            Path file = Files.writeString(target.resolve("report-mail.html"), page);
            try (io.statfeed.webapp.browser.Browser browser = io.statfeed.webapp.browser.Browser.start()) {
                browser.open(file.toAbsolutePath().toUri());
                assertTrue(browser.driver().findElement(org.openqa.selenium.By.tagName("body")).getText()
                        .contains("orders"), "the report shows its stats in a browser");
                assertTrue(((Number) browser.script("return [...document.images].filter(i => i.naturalWidth > 0)"
                        + ".length")).intValue() >= 2, "its sparklines draw");
                browser.screenshot("report-mail");
            }

            // The mail client's one-click unsubscribe: a POST with no session and no CSRF token.
            String path = unsubscribe.substring(PUBLIC_URL.length() + 1, unsubscribe.length() - 1);
            ReportSubscriptionStore subscriptions = new ReportSubscriptionStore(test.database);
            subscriptions.save(new ReportSubscription(ada.userId(), ReportFrequency.DAILY, 8, ZoneOffset.UTC.normalized(),
                    DayOfWeek.MONDAY, ""), test.clock.millis());
            assertTrue(subscriptions.find(ada.userId()).subscribed());
            Http.Reply oneClick = test.http.post(path, WebClient.FORM, "List-Unsubscribe=One-Click");
            assertEquals(200, oneClick.status(), oneClick.body());
            assertFalse(subscriptions.find(ada.userId()).subscribed());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_unsubscribe_link_works_without_a_login_and_a_forged_one_is_refused(Backend backend) {
        try (TestServer test = server(backend, dataDir, false)) {
            Member ada = member(test, "ada@example.com");
            ReportSubscriptionStore subscriptions = new ReportSubscriptionStore(test.database);
            subscriptions.save(new ReportSubscription(ada.userId(), ReportFrequency.WEEKLY, 9, ZoneOffset.UTC.normalized(),
                    DayOfWeek.FRIDAY, ""), test.clock.millis());
            // Signed with the installation's secret from the database, as any other process would sign it.
            String token = new UnsubscribeTokens(new InstallationSecretStore(test.database), test.clock)
                    .tokenFor(ada.userId());

            WebClient stranger = test.browser();
            WebClient.Page confirm = stranger.getHtml("/reports/unsubscribe?token=" + token);
            assertEquals(200, confirm.status(), confirm.toString());
            assertTrue(confirm.body().contains("id=\"confirm-unsubscribe\""), confirm.body());
            assertTrue(subscriptions.find(ada.userId()).subscribed(), "opening the link only asks");

            WebClient.Page done = stranger.postBody("/reports/unsubscribe?token=" + token, WebClient.FORM, "");
            assertEquals(200, done.status(), done.toString());
            assertTrue(done.body().contains("Reports stopped"), done.body());
            assertFalse(subscriptions.find(ada.userId()).subscribed());
            assertEquals(9, subscriptions.find(ada.userId()).hourOfDay(), "the other settings are kept");

            String forged = ada.userId() + "." + "x".repeat(43);
            assertError(test.http.get("/reports/unsubscribe?token=" + forged), 400, "this unsubscribe link is not valid");
            assertError(test.http.post("/reports/unsubscribe?token=" + forged, WebClient.FORM,
                    "List-Unsubscribe=One-Click"), 400, "this unsubscribe link is not valid");
            assertError(test.http.post("/reports/unsubscribe?token=12", WebClient.FORM, ""), 400, "not valid");
            assertError(test.http.get("/reports/unsubscribe"), 400, "token is missing");
            assertEquals(400, stranger.getHtml("/reports/unsubscribe?token=" + forged).status());
        }
    }

    @Test
    void a_star_is_toggled_by_a_form_on_the_stat_page_and_in_the_list() {
        try (TestServer test = server(Backend.EMBEDDED, dataDir, false)) {
            WebClient ada = test.browser();
            assertEquals(303, ada.signUp("ada@example.com", "correct horse").status());
            long accountId = new AccountStore(test.database).findUserByEmail("ada@example.com").orElseThrow().accountId();
            long userId = new AccountStore(test.database).findUserByEmail("ada@example.com").orElseThrow().id();
            Stat orders = new StatStore(test.database).createOrGet(accountId, "orders", true, test.clock.millis());
            String statPage = "/stats/" + orders.id();
            assertTrue(ada.getHtml(statPage).body().contains("☆ Star"));

            WebClient.Page starred = ada.submit(statPage + "/star", fields("starred", "on"));
            assertEquals(303, starred.status(), starred.toString());
            assertEquals(statPage, starred.location());
            assertTrue(new StarStore(test.database).isStarred(userId, orders.id()));
            assertTrue(ada.getHtml(statPage).body().contains("★ Starred"));
            String list = ada.getHtml("/stats").body();
            assertTrue(list.contains("aria-pressed=\"true\" aria-label=\"unstar orders\""), list);

            WebClient.Page unstarred = ada.submit(statPage + "/star", fields("starred", "off", "back", "list"));
            assertEquals("/stats", unstarred.location());
            assertFalse(new StarStore(test.database).isStarred(userId, orders.id()));

            assertEquals(403, ada.post(statPage + "/star", fields("starred", "on")).status(), "no CSRF token");
            WebClient grace = test.browser();
            grace.signUp("grace@example.com", "correct horse");
            assertEquals(404, grace.submit(statPage + "/star", fields("starred", "on")).status());
            assertEquals(400, ada.submit(statPage + "/star", fields("starred", "maybe")).status());
        }
    }

    @Test
    void report_settings_are_saved_from_the_settings_page_and_bad_ones_are_named() {
        try (TestServer test = server(Backend.EMBEDDED, dataDir, false)) {
            WebClient ada = test.browser();
            ada.signUp("ada@example.com", "correct horse");
            long userId = new AccountStore(test.database).findUserByEmail("ada@example.com").orElseThrow().id();
            assertTrue(ada.getHtml("/settings").body().contains("value=\"off\" checked"));

            WebClient.Page saved = ada.submit("/settings/reports", fields("frequency", "weekly", "hour", "7",
                    "time_zone", "Europe/Berlin", "weekday", "5"));
            assertEquals(303, saved.status(), saved.toString());
            ReportSubscription stored = new ReportSubscriptionStore(test.database).find(userId);
            assertEquals(new ReportSubscription(userId, ReportFrequency.WEEKLY, 7, java.time.ZoneId.of("Europe/Berlin"),
                    DayOfWeek.FRIDAY, ""), stored);
            String page = ada.getHtml("/settings").body();
            assertTrue(page.contains("Reports saved: weekly at 07:00 Europe/Berlin."), page);
            assertTrue(page.contains("value=\"weekly\" checked"), page);
            assertTrue(page.contains("value=\"Europe/Berlin\""), page);

            WebClient.Page badZone = ada.submit("/settings/reports", fields("frequency", "daily", "time_zone", "Mars/Base"));
            assertEquals(400, badZone.status());
            assertTrue(badZone.body().contains("time_zone must be an IANA time zone"), badZone.body());
            WebClient.Page badHour = ada.submit("/settings/reports", fields("frequency", "daily", "hour", "25"));
            assertEquals(400, badHour.status());
            assertTrue(badHour.body().contains("hour must be a whole hour from 0 to 23"), badHour.body());
            assertEquals(stored, new ReportSubscriptionStore(test.database).find(userId), "nothing changed");

            WebClient.Page sent = ada.submit("/settings/reports/send", fields());
            assertEquals(303, sent.status(), sent.toString());
            assertTrue(ada.getHtml("/settings").body().contains("is on its way to ada@example.com"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_api_sends_a_report_to_every_member_with_a_bearer_token_only(Backend backend) throws Exception {
        try (TestServer test = server(backend, dataDir, false)) {
            Member ada = member(test, "ada@example.com");
            assertError(test.http.post("/api/v1/reports/send", WebClient.FORM, ""), 401, "Authorization: Bearer");
            assertError(test.http.postWithHeaders("/api/v1/reports/send", "", "Authorization", "Bearer forged"), 401, "");

            Http.Reply sent = test.http.postWithHeaders("/api/v1/reports/send", "", "Authorization", "Bearer " + ada.token());
            assertEquals(200, sent.status(), sent.body());
            assertEquals(1, sent.json().get("sent").intValue());
            assertEquals("daily", sent.json().get("reports").get(0).get("frequency").textValue());
            try (Stream<Path> files = Files.list(dataDir.resolve("outbox"))) {
                assertEquals(1, files.filter(f -> f.toString().endsWith(".eml")).count(), "no SMTP: an .eml file");
            }
        }
    }
}
