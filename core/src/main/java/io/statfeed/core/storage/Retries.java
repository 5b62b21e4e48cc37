package io.statfeed.core.storage;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * Runs a transaction again when the database rolled it back to break a deadlock. Publishing and
 * following update a few shared counter rows (a feed's followers and rate), and InnoDB's gap
 * locks on rows not there yet can deadlock two such transactions however carefully they are ordered.
 */
final class Retries {
    static final int ATTEMPTS = 4;
    private static final int MAX_PAUSE_MILLIS = 20;

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
                pause(attempt);
            }
        }
    }

    /** A short random pause, longer each time, so that the two transactions do not meet again at once. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, MAX_PAUSE_MILLIS * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transaction", e);
        }
    }
}
