package io.statfeed.scheduler;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import java.time.Duration;

/**
 * A scheduler node as {@code scripts/run scheduler} wires it (every job, mail from the
 * environment's STATFEED_SMTP_* settings), in a process of its own, but with the alert cycle every
 * second instead of once a minute, so the clustered test runs many cycles in seconds.
 */
public final class AlertNodeMain {
    static final String READY = ClusterNodeMain.READY;
    static final Duration CYCLE = Duration.ofSeconds(1);

    private AlertNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        Database database = Database.open(settings);
        SchedulerServer node = SchedulerServer.start(settings, database,
                cycle -> ScheduledJob.every(CYCLE, "evaluate-alerts", cycle));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            database.close();
        }));
        System.out.println(READY + " " + node.nodeId());
        System.out.flush();
        Thread.currentThread().join();
    }
}
