package io.statfeed.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Account;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.accounts.SignupLimit;
import io.statfeed.interactor.alerts.CreateAlert;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scheduler processes wired as {@code scripts/run scheduler} wires them, on one MariaDB, mailing
 * a real SMTP server: hundreds of alerts fire at once, one node is killed with SIGKILL while the
 * transitions are being recorded and told, and still every transition is recorded once and every
 * mail arrives, each under its own Message-ID.
 */
class ClusteredAlertsTest {
    private static final int ALERTS = 300;
    /** The kill comes once this many mails are in: mid-work, with most still to record or tell. */
    private static final int KILL_AFTER_MAILS = 20;
    private static final int SEND_PATHS_PER_NODE = 2;
    /** Past the 60 s a killed node holds back the one message it was sending. */
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dataDir;

    @Test
    void every_transition_is_recorded_and_mailed_once_when_a_node_is_killed_mid_work() throws Exception {
        try (Backend.TestDatabase db = Backend.MARIADB.create(dataDir); Database database = Database.open(db.settings())) {
            fireableAlerts(database);
            Map<String, String> mail = Map.of("STATFEED_SMTP_HOST", "127.0.0.1",
                    "STATFEED_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()), "STATFEED_SMTP_TLS", "none",
                    "STATFEED_SMTP_FROM", "Statfeed <alerts@stats.example.com>");
            Map<String, Process> nodes = new HashMap<>();
            try {
                for (String name : List.of("node-a", "node-b")) {
                    nodes.put(name, NodeProcess.start(db.settings(), name, AlertNodeMain.class, mail));
                }
                awaitMails(KILL_AFTER_MAILS);
                nodes.get("node-a").destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, work cut short
                int atKill = smtp.getReceivedMessages().length;

                try {
                    awaitDistinctMails(ALERTS);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; events " + count(database, "SELECT COUNT(*) FROM alert_events")
                            + ", outbox delivered " + count(database, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL")
                            + " of " + count(database, "SELECT COUNT(*) FROM outbox") + "; node-b's log ends:\n"
                            + tail(NodeProcess.logOf(db.settings(), "node-b")), e);
                }

                assertTrue(atKill < ALERTS, "the kill came while there was work left: " + atKill + " mails in");
                assertEquals(ALERTS, count(database, "SELECT COUNT(*) FROM alert_events"), "each transition recorded once");
                assertEquals(ALERTS, count(database, "SELECT COUNT(DISTINCT alert_id) FROM alert_events"));
                // A message the killed node was sending when it died is held by its claim for up to
                // 60 s, then sent again by the survivor (under the same Message-ID) and marked.
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (count(database, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL") < ALERTS
                        && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                assertEquals(ALERTS, count(database, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL"));
                MimeMessage[] received = smtp.getReceivedMessages();
                assertEquals(ALERTS, Arrays.stream(received).map(ClusteredAlertsTest::messageId).distinct().count(),
                        "every transition told under a Message-ID of its own");
                // A send the kill cut between the server's "accepted" and the outbox's "delivered" is
                // sent again under the same Message-ID, which is how a reader's mail client drops it.
                // The killed node sends on two paths (the outbox job, and right after its alert
                // cycle), so at most two messages can have been cut so.
                assertTrue(received.length - ALERTS <= SEND_PATHS_PER_NODE,
                        received.length + " mails for " + ALERTS + " transitions");
            } finally {
                nodes.values().forEach(Process::destroyForcibly);
            }
        }
    }

    /** An account with {@value #ALERTS} counters, each with a point in the last whole minute and an alert on "> 0". */
    private static void fireableAlerts(Database database) {
        Clock clock = Clock.systemUTC();
        AccountStore accounts = new AccountStore(database);
        SignUp.SignedUp ada = new SignUp(accounts, new Passwords(4),
                new SignupLimit(new SignupAttemptStore(database), 100, clock), clock).signUp("ada@example.com", "correct horse");
        Account account = accounts.findById(ada.accountId()).orElseThrow();
        StatStore stats = new StatStore(database);
        CreateAlert create = new CreateAlert(new AlertStore(database), stats, url -> { }, clock);
        long lastMinute = Math.floorDiv(clock.millis() / 1000, 60) * 60 - 60;
        List<BucketStore.StatBucket> points = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            Stat stat = stats.createOrGet(account.id(), "errors " + i, true, clock.millis());
            points.add(new BucketStore.StatBucket(stat.id(), Resolution.MINUTE, new Bucket(lastMinute, 1, 1, 1, 1, 1)));
            create.create(account.id(), Map.of("stat_id", String.valueOf(stat.id()), "kind", "value", "time_window", "5m",
                    "operator", "greater than", "threshold", "0", "email", "ops@example.com"));
        }
        new BucketStore(database).add(points, "test-node", 1, clock.millis());
    }

    private static void awaitMails(int mails) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (smtp.getReceivedMessages().length < mails) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + smtp.getReceivedMessages().length + " mails within " + LIMIT);
            }
            Thread.sleep(5);
        }
    }

    private static void awaitDistinctMails(int mails) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Set<String> ids = Set.of();
        while (System.nanoTime() < deadline) {
            ids = Arrays.stream(smtp.getReceivedMessages()).map(ClusteredAlertsTest::messageId).collect(Collectors.toSet());
            if (ids.size() >= mails) {
                Thread.sleep(SchedulerServer.OUTBOX_INTERVAL.toMillis() * 2); // and nothing more comes
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(ids.size() + " distinct mails of " + mails + " within " + LIMIT);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static long count(Database database, String sql) {
        try (Connection c = database.dataSource().getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
