package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two web-app processes on one MariaDB database, as behind a load balancer: a person publishes
 * through one, another reads (and streams) through the other.
 */
class TwoWebAppsFeedTest {
    private static final String JSON = "application/json";

    @TempDir
    Path dataDir;
    private final java.util.Map<Process, Integer> ports = new java.util.HashMap<>();

    @Test
    void an_annotation_published_on_one_web_app_reaches_a_follower_streaming_from_another_within_a_second()
            throws Exception {
        try (var db = Backend.MARIADB.create(dataDir); Database database = Database.open(db.settings())) {
            Process one = start(db.settings(), "one");
            Process two = start(db.settings(), "two");
            try {
                Http first = new Http(port(one));
                Http second = new Http(port(two));
                JsonNode ada = first.signUp("ada@example.com", "correct horse").json();
                JsonNode bob = second.signUp("bob@example.com", "correct horse").json();
                String adaAuth = "Bearer " + ada.get("access_token").textValue();
                String bobAuth = "Bearer " + bob.get("access_token").textValue();
                Stat stat = new StatStore(database).createOrGet(Long.parseLong(ada.get("account_id").textValue()),
                        "signups", true, System.currentTimeMillis());
                assertEquals(200, first.request("PATCH", "/api/v1/stats/" + stat.id(), "{\"public\":true}",
                        "Authorization", adaAuth, "Content-Type", JSON).status());
                assertEquals(201, second.request("POST", "/api/v1/follows", "{\"type\":\"stat\",\"id\":\"" + stat.id() + "\"}",
                        "Authorization", bobAuth, "Content-Type", JSON).status());

                try (EventStream events = new EventStream(port(two), "/api/v1/feed/events", "Authorization", bobAuth)) {
                    Thread.sleep(500); // the stream is open before the annotation is made
                    long made = System.nanoTime();
                    Http.Reply annotated = first.request("POST", "/api/v1/stats/" + stat.id() + "/annotations",
                            "{\"text\":\"deployed v2\"}", "Authorization", adaAuth, "Content-Type", JSON);
                    assertEquals(201, annotated.status(), annotated.body());
                    EventStream.Event event = events.nextWith("activity", "deployed v2", Duration.ofSeconds(5));
                    long millis = (System.nanoTime() - made) / 1_000_000;
                    assertNotNull(event, "the other process's stream told the follower");
                    assertTrue(event.data().contains("deployed v2"), event.data());
                    assertTrue(millis < 1000, "within a second: " + millis + " ms");
                }
                JsonNode feed = second.request("GET", "/api/v1/feed", null, "Authorization", bobAuth).json();
                assertEquals("deployed v2", feed.get("activities").get(0).get("payload").get("text").textValue());
                assertEquals(204, first.request("DELETE", "/api/v1/annotations/"
                        + feed.get("activities").get(0).get("object").get("id").textValue(), null,
                        "Authorization", adaAuth).status());
                assertEquals(0, second.request("GET", "/api/v1/feed", null, "Authorization", bobAuth).json()
                        .get("activities").size(), "the delete made on one process is seen through the other");
            } finally {
                one.destroyForcibly().waitFor();
                two.destroyForcibly().waitFor();
            }
        }
    }

    private int port(Process process) {
        return ports.get(process);
    }

    private Process start(Settings settings, String name) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, WebNodeMain.class.getName()));
        Settings.DatabaseServer server = settings.databaseServer().orElseThrow();
        builder.environment().put("STATFEED_DB_URL", server.jdbcUrl());
        builder.environment().put("STATFEED_DB_USER", server.user());
        builder.environment().put("STATFEED_DB_PASSWORD", server.password());
        builder.environment().put("STATFEED_DATA_DIR", dataDir.resolve(name).toString());
        builder.environment().put("STATFEED_WEB_PORT", "0");
        builder.environment().put("STATFEED_PASSWORD_HASH_COST", "4");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(WebNodeMain.READY)) {
                ports.put(process, Integer.parseInt(line.substring(WebNodeMain.READY.length()).strip()));
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), name + "-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        throw new AssertionError("web-app " + name + " did not start");
    }
}
