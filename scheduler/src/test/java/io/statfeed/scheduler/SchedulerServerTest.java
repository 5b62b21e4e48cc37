package io.statfeed.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.LoginFailureStore;
import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchedulerServerTest {
    private static final Duration TICK = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_job_runs_every_interval_and_is_stored_once_however_often_a_node_starts(Backend backend) throws Exception {
        try (Backend.TestDatabase db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            TickJob.createTable(database);
            for (int start = 1; start <= 2; start++) {
                int before = count(database, "SELECT COUNT(*) FROM " + TickJob.TABLE);
                try (SchedulerServer node = SchedulerServer.start(database,
                        List.of(ScheduledJob.every(TICK, "tick", new TickJob(database, "node", 0))))) {
                    awaitTrue(() -> count(database, "SELECT COUNT(*) FROM " + TickJob.TABLE) >= before + 6);
                }
                assertEquals(1, count(database, "SELECT COUNT(*) FROM QRTZ_TRIGGERS"), "start " + start);
                assertEquals(1, count(database, "SELECT COUNT(*) FROM QRTZ_JOB_DETAILS"), "start " + start);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_scheduler_forgets_old_log_in_failures_and_sign_up_attempts_and_keeps_recent_ones(Backend backend)
            throws Exception {
        try (Backend.TestDatabase db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            long now = System.currentTimeMillis();
            LoginFailureStore failures = new LoginFailureStore(database);
            SignupAttemptStore attempts = new SignupAttemptStore(database);
            failures.record("old@example.com", "203.0.113.1", now - Duration.ofDays(1).toMillis());
            failures.record("new@example.com", "203.0.113.1", now);
            attempts.record("203.0.113.1", now - Duration.ofDays(1).toMillis());
            attempts.record("203.0.113.1", now);
            try (SchedulerServer node = SchedulerServer.start(db.settings(), database)) {
                awaitTrue(() -> count(database, "SELECT COUNT(*) FROM login_failures") == 1
                        && count(database, "SELECT COUNT(*) FROM signup_attempts") == 1);
                assertEquals(1, count(database, "SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'retention'"),
                        "retention is one of the cluster's jobs");
            }
            assertEquals(1, failures.countByEmail("new@example.com", 0));
            assertEquals(1, attempts.countByClient("203.0.113.1", 0));
        }
    }

    static int count(Database database, String sql) {
        try (Connection c = database.dataSource().getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
