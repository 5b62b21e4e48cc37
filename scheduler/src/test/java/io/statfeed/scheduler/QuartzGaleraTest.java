package io.statfeed.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.GaleraCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quartz's clustered job store on a three-node Galera cluster ({@code scripts/galera}; runs only
 * with STATFEED_TEST_GALERA_URL set): two scheduler nodes, each a process of its own, on the URL
 * listing every Galera node, fire a job once per trigger; when the Galera node they both write
 * through is killed with SIGKILL, they go on through the next one, still once per trigger.
 */
class QuartzGaleraTest {
    private static final long INTERVAL_MS = 1_000;
    private static final long WORK_MS = 200;

    @TempDir
    Path dataDir;

    @Test
    void two_scheduler_nodes_fire_each_trigger_once_before_and_after_the_galera_node_they_use_dies() throws Exception {
        GaleraCluster cluster = GaleraCluster.require();
        try (GaleraCluster.Schema schema = cluster.create()) {
            Settings settings = schema.settings(dataDir);
            List<Process> nodes = new ArrayList<>();
            long killedAt;
            try (Database database = Database.open(settings)) {
                TickJob.createTable(database);
                try {
                    for (String name : List.of("node-a", "node-b")) {
                        nodes.add(NodeProcess.start(settings, name, ClusterNodeMain.class, Map.of(), name,
                                Long.toString(INTERVAL_MS), Long.toString(WORK_MS)));
                    }
                    Thread.sleep(8_000);
                    killedAt = System.currentTimeMillis();
                    cluster.kill(1); // the first listed: every process writes through it
                    try {
                        Thread.sleep(12_000);
                    } finally {
                        cluster.restart(1);
                    }
                    Thread.sleep(3_000);
                } finally {
                    for (Process node : nodes) {
                        node.destroy();
                    }
                    for (Process node : nodes) {
                        if (!node.waitFor(40, TimeUnit.SECONDS)) {
                            node.destroyForcibly();
                        }
                    }
                }
            }
            try (Database reader = Database.open(schema.nodeSettings(dataDir.resolve("reader"), 1))) {
                long fires = count(reader, "SELECT COUNT(DISTINCT scheduled_at) FROM " + TickJob.TABLE + " WHERE finished");
                long twice = count(reader, "SELECT COUNT(*) FROM (SELECT scheduled_at FROM " + TickJob.TABLE
                        + " WHERE finished GROUP BY scheduled_at HAVING COUNT(*) > 1) twice");
                long started = count(reader, "SELECT COUNT(*) FROM " + TickJob.TABLE + " WHERE NOT finished");
                long after = count(reader, "SELECT COUNT(DISTINCT scheduled_at) FROM " + TickJob.TABLE
                        + " WHERE finished AND scheduled_at > " + (killedAt + 2_000));
                System.out.printf("QuartzGaleraTest: %d fires finished (%d runs started), %d of them after the kill;"
                        + " %d fires finished twice%n", fires, started, after, twice);
                assertEquals(0, twice, "a fire finished twice");
                assertTrue(fires >= 15, "the job fired about once a second: " + fires);
                assertTrue(after >= 8, "the nodes went on through another Galera node: " + after);
            }
        }
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
