package io.statfeed.scheduler;

import io.statfeed.core.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * A test job: records each run (the fire time it was scheduled for, the node that ran it, whether
 * it was a recovery) in a table of its own, then takes {@code workMillis}, so that a test can kill
 * a node in the middle of a run.
 */
@DisallowConcurrentExecution
final class TickJob implements Job {
    static final String TABLE = "scheduler_test_ticks";

    private final Database database;
    private final String node;
    private final long workMillis;

    TickJob(Database database, String node, long workMillis) {
        this.database = database;
        this.node = node;
        this.workMillis = workMillis;
    }

    static void createTable(Database database) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (scheduled_at BIGINT NOT NULL, node VARCHAR(100) NOT NULL,"
                    + " recovering BOOLEAN NOT NULL, finished BOOLEAN NOT NULL)");
        }
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        long scheduled = context.getScheduledFireTime().getTime();
        record(scheduled, context.isRecovering(), false);
        try {
            Thread.sleep(workMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        record(scheduled, context.isRecovering(), true);
    }

    private void record(long scheduled, boolean recovering, boolean finished) throws JobExecutionException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, scheduled);
            insert.setString(2, node);
            insert.setBoolean(3, recovering);
            insert.setBoolean(4, finished);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new JobExecutionException(e);
        }
    }
}
