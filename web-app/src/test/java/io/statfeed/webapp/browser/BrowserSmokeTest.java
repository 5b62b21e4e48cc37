package io.statfeed.webapp.browser;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.interactor.accounts.SignupLimit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The browser-test machinery end to end: servers in-process, a page on another origin, headless
 * Chromium, waiting for the DOM, a screenshot.
 */
class BrowserSmokeTest {
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void a_page_on_another_origin_posts_a_point_that_the_export_api_then_shows_and_frames_the_web_apps_health()
            throws Exception {
        try (LiveServers servers = new LiveServers(Backend.EMBEDDED, dataDir);
             OtherSite site = OtherSite.start();
             Browser browser = Browser.start()) {
            SignUp.SignedUp owner = new SignUp(new AccountStore(servers.database),
                    new Passwords(LiveServers.TEST_HASH_COST), new SignupLimit(new SignupAttemptStore(servers.database),
                    Settings.DEFAULT_SIGNUPS_PER_HOUR, Clock.systemUTC()), Clock.systemUTC())
                    .signUp("ada@example.com", "correct horse");
            URI page = site.serve("/page.html", """
                    <!doctype html>
                    <html><head><meta charset="utf-8"><title>Another site</title></head>
                    <body>
                      <h1>A customer's page</h1>
                      <p>The api-server answered: <span id="answer">nothing yet</span></p>
                      <iframe id="health" src="%s/healthz" width="480" height="80"></iframe>
                      <script>
                        fetch('%s/ez', {method: 'POST', headers: {'Content-Type': 'application/json'},
                            body: JSON.stringify({ezkey: '%s', data: [{stat: 'page visits', count: 1}]})})
                          .then(response => response.json())
                          .then(answer => document.getElementById('answer').textContent = answer.status + ' ' + answer.msg)
                          .catch(error => document.getElementById('answer').textContent = 'failed: ' + error);
                      </script>
                    </body></html>
                    """.formatted(servers.webUrl(), servers.apiUrl(), owner.ezkey()));

            browser.open(page);

            assertEquals("200 ok", browser.awaitText(By.id("answer"), "200"), String.join("\n", browser.consoleMessages()));
            browser.driver().switchTo().frame("health");
            assertEquals("{\"status\":200,\"msg\":\"ok\"}", browser.awaitText(By.tagName("body"), "status"));
            browser.driver().switchTo().defaultContent();
            Path screenshot = browser.screenshot("browser-smoke-other-origin");
            assertTrue(Files.size(screenshot) > 0);
            assertEquals(1.0, visitsCounted(servers, owner.accessToken()));
        }
    }

    /** The recent total of "page visits" through the export API, once the api-server has flushed it. */
    private static double visitsCounted(LiveServers servers, String token) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (true) {
            JsonNode stats = get(servers.webUrl() + "/x/" + token + "/statlist");
            if (stats.size() == 1) {
                JsonNode data = get(servers.webUrl() + "/x/" + token + "/data/" + stats.get(0).get("id").textValue()
                        + "?t=2h1h"); // two hours, in case the hour turned since the post
                double total = 0;
                for (JsonNode point : data.get(0).get("points")) {
                    total += point.get("value").doubleValue();
                }
                if (total > 0 || System.nanoTime() > deadline) {
                    return total;
                }
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("the posted stat did not appear within " + VISIBLE_WITHIN + ": " + stats);
            }
            Thread.sleep(50);
        }
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }
}
