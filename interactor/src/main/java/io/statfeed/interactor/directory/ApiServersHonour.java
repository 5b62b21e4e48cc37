package io.statfeed.interactor.directory;

import io.statfeed.core.storage.DirectoryChanges;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Waits, after a change to what the api-servers accept for an account (a stat deleted, the email
 * opt-out), until every running api-server says it honours it, so that the answer to the change
 * is true when it is given: points taken after it are taken under the change.
 */
public final class ApiServersHonour {
    /** Api-servers tail the change log every 100 ms; this leaves room for a busy database. */
    public static final Duration LIMIT = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 20;

    /** Whether every running api-server honoured the change, and which did not within the limit. */
    public record Outcome(List<String> unconfirmed, long waitedMillis) {
        public boolean everywhere() {
            return unconfirmed.isEmpty();
        }
    }

    private final DirectoryChanges changes;
    private final Clock clock;

    public ApiServersHonour(DirectoryChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    /** Waits for the account's latest change, at most {@link #LIMIT}. */
    public Outcome latestChangeOf(long accountId) {
        long started = System.nanoTime(); // the wait is real time, whatever clock leases are read by
        OptionalLong change = changes.latestOf(accountId);
        if (change.isEmpty()) {
            return new Outcome(List.of(), 0);
        }
        while (true) {
            List<String> unconfirmed = changes.unconfirmedBy(change.getAsLong(), clock.millis());
            long waited = (System.nanoTime() - started) / 1_000_000;
            if (unconfirmed.isEmpty() || waited >= LIMIT.toMillis()) {
                return new Outcome(unconfirmed, waited);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(unconfirmed, waited);
            }
        }
    }
}
