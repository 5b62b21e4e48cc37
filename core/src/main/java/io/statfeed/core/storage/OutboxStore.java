package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.OUTBOX;

import io.statfeed.core.model.alerts.OutboxMessage;
import io.statfeed.core.storage.schema.tables.records.OutboxRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Messages waiting to be told. A sender claims due messages for a while (a lease), so several
 * scheduler processes share the work without sending one message at the same time; a sender that
 * dies holding a claim only delays its messages until the lease runs out.
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

    /**
     * Claims up to {@code limit} due messages until {@code leaseUntilMillis}, oldest first. Each
     * is claimed by a conditional update, so of two senders asking at once each message goes to one.
     */
    public List<OutboxMessage> claimDue(long nowMillis, long leaseUntilMillis, int limit) {
        List<OutboxRecord> due = dsl.selectFrom(OUTBOX)
                .where(OUTBOX.DELIVERED_AT.isNull()).and(OUTBOX.FAILED_AT.isNull())
                .and(OUTBOX.NEXT_ATTEMPT_AT.le(nowMillis)).and(OUTBOX.CLAIMED_UNTIL.lt(nowMillis))
                .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.ID).limit(limit).fetch();
        List<OutboxMessage> claimed = new ArrayList<>(due.size());
        for (OutboxRecord row : due) {
            int won = dsl.update(OUTBOX).set(OUTBOX.CLAIMED_UNTIL, leaseUntilMillis)
                    .set(OUTBOX.ATTEMPTS, row.getAttempts() + 1)
                    .where(OUTBOX.ID.eq(row.getId())).and(OUTBOX.CLAIMED_UNTIL.eq(row.getClaimedUntil()))
                    .and(OUTBOX.DELIVERED_AT.isNull()).execute();
            if (won == 1) {
                claimed.add(new OutboxMessage(row.getId(), row.getIdempotencyKey(),
                        OutboxMessage.Channel.fromStoredName(row.getChannel()), row.getAlertId(), row.getRecipient(),
                        row.getPayload(), row.getCreatedAt(), row.getAttempts() + 1));
            }
        }
        return claimed;
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
