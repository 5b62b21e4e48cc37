package io.statfeed.core.storage;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * Runs a transaction again when the database rolled it back to break a deadlock. Publishing and
 * following update a few shared counter rows (a feed's followers and rate), and InnoDB's gap
 * locks on rows not there yet can deadlock two such transactions however carefully they are ordered.
 * On Galera the same error (1213, SQLSTATE 40001) is a certification conflict: another node
 * committed a change to a row this transaction changed; it was rolled back whole, so running it
 * again is always safe.
 */
final class Retries {
    static final int ATTEMPTS = 4;
    private static final int MAX_PAUSE_MILLIS = 20;
    /**
     * Attempts of an idempotent transaction: enough for a Galera node's death (its connections
     * break, the pool connects to the next node, the survivors settle their view in a few hundred
     * milliseconds on a LAN) to pass between the first and the last.
     */
    static final int IDEMPOTENT_ATTEMPTS = 8;
    private static final int MAX_IDEMPOTENT_PAUSE_MILLIS = 100;

    private Retries() {
    }

    static <T> T onDeadlock(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !Constraints.isRetryable(e)) {
                    throw e;
                }
                pause(attempt, MAX_PAUSE_MILLIS);
            }
        }
    }

    /**
     * As {@link #onDeadlock}, and also when the connection broke, commit included: only for a
     * transaction that finds out itself whether an earlier attempt committed (a checkpoint, a
     * version it updates conditionally), since a broken connection leaves that unknown.
     */
    static <T> T onConflictOrLostConnection(Supplier<T> idempotentTransaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return idempotentTransaction.get();
            } catch (DataAccessException e) {
                if (attempt >= IDEMPOTENT_ATTEMPTS || !Constraints.isRetryableWhenIdempotent(e)) {
                    throw e;
                }
                pause(attempt, MAX_IDEMPOTENT_PAUSE_MILLIS);
            }
        }
    }

    /** A short random pause, longer each time, so that the two transactions do not meet again at once. */
    private static void pause(int attempt, int maxPauseMillis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, maxPauseMillis * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transaction", e);
        }
    }
}
