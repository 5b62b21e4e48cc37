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
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.core.testing.Backend;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Teams over real HTTP and real SMTP: inviting by mail, accepting through the link, roles, leaving, switching. */
class TeamsTest {
    private static final String PUBLIC_URL = "https://stats.example.com";
    private static final Pattern ACCEPT_LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/invites/([A-Za-z0-9_-]{43})");

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dataDir;

    private static TestServer server(Backend backend, Path dataDir) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(TestServer.NOW_SECONDS), ZoneOffset.UTC);
        return new TestServer(backend, dataDir, clock, settings -> settings.withPublicUrl(URI.create(PUBLIC_URL))
                .withMail(new Settings.Mail(Optional.of("127.0.0.1"), smtp.getSmtp().getPort(), Settings.MailTls.NONE,
                        Optional.empty(), Optional.empty(), "Statfeed <team@stats.example.com>")));
    }

    /** The plain text of the last mail to that address. */
    private static String lastMailTo(String address) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                to.add(message);
            }
        }
        assertFalse(to.isEmpty(), "no mail to " + address);
        MimeMultipart alternative = (MimeMultipart) to.get(to.size() - 1).getContent();
        return (String) alternative.getBodyPart(0).getContent();
    }

    private static String inviteToken(String address) throws Exception {
        String text = lastMailTo(address);
        Matcher link = ACCEPT_LINK.matcher(text);
        assertTrue(link.find(), text);
        return link.group(1);
    }

    private static void invite(Site.Member owner, String email, String role) {
        WebClient.Page sent = owner.browser().submit("/settings/team/invites", fields("email", email, "role", role));
        assertEquals(303, sent.status(), sent.toString());
        assertEquals("/settings#team", sent.location());
    }

    /** Invites the person, who accepts through the mailed link; their browser is then in the owner's account. */
    private static void join(Site.Member owner, Site.Member person, String role) throws Exception {
        invite(owner, person.email(), role);
        String path = "/invites/" + inviteToken(person.email());
        assertEquals(303, person.browser().submit(path + "/accept", Map.of()).status());
    }

    private static List<String> statNames(WebClient browser) {
        WebClient.Page list = browser.getJson("/stats.json");
        assertEquals(200, list.status(), list.toString());
        List<String> names = new ArrayList<>();
        list.json().get("stats").forEach(stat -> names.add(stat.get("name").textValue()));
        return names;
    }

    @Test
    void an_invite_arrives_by_mail_and_its_link_signs_the_new_person_up_into_the_first_account() throws Exception {
        try (TestServer test = server(Backend.EMBEDDED, dataDir)) {
            Site site = new Site(test);
            Site.Member ada = site.newMember("ada");
            Stat orders = site.counter(ada, "orders");
            site.record(orders, Site.THIS_MINUTE, 3);
            String bob = Site.newEmail("bob");

            invite(ada, bob, "member");

            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(1, received.length);
            assertEquals(ada.email() + " invited you to " + ada.email() + "'s account on Statfeed", received[0].getSubject());
            String text = lastMailTo(bob);
            assertTrue(text.contains("join " + ada.email() + "'s account on Statfeed as a member"), text);
            MimeMultipart alternative = (MimeMultipart) received[0].getContent();
            String html = (String) alternative.getBodyPart(1).getContent();
            String token = inviteToken(bob);
            assertTrue(html.contains("href=\"" + PUBLIC_URL + "/invites/" + token + "\""), html);
            assertEquals(1, new TeamStore(test.database).pendingInvites(ada.accountId(), test.clock.millis()).size());
            WebClient.Page adaSettings = ada.browser().getHtml("/settings");
            assertTrue(adaSettings.body().contains(bob), "the pending invite is listed");

            // Bob opens the link signed out: it offers to log in or sign up, and comes back after.
            WebClient bobBrowser = site.anonymous();
            String path = "/invites/" + token;
            WebClient.Page landing = bobBrowser.getHtml(path);
            assertEquals(200, landing.status(), landing.toString());
            assertTrue(landing.body().contains("id=\"invite-signed-out\""), landing.body());
            assertFalse(landing.body().contains("id=\"accept-invite\""));
            String signupUrl = "/signup?next=" + WebClient.encode(Map.of("", path)).substring(1) + "&amp;email=";
            assertTrue(landing.body().contains(signupUrl), landing.body());

            WebClient.Page form = bobBrowser.getHtml("/signup?next=" + path + "&email=" + bob);
            assertTrue(form.body().contains("value=\"" + bob + "\""), "the invited address is filled in");
            WebClient.Page signedUp = bobBrowser.post("/signup", fields("csrf", form.csrf(), "email", bob,
                    "password", Site.PASSWORD, "next", path));
            assertEquals(303, signedUp.status(), signedUp.toString());
            assertEquals(path, signedUp.location(), "sign-up continues to the invite");
            assertEquals(List.of(), statNames(bobBrowser), "a new account of Bob's own, for now");

            WebClient.Page invitePage = bobBrowser.getHtml(path);
            assertTrue(invitePage.body().contains("id=\"accept-invite\""), invitePage.body());
            WebClient.Page accepted = bobBrowser.submit(path + "/accept", Map.of());
            assertEquals(303, accepted.status(), accepted.toString());
            assertEquals("/stats", accepted.location());

            assertEquals(List.of("orders"), statNames(bobBrowser), "Bob sees Ada's stats now");
            assertEquals(200, bobBrowser.getJson("/stats/" + orders.id() + ".json").status());
            WebClient.Page bobSettings = bobBrowser.getHtml("/settings");
            assertTrue(bobSettings.body().contains("id=\"account-switcher\""), bobSettings.body());
            assertFalse(bobSettings.body().contains("id=\"invite-form\""), "a member does not invite");
            assertTrue(ada.browser().getHtml("/settings").body().contains(bob));
            assertEquals(410, bobBrowser.getHtml(path).status(), "a used link is spent");

            WebClient.Page members = site.anonymous().get("/api/v1/members", "Authorization", "Bearer " + ada.accessToken());
            assertEquals(200, members.status(), members.toString());
            assertEquals(List.of("owner", "member"), List.of(members.json().get("members").get(0).get("role").textValue(),
                    members.json().get("members").get(1).get("role").textValue()));
            assertEquals(bob, members.json().get("members").get(1).get("email").textValue());
        }
    }

    @Test
    void an_existing_person_logs_in_through_the_link_accepts_and_switches_between_accounts() throws Exception {
        try (TestServer test = server(Backend.EMBEDDED, dataDir)) {
            Site site = new Site(test);
            Site.Member ada = site.newMember("ada");
            site.counter(ada, "orders");
            Site.Member bob = site.newMember("bob");
            site.counter(bob, "bob's own");
            invite(ada, bob.email(), "owner");
            String path = "/invites/" + inviteToken(bob.email());

            WebClient fresh = site.anonymous();
            WebClient.Page loggedIn = fresh.logIn(bob.email(), Site.PASSWORD, path);
            assertEquals(303, loggedIn.status());
            assertEquals(path, loggedIn.location(), "log-in continues to the invite");
            assertEquals(303, fresh.submit(path + "/accept", Map.of()).status());
            assertEquals(List.of("orders"), statNames(fresh));
            assertTrue(fresh.getHtml("/settings").body().contains("id=\"invite-form\""), "an owner invites");

            WebClient.Page switched = fresh.submit("/settings/accounts/" + bob.accountId() + "/switch", Map.of());
            assertEquals(303, switched.status(), switched.toString());
            assertEquals(List.of("bob's own"), statNames(fresh));
            assertEquals(List.of("bob's own"), statNames(bob.browser()), "the other session stayed where it was");
            fresh.submit("/settings/accounts/" + ada.accountId() + "/switch", Map.of());
            assertEquals(List.of("orders"), statNames(fresh));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bad_missing_oversized_and_hostile_form_input_answers_4xx_naming_the_field(Backend backend) throws Exception {
        try (TestServer test = server(backend, dataDir)) {
            Site site = new Site(test);
            Site.Member ada = site.newMember("ada");
            WebClient browser = ada.browser();

            assertError(browser.submit("/settings/team/invites", fields("role", "member")).reply(), 400, "email is missing");
            assertError(browser.submit("/settings/team/invites", fields("email", "", "role", "member")).reply(), 400,
                    "email is missing");
            assertError(browser.submit("/settings/team/invites", fields("email", "not an address", "role", "member"))
                    .reply(), 400, "email is not a valid address");
            assertError(browser.submit("/settings/team/invites", fields("email", "a".repeat(5_000) + "@example.com",
                    "role", "member")).reply(), 400, "email must be at most 254");
            assertError(browser.submit("/settings/team/invites", fields("email", "bob@example.com\r\nBcc: x@example.com",
                    "role", "member")).reply(), 400, "email is not a valid address");
            assertError(browser.submit("/settings/team/invites", fields("email", "<script>@example.com",
                    "role", "member")).reply(), 400, "email");
            assertError(browser.submit("/settings/team/invites", fields("email", "bob@example.com")).reply(), 400,
                    "role is missing");
            assertError(browser.submit("/settings/team/invites", fields("email", "bob@example.com", "role", "god"))
                    .reply(), 400, "role must be member or owner");
            assertError(browser.postBody("/settings/team/invites", WebClient.FORM, "csrf=" + browser.csrf()
                    + "&email=bob%40example.com&role=member&role=owner").reply(), 400, "role is given 2 times");
            assertError(browser.postBody("/settings/team/invites", WebClient.FORM, "csrf=" + browser.csrf()
                    + "&email=%zz&role=member").reply(), 400, "URL encoding");
            assertError(browser.postBody("/settings/team/invites", WebClient.FORM, "csrf=" + browser.csrf()
                    + "&email=" + "a".repeat(20_000)).reply(), 413, "larger than");
            assertError(browser.post("/settings/team/invites", fields("email", "bob@example.com", "role", "member"))
                    .reply(), 403, "form has expired");
            assertError(ada.browser().submit("/settings/team/invites", fields("email", ada.email(), "role", "member"))
                    .reply(), 409, ada.email() + " is a member of this account already");
            assertError(browser.submit("/settings/team/members/" + "9".repeat(30) + "/role", fields("role", "member"))
                    .reply(), 404, "no member");
            assertError(browser.submit("/settings/team/members/abc/remove", Map.of()).reply(), 404, "no member");
            assertError(browser.submit("/settings/team/invites/-1/revoke", Map.of()).reply(), 404, "no invite");
            assertError(browser.submit("/settings/accounts/x/switch", Map.of()).reply(), 404, "no account");
            assertError(site.anonymous().postBody("/settings/team/leave", WebClient.FORM, "").reply(), 403, "");
            assertEquals(0, smtp.getReceivedMessages().length, "nothing was mailed");

            WebClient stranger = site.anonymous();
            assertEquals(404, stranger.getHtml("/invites/" + "A".repeat(43)).status());
            assertError(stranger.get("/invites/" + "A".repeat(43)).reply(), 404, "no such invite");
            assertError(stranger.get("/invites/" + "A".repeat(3_000)).reply(), 404, "no such invite");
            assertError(stranger.get("/invites/%3Cscript%3E").reply(), 404, "no such invite");
            assertError(stranger.rawGet("/invites/%zz").reply(), 400, "");
            assertEquals(401, stranger.postBody("/invites/" + "A".repeat(43) + "/accept", WebClient.FORM,
                    "csrf=" + stranger.csrf()).status(), "accepting needs a session");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void other_accounts_ids_and_expired_revoked_used_or_foreign_invites_let_nobody_in(Backend backend) throws Exception {
        try (TestServer test = server(backend, dataDir)) {
            Site site = new Site(test);
            Site.Member ada = site.newMember("ada");
            Site.Member bob = site.newMember("bob");
            Site.Member eve = site.newMember("eve");
            site.counter(ada, "secret");
            TeamStore team = new TeamStore(test.database);
            long adaUser = new AccountStore(test.database).findUserByEmail(ada.email()).orElseThrow().id();
            long bobUser = new AccountStore(test.database).findUserByEmail(bob.email()).orElseThrow().id();

            invite(ada, bob.email(), "member");
            String bobsToken = inviteToken(bob.email());
            long inviteId = team.pendingInvites(ada.accountId(), test.clock.millis()).get(0).id();
            // Eve, in an account of her own, reaches for Ada's ids.
            assertError(eve.browser().submit("/settings/team/invites/" + inviteId + "/revoke", Map.of()).reply(), 404,
                    "no invite with id " + inviteId);
            assertError(eve.browser().submit("/settings/team/members/" + adaUser + "/remove", Map.of()).reply(), 404,
                    "no member");
            assertError(eve.browser().submit("/settings/team/members/" + adaUser + "/role", fields("role", "member"))
                    .reply(), 404, "no member");
            assertError(eve.browser().submit("/settings/accounts/" + ada.accountId() + "/switch", Map.of()).reply(), 404,
                    "no account with id " + ada.accountId() + " among yours");
            assertError(eve.browser().submit("/invites/" + bobsToken + "/accept", Map.of()).reply(), 403,
                    "this invite is for " + bob.email());
            WebClient.Page evesView = eve.browser().getHtml("/invites/" + bobsToken);
            assertTrue(evesView.body().contains("id=\"invite-someone-else\""), evesView.body());
            assertEquals(List.of(), statNames(eve.browser()));

            assertEquals(303, ada.browser().submit("/settings/team/invites/" + inviteId + "/revoke", Map.of()).status());
            assertError(bob.browser().submit("/invites/" + bobsToken + "/accept", Map.of()).reply(), 410, "withdrawn");
            assertError(site.anonymous().get("/invites/" + bobsToken).reply(), 410, "withdrawn");

            String expired = Secrets.newKey(32);
            team.createInvite(new TeamStore.NewInvite(Ids.next(), ada.accountId(), bob.email(), Secrets.sha256Hex(expired),
                    Role.OWNER, adaUser, test.clock.millis() - 8 * 86_400_000L, test.clock.millis() - 1));
            assertError(bob.browser().submit("/invites/" + expired + "/accept", Map.of()).reply(), 410, "expired");
            assertError(site.anonymous().get("/invites/" + expired).reply(), 410, "expired");

            invite(ada, bob.email(), "member");
            String fresh = inviteToken(bob.email());
            assertEquals(303, bob.browser().submit("/invites/" + fresh + "/accept", Map.of()).status());
            assertEquals(List.of("secret"), statNames(bob.browser()));
            assertError(bob.browser().submit("/invites/" + fresh + "/accept", Map.of()).reply(), 410, "used already");
            assertError(ada.browser().submit("/settings/team/invites", fields("email", bob.email(), "role", "owner"))
                    .reply(), 409, bob.email() + " is a member of this account already");

            // A member may not run the team.
            assertError(bob.browser().submit("/settings/team/invites", fields("email", "carol@example.com", "role",
                    "member")).reply(), 403, "only an owner of this account can invite people");
            assertError(bob.browser().submit("/settings/team/members/" + adaUser + "/remove", Map.of()).reply(), 403,
                    "only an owner");
            assertError(bob.browser().submit("/settings/team/members/" + bobUser + "/role", fields("role", "owner"))
                    .reply(), 403, "only an owner");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_removed_member_stops_seeing_the_account_and_the_last_owner_stays(Backend backend) throws Exception {
        try (TestServer test = server(backend, dataDir)) {
            Site site = new Site(test);
            Site.Member ada = site.newMember("ada");
            site.counter(ada, "secret");
            Site.Member bob = site.newMember("bob");
            join(ada, bob, "member");
            assertEquals(List.of("secret"), statNames(bob.browser()));
            long adaUser = new AccountStore(test.database).findUserByEmail(ada.email()).orElseThrow().id();
            long bobUser = new AccountStore(test.database).findUserByEmail(bob.email()).orElseThrow().id();

            assertError(ada.browser().submit("/settings/team/leave", Map.of()).reply(), 409,
                    "this is the only account you belong to");
            assertError(ada.browser().submit("/settings/team/members/" + adaUser + "/role", fields("role", "member"))
                    .reply(), 409, "is the last owner of this account");
            assertError(ada.browser().submit("/settings/team/members/" + adaUser + "/remove", Map.of()).reply(), 400,
                    "leave it instead");

            WebClient.Page removed = ada.browser().submit("/settings/team/members/" + bobUser + "/remove", Map.of());
            assertEquals(303, removed.status(), removed.toString());
            assertEquals(401, bob.browser().getJson("/stats.json").status(), "Bob's session in Ada's account ended");
            assertEquals(List.of(bob.email()), List.of(new AccountStore(test.database).memberEmails(bob.accountId())
                    .get(0)));
            WebClient.Page again = bob.browser().logIn(bob.email(), Site.PASSWORD);
            assertEquals(303, again.status(), "Bob still logs in, into his own account");
            assertEquals(List.of(), statNames(bob.browser()));

            // Bob is an owner in Ada's account, then the last owner of it once Ada has left.
            join(ada, bob, "owner");
            bob.browser().submit("/settings/accounts/" + bob.accountId() + "/switch", Map.of());
            join(bob, ada, "member"); // Ada belongs to Bob's account too, so she can leave her own
            ada.browser().submit("/settings/accounts/" + ada.accountId() + "/switch", Map.of());
            bob.browser().submit("/settings/accounts/" + ada.accountId() + "/switch", Map.of());
            WebClient.Page left = ada.browser().submit("/settings/team/leave", Map.of());
            assertEquals(303, left.status(), left.toString());
            assertEquals(List.of(), statNames(ada.browser()), "Ada's session moved to Bob's account");
            assertError(bob.browser().submit("/settings/team/leave", Map.of()).reply(), 409,
                    "you are the last owner of this account");
            assertEquals(List.of("secret"), statNames(bob.browser()));
        }
    }
}
