package io.statfeed.apiserver.directory;

import io.statfeed.core.storage.DirectoryChanges;
import io.statfeed.core.storage.DirectoryChanges.Change;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the change log in storage: for each change to an account made anywhere (a stat deleted,
 * the email opt-out, a member come or gone, a new account), forgets what this server holds of
 * the account, then acknowledges the change under this server's node id, which is what the
 * web-app waits for before it says the change is in effect.
 */
public final class DirectoryChangeTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DirectoryChangeTail.class);
    /** How often the log is read: the bound on how late a change is honoured here. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /**
     * A change's id is taken a moment before it commits, so each read looks this far back for
     * changes not yet acknowledged here (clocks of the writing processes may differ by as much).
     */
    static final Duration LOOK_BACK = Duration.ofSeconds(30);

    private final DirectoryChanges changes;
    private final AccountDirectory accounts;
    private final StatDirectory stats;
    private final String nodeId;
    private final Clock clock;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "statfeed-directory-changes");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long failingSince;

    public DirectoryChangeTail(DirectoryChanges changes, AccountDirectory accounts, StatDirectory stats,
                               String nodeId, Clock clock) {
        this.changes = changes;
        this.accounts = accounts;
        this.stats = stats;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** Reads the log once now (so a server ready to listen honours every change made so far), then keeps reading it. */
    public DirectoryChangeTail start() {
        poll();
        poller.scheduleWithFixedDelay(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Honours and acknowledges what the log holds that this server has not; returns how many changes. */
    int poll() {
        try {
            List<Change> unseen = changes.unacknowledged(nodeId, clock.millis() - LOOK_BACK.toMillis());
            if (!unseen.isEmpty()) {
                Set<Long> changed = new LinkedHashSet<>();
                unseen.forEach(change -> changed.add(change.accountId()));
                changed.forEach(accountId -> {
                    accounts.forget(accountId);
                    stats.forget(accountId);
                });
                accounts.forgetUnknownKeys();
                stats.forgetMissingKeys();
                changes.acknowledge(nodeId, unseen);
            }
            if (failingSince != 0) {
                log.info("reading the change log again after {} ms", clock.millis() - failingSince);
                failingSince = 0;
            }
            return unseen.size();
        } catch (RuntimeException e) {
            if (failingSince == 0) {
                failingSince = clock.millis();
                log.warn("cannot read the change log; changes made elsewhere wait until storage answers: {}",
                        e.toString());
            }
            return 0;
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
