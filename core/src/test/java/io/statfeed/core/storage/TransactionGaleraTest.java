package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.INGEST_CHECKPOINTS;
import static io.statfeed.core.storage.schema.Tables.JOURNAL_LEASES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.testing.GaleraCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction Galera rolls back while its connection is idle (a write replicated from another
 * node needed its locks) fails whole, through the pool {@link Database} configures: its next
 * statement is answered with the deadlock error, which the retries take for a rollback, and
 * nothing of it is committed. Connector/J used to swallow that error when the next statement was
 * prepared on the server for the first time and run the statement in a new transaction, which
 * committed the rest of the rolled-back one. Runs on {@code scripts/galera} (see {@link GaleraCluster}).
 */
class TransactionGaleraTest {
    private static final int WRITER_NODE = 1;
    private static final int OTHER_NODE = 2;

    @TempDir
    Path dataDir;

    @Test
    void a_transaction_galera_rolls_back_between_two_statements_fails_and_commits_nothing() throws Exception {
        GaleraCluster cluster = GaleraCluster.require();
        try (GaleraCluster.Schema schema = cluster.create();
             Database database = Database.open(schema.nodeSettings(dataDir, WRITER_NODE));
             Connection otherNode = schema.connect(OTHER_NODE)) {
            long abortsBefore = cluster.status(WRITER_NODE, "wsrep_local_bf_aborts");
            CountDownLatch inserted = new CountDownLatch(1);
            DataAccessException failure = assertThrows(DataAccessException.class, () -> database.dsl().transaction(tx -> {
                DSLContext db = tx.dsl();
                // As a journal claim does: the missing row read for update locks the gap around it.
                db.selectFrom(JOURNAL_LEASES).where(JOURNAL_LEASES.NODE_ID.eq("api-a")).forUpdate().fetch();
                insertLease(db, "api-a");
                insertLeaseOnOtherNode(otherNode, "api-b"); // replicated into that gap: this transaction is rolled back
                awaitAbort(cluster, abortsBefore);
                db.insertInto(INGEST_CHECKPOINTS).set(INGEST_CHECKPOINTS.NODE_ID, "api-a")
                        .set(INGEST_CHECKPOINTS.GROUP_SEQ, 7L).set(INGEST_CHECKPOINTS.COARSE_SEQ, 7L)
                        .set(INGEST_CHECKPOINTS.UPDATED_AT, 1L).set(INGEST_CHECKPOINTS.GENERATION, "g").execute();
                inserted.countDown();
            }));

            assertTrue(Constraints.isRetryable(failure), "a rollback the retries repeat: " + failure);
            assertEquals(1, inserted.getCount(), "the statement after the rollback did not run as if nothing happened");
            DSLContext dsl = database.dsl();
            assertEquals(0, dsl.fetchCount(INGEST_CHECKPOINTS, INGEST_CHECKPOINTS.NODE_ID.eq("api-a")),
                    "no part of the rolled-back transaction is committed");
            assertEquals(0, dsl.fetchCount(JOURNAL_LEASES, JOURNAL_LEASES.NODE_ID.eq("api-a")));
            assertEquals(1, dsl.fetchCount(JOURNAL_LEASES, JOURNAL_LEASES.NODE_ID.eq("api-b")));
        }
    }

    private static void insertLease(DSLContext db, String nodeId) {
        db.insertInto(JOURNAL_LEASES).set(JOURNAL_LEASES.NODE_ID, nodeId).set(JOURNAL_LEASES.HOLDER, "h")
                .set(JOURNAL_LEASES.HOLDER_HOST, "host").set(JOURNAL_LEASES.HOLDER_PID, 1L)
                .set(JOURNAL_LEASES.DATA_DIR, "/d").set(JOURNAL_LEASES.GENERATION, "g")
                .set(JOURNAL_LEASES.EXPIRES_AT, 1L).execute();
    }

    private static void insertLeaseOnOtherNode(Connection otherNode, String nodeId) throws Exception {
        try (PreparedStatement insert = otherNode.prepareStatement("INSERT INTO journal_leases"
                + " (node_id, holder, holder_host, holder_pid, data_dir, generation, expires_at)"
                + " VALUES (?, 'h', 'host', 1, '/d', 'g', 1)")) {
            insert.setString(1, nodeId);
            insert.executeUpdate();
        }
    }

    /** Until the writer node has rolled back a local transaction for a replicated one (at most 10 s). */
    private static void awaitAbort(GaleraCluster cluster, long abortsBefore) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cluster.status(WRITER_NODE, "wsrep_local_bf_aborts") == abortsBefore) {
            assertTrue(System.nanoTime() < deadline, "the replicated insert did not roll the transaction back");
            Thread.sleep(20);
        }
    }
}
