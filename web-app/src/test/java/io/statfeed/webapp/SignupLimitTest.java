package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebClient.Page;
import java.nio.file.Path;
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

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void one_address_may_sign_up_so_often_an_hour_whichever_web_app_process_it_reaches(Backend backend) {
        try (TestServer first = new TestServer(backend, dataDir, java.time.Clock.systemUTC(),
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
}
