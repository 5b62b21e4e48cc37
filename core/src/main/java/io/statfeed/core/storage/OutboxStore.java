package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.OUTBOX;

import io.statfeed.core.model.alerts.OutboxMessage;
import io.statfeed.core.storage.schema.tables.records.OutboxRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Messages waiting to be told. A sender claims each message for a while (a lease) before sending
 * it, so several scheduler processes share the work without sending one message at the same time;
 * a sender that dies holding a claim only delays that message until the lease runs out.
 */
public final class OutboxStore {
    private static final int MAX_ERROR_LENGTH = 500;

    private final DSLContext dsl;

    public OutboxStore(Database database) {
        this.dsl = database.dsl();
    }

    /** A failure shown on the alert's page. */
    public record Failure(String recipient, int attempts, long atMillis, String error, boolean givenUp) {
    }

    /** Queues messages that no recorded event caused (a test of an alert's channels). */
    public void enqueue(List<OutboxMessage> messages) {
        dsl.transaction(tx -> enqueue(tx.dsl(), messages));
    }

    /** Queues messages within the caller's transaction: they exist exactly when what caused them does. */
    static void enqueue(DSLContext db, List<OutboxMessage> messages) {
        for (OutboxMessage message : messages) {
            OutboxRecord row = db.newRecord(OUTBOX);
            row.setId(message.id());
            row.setIdempotencyKey(message.idempotencyKey());
            row.setChannel(message.channel().storedName());
            row.setAlertId(message.alertId());
            row.setRecipient(message.recipient());
            row.setPayload(message.payload());
            row.setCreatedAt(message.createdAtMillis());
            row.setNextAttemptAt(message.createdAtMillis());
            row.setAttempts(0);
            row.setClaimedUntil(0L);
            db.insertInto(OUTBOX).set(row).execute();
        }
    }

    /** Up to {@code limit} messages due at {@code nowMillis} and claimed by nobody, oldest first; not yet claimed. */
    public List<OutboxMessage> due(long nowMillis, int limit) {
        return dsl.selectFrom(OUTBOX)
                .where(OUTBOX.DELIVERED_AT.isNull()).and(OUTBOX.FAILED_AT.isNull())
                .and(OUTBOX.NEXT_ATTEMPT_AT.le(nowMillis)).and(OUTBOX.CLAIMED_UNTIL.lt(nowMillis))
                .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.ID).limit(limit)
                .fetch(row -> new OutboxMessage(row.getId(), row.getIdempotencyKey(),
                        OutboxMessage.Channel.fromStoredName(row.getChannel()), row.getAlertId(), row.getRecipient(),
                        row.getPayload(), row.getCreatedAt(), row.getAttempts()));
    }

    /**
     * Claims one message until {@code leaseUntilMillis}, counting the attempt, if it is still due and
     * unclaimed: of two senders asking at once, one gets it. A sender claims a message just before
     * sending it, so one that dies holds back that one message for at most the lease.
     */
    public Optional<OutboxMessage> claim(OutboxMessage message, long nowMillis, long leaseUntilMillis) {
        int won = dsl.update(OUTBOX).set(OUTBOX.CLAIMED_UNTIL, leaseUntilMillis)
                .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .where(OUTBOX.ID.eq(message.id())).and(OUTBOX.CLAIMED_UNTIL.lt(nowMillis))
                // still due: another sender may have tried it since it was listed, and set it back
                .and(OUTBOX.NEXT_ATTEMPT_AT.le(nowMillis))
                .and(OUTBOX.DELIVERED_AT.isNull()).and(OUTBOX.FAILED_AT.isNull()).execute();
        if (won != 1) {
            return Optional.empty();
        }
        return Optional.of(new OutboxMessage(message.id(), message.idempotencyKey(), message.channel(),
                message.alertId(), message.recipient(), message.payload(), message.createdAtMillis(),
                dsl.select(OUTBOX.ATTEMPTS).from(OUTBOX).where(OUTBOX.ID.eq(message.id())).fetchOne(OUTBOX.ATTEMPTS)));
    }

    public void delivered(long messageId, long nowMillis) {
        dsl.update(OUTBOX).set(OUTBOX.DELIVERED_AT, nowMillis).set(OUTBOX.CLAIMED_UNTIL, 0L)
                .where(OUTBOX.ID.eq(messageId)).execute();
    }

    /** The attempt failed; the message is due again at {@code nextAttemptMillis}. */
    public void retryLater(long messageId, long nextAttemptMillis, String error) {
        dsl.update(OUTBOX).set(OUTBOX.NEXT_ATTEMPT_AT, nextAttemptMillis).set(OUTBOX.CLAIMED_UNTIL, 0L)
                .set(OUTBOX.LAST_ERROR, shortened(error)).where(OUTBOX.ID.eq(messageId)).execute();
    }

    /** The message cannot be delivered (refused for good, or out of attempts): kept, shown, not retried. */
    public void giveUp(long messageId, long nowMillis, String error) {
        dsl.update(OUTBOX).set(OUTBOX.FAILED_AT, nowMillis).set(OUTBOX.CLAIMED_UNTIL, 0L)
                .set(OUTBOX.LAST_ERROR, shortened(error)).where(OUTBOX.ID.eq(messageId)).execute();
    }

    /** Recent failed attempts of an alert's messages, newest first: shown on its page. */
    public List<Failure> failures(long alertId, int limit) {
        return dsl.selectFrom(OUTBOX).where(OUTBOX.ALERT_ID.eq(alertId)).and(OUTBOX.LAST_ERROR.isNotNull())
                .orderBy(OUTBOX.CREATED_AT.desc()).limit(limit)
                .fetch(row -> new Failure(row.getRecipient(), row.getAttempts(),
                        Optional.ofNullable(row.getFailedAt()).orElse(row.getNextAttemptAt()), row.getLastError(),
                        row.getFailedAt() != null));
    }

    /** Messages not yet delivered nor given up, for health checks and tests. */
    public int pending() {
        return dsl.fetchCount(OUTBOX, OUTBOX.DELIVERED_AT.isNull().and(OUTBOX.FAILED_AT.isNull()));
    }

    private static String shortened(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH - 3) + "..." : text;
    }
}
