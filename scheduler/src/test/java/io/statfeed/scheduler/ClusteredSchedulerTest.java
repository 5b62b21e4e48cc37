package io.statfeed.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scheduler nodes, each a process of its own, on one MariaDB database: every fire of a job is
 * run once, not once per node, and when the node running a job is killed with SIGKILL in the
 * middle of it, the other takes the job over, runs the interrupted fire again (Quartz's recovery)
 * and goes on with the schedule.
 */
class ClusteredSchedulerTest {
    private static final long INTERVAL_MS = 2_000;
    private static final long WORK_MS = 1_500;
    /** Two check-in intervals to notice the death, and some to recover and go on. */
    private static final Duration TAKEOVER = SchedulerServer.CHECK_IN_INTERVAL.multipliedBy(2).plusSeconds(12);

    @TempDir
    Path dataDir;

    @Test
    void each_fire_runs_once_and_a_node_killed_mid_job_is_taken_over() throws Exception {
        try (Backend.TestDatabase db = Backend.MARIADB.create(dataDir); Database database = Database.open(db.settings())) {
            TickJob.createTable(database);
            Map<String, Process> nodes = new HashMap<>();
            try {
                for (String name : List.of("node-a", "node-b")) {
                    nodes.put(name, startNode(db.settings(), name));
                }
                String victim = awaitRunUnderWay(database, Duration.ofSeconds(30));
                long killedAt = System.currentTimeMillis();
                nodes.get(victim).destroyForcibly().waitFor(); // SIGKILL: the job is cut short, no shutdown hook
                String survivor = victim.equals("node-a") ? "node-b" : "node-a";
                long cutShort = lastUnfinished(database, victim);

                Thread.sleep(TAKEOVER.toMillis());
                nodes.get(survivor).destroy();
                nodes.get(survivor).waitFor(30, TimeUnit.SECONDS);

                assertEquals(0, count(database, "SELECT COUNT(*) FROM (SELECT scheduled_at FROM " + TickJob.TABLE
                        + " WHERE finished GROUP BY scheduled_at HAVING COUNT(*) > 1) twice"),
                        "a fire finished twice");
                assertEquals(1, count(database, "SELECT COUNT(*) FROM " + TickJob.TABLE + " WHERE scheduled_at = "
                        + cutShort + " AND finished AND recovering AND node = '" + survivor + "'"),
                        "the fire cut short by the kill was run again, once, by the survivor");
                assertTrue(count(database, "SELECT COUNT(*) FROM " + TickJob.TABLE + " WHERE finished AND NOT recovering"
                        + " AND node = '" + survivor + "' AND scheduled_at > " + killedAt) >= 2,
                        "the survivor went on with the schedule");
            } finally {
                nodes.values().forEach(Process::destroyForcibly);
            }
        }
    }

    /** Waits for a node to be in the middle of a run, and names it. */
    private static String awaitRunUnderWay(Database database, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = database.dataSource().getConnection(); ResultSet rows = c.createStatement().executeQuery(
                    "SELECT node FROM " + TickJob.TABLE + " t WHERE NOT finished AND NOT EXISTS (SELECT 1 FROM "
                            + TickJob.TABLE + " f WHERE f.finished AND f.scheduled_at = t.scheduled_at)")) {
                if (rows.next()) {
                    return rows.getString(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no node ran the job within " + limit);
    }

    private static long lastUnfinished(Database database, String node) {
        return count(database, "SELECT MAX(scheduled_at) FROM " + TickJob.TABLE + " t WHERE node = '" + node
                + "' AND NOT finished AND NOT EXISTS (SELECT 1 FROM " + TickJob.TABLE
                + " f WHERE f.finished AND f.scheduled_at = t.scheduled_at AND f.node = t.node)");
    }

    private static long count(Database database, String sql) {
        try (Connection c = database.dataSource().getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process startNode(Settings settings, String name) throws IOException {
        return NodeProcess.start(settings, name, ClusterNodeMain.class, Map.of(), name, Long.toString(INTERVAL_MS),
                Long.toString(WORK_MS));
    }
}
