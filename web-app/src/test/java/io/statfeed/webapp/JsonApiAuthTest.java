package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.testing.Backend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API under /api/v1/ takes the export API's access tokens as bearer tokens: without
 * one, with another scheme, an unknown or a revoked one, every path answers 401 in JSON with
 * {@code WWW-Authenticate: Bearer} before any route runs; a good one gets through. Signing up,
 * which makes the first token, needs none.
 */
class JsonApiAuthTest {
    private static final String SOME_PATH = "/api/v1/nothing-here";

    @TempDir
    Path dataDir;

    @Test
    void every_api_path_wants_a_live_bearer_token_but_the_sign_up() throws Exception {
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir)) {
            JsonNode ada = test.http.signUp("ada@example.com", "correct horse").json();
            long accountId = Long.parseLong(ada.get("account_id").textValue());
            String token = ada.get("access_token").textValue();
            AccountStore accounts = new AccountStore(test.database);
            String revoked = accounts.createAccessToken(accountId, Optional.empty(), "old script", test.clock.millis()).secret();
            accounts.revokeAccessToken(revoked, test.clock.millis());

            assertRefused(get(test, SOME_PATH, null), "send an access token as Authorization: Bearer ACCESS_TOKEN");
            assertRefused(get(test, SOME_PATH, "Basic " + token), "the Authorization header must be Bearer");
            assertRefused(get(test, SOME_PATH, "Bearer not-a-token"), "access token is unknown or revoked");
            assertRefused(get(test, SOME_PATH, "Bearer " + revoked), "access token is unknown or revoked");

            HttpResponse<String> through = get(test, SOME_PATH, "bearer " + token);
            assertEquals(404, through.statusCode(), "past the token, no such endpoint: " + through.body());
            assertEquals(201, test.http.signUp("grace@example.com", "correct horse").status());
        }
    }

    private static HttpResponse<String> get(TestServer test, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + test.server.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> answer, String msgStart) {
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("Bearer", answer.headers().firstValue("WWW-Authenticate").orElse(null));
        Http.Reply reply = new Http.Reply(answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(null), answer.body());
        Http.assertError(reply, 401, msgStart);
    }
}
