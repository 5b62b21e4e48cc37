package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export API answers as StatHat's documentation shows (https://stathat.com/manual/export),
 * compared as whole answers: the example's data stored, then the documented reply expected to the
 * letter, with Statfeed's ids and times in place of the example's and its one addition, each
 * stat's per-stat {@code key}, left out.
 */
class StatHatExportExamplesTest {
    /** Intervals of three hours from here: the example's four points, on Statfeed's interval boundaries. */
    private static final long START = 1_360_854_000L;
    private static final long THREE_HOURS = 10_800;

    @TempDir
    Path dataDir;

    @Test
    void statlist_stat_delete_and_data_answer_as_the_stathat_manual_shows() throws Exception {
        // Now is the example's day: from ten years on, its hours would be past their retention and
        // the frame would be read from day buckets, as it should be.
        Clock exampleDay = Clock.fixed(Instant.ofEpochSecond(START + 4 * THREE_HOURS), ZoneOffset.UTC);
        try (TestServer test = new TestServer(Backend.EMBEDDED, dataDir, exampleDay, UnaryOperator.identity())) {
            JsonNode ada = test.http.signUp("ada@example.com", "correct horse").json();
            String token = ada.get("access_token").textValue();
            long accountId = Long.parseLong(ada.get("account_id").textValue());
            StatStore stats = new StatStore(test.database);
            Stat requestTime = stats.createOrGet(accountId, "request time", true, test.clock.millis());
            Stat userCreated = stats.createOrGet(accountId, "user created", true, test.clock.millis());
            stats.setPublic(accountId, userCreated.id(), true);

            assertEquals(compact("[{ \"id\":\"XXXX\", \"name\":\"request time\", \"public\":false, \"counter\":true }, "
                            + "{ \"id\":\"YYYY\", \"name\":\"user created\", \"public\":true, \"counter\":true }]")
                            .replace("XXXX", Long.toString(requestTime.id())).replace("YYYY", Long.toString(userCreated.id())),
                    withoutKeys(test.http.get("/x/" + token + "/statlist").json()));

            Stat load = stats.createOrGet(accountId, "server load average", true, test.clock.millis());
            stats.setPublic(accountId, load.id(), true);
            assertEquals("{\"id\":\"" + load.id() + "\",\"name\":\"server load average\",\"public\":true,\"counter\":true}",
                    withoutKeys(test.http.get("/x/" + token + "/stat?name=server+load+average").json()));

            assertEquals("{\"msg\":\"stat deleted.\"}", test.http.delete("/x/" + token + "/stats/" + load.id()).body());

            store(test, requestTime, 2.159, 1.034, 3.222, 3.101);
            store(test, userCreated, 3, 0, 19, 21);
            String expected = ("[{ \"name\": \"request time\", \"timeframe\": \"12 hours @ 3 hours\", "
                    + "\"points\": [{\"time\":T0, \"value\": 2.159}, {\"time\":T1, \"value\": 1.034}, "
                    + "{\"time\":T2, \"value\": 3.222}, {\"time\":T3, \"value\": 3.101}] }, "
                    + "{ \"name\": \"user created\", \"timeframe\": \"12 hours @ 3 hours\", "
                    + "\"points\": [{\"time\":T0, \"value\":3}, {\"time\":T1, \"value\":0}, {\"time\":T2, \"value\":19}, "
                    + "{\"time\":T3,\"value\":21}] }]");
            for (int i = 0; i < 4; i++) {
                expected = expected.replace("T" + i, Long.toString(START + i * THREE_HOURS));
            }
            assertEquals(compact(expected), test.http.get("/x/" + token + "/data/" + requestTime.id() + "/"
                    + userCreated.id() + "?t=12h3h&start=" + START).body());
        }
    }

    /**
     * One count per interval at the interval's start, in the minute and hour buckets the
     * api-server would write (a 0 stores nothing).
     */
    private static void store(TestServer test, Stat stat, double... perInterval) {
        List<StatBucket> rows = new ArrayList<>();
        for (int i = 0; i < perInterval.length; i++) {
            if (perInterval[i] != 0) {
                for (Resolution resolution : List.of(Resolution.MINUTE, Resolution.HOUR)) {
                    rows.add(new StatBucket(stat.id(), resolution, Bucket.of(START + i * THREE_HOURS, perInterval[i])));
                }
            }
        }
        new BucketStore(test.database).add(rows, "example", stat.id(), test.clock.millis());
    }

    /** The documented examples are pretty-printed; answers are compact. Only spaces outside strings go. */
    private static String compact(String json) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (char c : json.toCharArray()) {
            if (c == '"') {
                inString = !inString;
            }
            if (inString || c != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String withoutKeys(JsonNode answer) {
        if (answer instanceof ArrayNode list) {
            list.forEach(stat -> ((ObjectNode) stat).remove("key"));
        } else {
            ((ObjectNode) answer).remove("key");
        }
        return answer.toString();
    }
}
