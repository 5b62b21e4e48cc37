package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.INGEST_CHECKPOINTS;
import static io.statfeed.core.storage.schema.Tables.JOURNAL_LEASES;

import io.statfeed.core.storage.schema.tables.records.JournalLeasesRecord;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Who runs each api-server journal identity (the node id in a journal folder). The identity is
 * what storage's checkpoints are kept under, so two processes with one identity would count
 * what they journal twice or not at all: a process claims it for a while and renews the claim,
 * and the folder's generation, renewed at every claim and written on the checkpoint, fences off
 * every copy of the folder but the one that ran last.
 */
public final class JournalLeaseStore {
    /** The process asking for an identity. {@code token} is new at every start. */
    public record Holder(String token, String host, long pid, String dataDir) {
    }

    /** What the lease row says about the identity now. */
    public record Lease(String nodeId, Holder holder, String generation, long expiresAt, Optional<String> adoptedBy) {
    }

    /** Decides whether a lease that has not expired belongs to a process that is gone. */
    public interface Liveness {
        boolean isGone(Holder holder);
    }

    /** The identity may not be claimed; the message says why and what to do. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    private final DSLContext dsl;

    public JournalLeaseStore(Database database) {
        this.dsl = database.dsl();
    }

    /**
     * Claims the identity for {@code holder} until {@code expiresAt}, under the new generation.
     * The folder must carry one of {@code folderGenerations} (its current one, or one it was
     * about to take when it stopped) unless storage has never seen the identity.
     *
     * @throws RefusedException when another process holds it, a copy of the folder has run since,
     *                          or another api-server adopted the journal
     */
    public void claim(String nodeId, Holder holder, Set<String> folderGenerations, String newGeneration,
                      long nowMillis, long expiresAt, Liveness liveness) {
        Retries.onDeadlock(() -> dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            Optional<Lease> held = db.selectFrom(JOURNAL_LEASES).where(JOURNAL_LEASES.NODE_ID.eq(nodeId)).forUpdate()
                    .fetchOptional().map(JournalLeaseStore::toLease);
            held.ifPresent(lease -> refuseUnlessFree(lease, holder, folderGenerations, nowMillis, liveness));
            if (held.isPresent()) {
                db.update(JOURNAL_LEASES).set(holderFields(holder, newGeneration, expiresAt))
                        .where(JOURNAL_LEASES.NODE_ID.eq(nodeId)).execute();
            } else {
                db.insertInto(JOURNAL_LEASES).set(JOURNAL_LEASES.NODE_ID, nodeId)
                        .set(holderFields(holder, newGeneration, expiresAt)).execute();
            }
            // The checkpoint row carries the generation too, so only this claim's flushes can write it.
            db.insertInto(INGEST_CHECKPOINTS)
                    .set(INGEST_CHECKPOINTS.NODE_ID, nodeId)
                    .set(INGEST_CHECKPOINTS.GROUP_SEQ, BucketStore.NO_CHECKPOINT)
                    .set(INGEST_CHECKPOINTS.COARSE_SEQ, BucketStore.NO_CHECKPOINT)
                    .set(INGEST_CHECKPOINTS.UPDATED_AT, nowMillis)
                    .set(INGEST_CHECKPOINTS.GENERATION, newGeneration)
                    .onDuplicateKeyUpdate()
                    .set(INGEST_CHECKPOINTS.GENERATION, newGeneration)
                    .execute();
            return null;
        }));
    }

    private static void refuseUnlessFree(Lease lease, Holder me, Set<String> folderGenerations, long nowMillis,
                                         Liveness liveness) {
        if (lease.adoptedBy().isPresent()) {
            throw new RefusedException("the journal " + lease.nodeId() + " in " + me.dataDir()
                    + " was adopted by api-server " + lease.adoptedBy().get()
                    + ", which wrote everything it held to storage; starting it again would count it twice. "
                    + "Move this data folder aside and start this api-server with an empty STATFEED_DATA_DIR.");
        }
        Holder other = lease.holder();
        if (lease.expiresAt() > nowMillis && !other.token().equals(me.token()) && !liveness.isGone(other)) {
            throw new RefusedException("the journal identity " + lease.nodeId() + " (journal/node-id in "
                    + me.dataDir() + ") is in use by another api-server: pid " + other.pid() + " on " + other.host()
                    + " with data folder " + other.dataDir() + ", whose claim runs for another "
                    + Math.max(1, (lease.expiresAt() - nowMillis + 999) / 1000) + " s. "
                    + "A copy of a running api-server's data folder must not be started: give each api-server "
                    + "its own empty STATFEED_DATA_DIR. If that server is gone for good, adopt its journal "
                    + "instead (scripts/run api --adopt DIR) once its claim has run out.");
        }
        if (!folderGenerations.contains(lease.generation())) {
            throw new RefusedException("the journal " + lease.nodeId() + " in " + me.dataDir()
                    + " is older than the one storage last took under this identity (from pid " + other.pid()
                    + " on " + other.host() + ", data folder " + other.dataDir() + "): a copy of this data folder "
                    + "ran after this one, and replaying this one would count points twice or lose them. "
                    + "Move this data folder aside and start this api-server with an empty STATFEED_DATA_DIR.");
        }
    }

    private static Map<Field<?>, Object> holderFields(Holder holder, String generation, long expiresAt) {
        return Map.of(
                JOURNAL_LEASES.HOLDER, holder.token(),
                JOURNAL_LEASES.HOLDER_HOST, cut(holder.host(), 255),
                JOURNAL_LEASES.HOLDER_PID, holder.pid(),
                JOURNAL_LEASES.DATA_DIR, cut(holder.dataDir(), 1000),
                JOURNAL_LEASES.GENERATION, generation,
                JOURNAL_LEASES.EXPIRES_AT, expiresAt);
    }

    /**
     * Extends the holder's claim. False when another process holds the identity now (this one
     * was taken for gone): the caller must stop taking data.
     */
    public boolean renew(String nodeId, String holderToken, long expiresAt) {
        return dsl.update(JOURNAL_LEASES).set(JOURNAL_LEASES.EXPIRES_AT, expiresAt)
                .where(JOURNAL_LEASES.NODE_ID.eq(nodeId).and(JOURNAL_LEASES.HOLDER.eq(holderToken))
                        .and(JOURNAL_LEASES.ADOPTED_BY.isNull()))
                .execute() == 1;
    }

    /** Ends the holder's claim at a clean stop, so the same folder may start again at once. */
    public void release(String nodeId, String holderToken) {
        dsl.update(JOURNAL_LEASES).set(JOURNAL_LEASES.EXPIRES_AT, 0L)
                .where(JOURNAL_LEASES.NODE_ID.eq(nodeId).and(JOURNAL_LEASES.HOLDER.eq(holderToken)))
                .execute();
    }

    /** Another api-server wrote the journal's points to storage: the identity may never run again. */
    public void markAdopted(String nodeId, String holderToken, String adoptedBy) {
        dsl.update(JOURNAL_LEASES).set(JOURNAL_LEASES.EXPIRES_AT, 0L).set(JOURNAL_LEASES.ADOPTED_BY, adoptedBy)
                .where(JOURNAL_LEASES.NODE_ID.eq(nodeId).and(JOURNAL_LEASES.HOLDER.eq(holderToken)))
                .execute();
    }

    public Optional<Lease> find(String nodeId) {
        return dsl.selectFrom(JOURNAL_LEASES).where(JOURNAL_LEASES.NODE_ID.eq(nodeId)).fetchOptional()
                .map(JournalLeaseStore::toLease);
    }

    private static Lease toLease(JournalLeasesRecord r) {
        return new Lease(r.getNodeId(), new Holder(r.getHolder(), r.getHolderHost(), r.getHolderPid(), r.getDataDir()),
                r.getGeneration(), r.getExpiresAt(), Optional.ofNullable(r.getAdoptedBy()));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
