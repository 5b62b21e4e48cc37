package io.statfeed.scheduler;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import java.time.Duration;
import java.util.List;

/**
 * A scheduler node in a process of its own, for the clustered test: joins the cluster on the
 * database of the environment's settings with one {@link TickJob} every {@code args[1]} ms that
 * works {@code args[2]} ms, names itself {@code args[0]}, and runs until killed.
 */
public final class ClusterNodeMain {
    static final String READY = "NODE READY";

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.open(Settings.fromEnvironment());
        TickJob.createTable(database);
        SchedulerServer node = SchedulerServer.start(database, List.of(ScheduledJob.every(
                Duration.ofMillis(Long.parseLong(args[1])), "tick", new TickJob(database, args[0],
                        Long.parseLong(args[2])))));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            database.close();
        }));
        System.out.println(READY + " " + node.nodeId());
        System.out.flush();
        Thread.currentThread().join();
    }
}
