package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.AddressBlock;
import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebClient.Page;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign-ups are limited per client address, on the page and the JSON API alike, and the count is
 * shared by every web-app process on the database: a client moving to another process is
 * refused as well, with 429 and Retry-After.
 */
class SignupLimitTest {
    private static final int LIMIT = 3;
    /** Still, so that Retry-After is the whole window however long the test takes. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(TestServer.NOW_SECONDS), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void one_address_may_sign_up_so_often_an_hour_whichever_web_app_process_it_reaches(Backend backend) {
        try (TestServer first = new TestServer(backend, dataDir, CLOCK,
                s -> s.withAccounts(new Settings.Accounts(TestServer.TEST_HASH_COST, LIMIT)));
             Database database = Database.open(first.settings);
             WebServer second = WebServer.start(first.settings, database, first.clock)) {
            Http other = new Http(second.port());
            assertEquals(201, first.http.signUp("one@example.com", "correct horse").status());
            assertEquals(400, other.signUp("not an email", "correct horse").status(), "refused before it counts");
            assertEquals(201, other.signUp("two@example.com", "correct horse").status());
            Page page = first.browser().signUp("three@example.com", "correct horse");
            assertEquals(303, page.status(), page.toString());

            Http.Reply json = other.signUp("four@example.com", "correct horse");
            Http.assertError(json, 429, "too many sign-ups from this address; try again in 60 minutes");
            Page refused = first.browser().signUp("four@example.com", "correct horse");
            assertEquals(429, refused.status(), refused.toString());
            assertEquals("3600", refused.header("Retry-After"));
            assertTrue(refused.body().contains("too many sign-ups from this address"), refused.body());
        }
    }

    /**
     * Behind nginx (a trusted proxy, STATFEED_TRUSTED_PROXIES) the limit counts each client by the
     * address the proxy put last in X-Forwarded-For, never by what the client wrote there itself;
     * a web-app that trusts no proxy ignores the header altogether.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void behind_a_trusted_proxy_each_client_address_has_its_own_allowance_and_a_forged_header_gains_nothing(
            Backend backend) throws Exception {
        AddressBlock loopback = new AddressBlock(InetAddress.getByName("127.0.0.1"), 32);
        try (TestServer proxied = new TestServer(backend, dataDir, CLOCK,
                s -> s.withAccounts(new Settings.Accounts(TestServer.TEST_HASH_COST, LIMIT))
                        .withTrustedProxies(List.of(loopback)));
             Database database = Database.open(proxied.settings);
             WebServer direct = WebServer.start(proxied.settings.withTrustedProxies(List.of()), database, proxied.clock)) {
            for (int i = 0; i < LIMIT; i++) {
                assertEquals(201, signUpFrom(proxied.http, "a" + i + "@example.com", "203.0.113.5").status());
            }
            Http.assertError(signUpFrom(proxied.http, "a9@example.com", "203.0.113.5"), 429,
                    "too many sign-ups from this address; try again in 60 minutes");
            assertEquals(201, signUpFrom(proxied.http, "b0@example.com", "203.0.113.6").status(), "another client");
            // The client wrote an address of its own; nginx appended the one it saw.
            assertEquals(429, signUpFrom(proxied.http, "a10@example.com", "198.51.100.1, 203.0.113.5").status(),
                    "a forged left-hand entry is not the client");

            Http toDirect = new Http(direct.port());
            for (int i = 0; i < LIMIT; i++) {
                assertEquals(201, signUpFrom(toDirect, "c" + i + "@example.com", "198.51.100." + (10 + i)).status());
            }
            assertEquals(429, signUpFrom(toDirect, "c9@example.com", "198.51.100.99").status(),
                    "without a trusted proxy every sign-up counts for the socket's address, whatever the header says");
        }
    }

    private static Http.Reply signUpFrom(Http http, String email, String forwardedFor) {
        return http.postWithHeaders("/api/v1/accounts", "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}",
                "Content-Type", "application/json", "X-Forwarded-For", forwardedFor);
    }
}
