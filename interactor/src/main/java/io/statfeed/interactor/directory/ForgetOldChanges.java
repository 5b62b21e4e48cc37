package io.statfeed.interactor.directory;

import io.statfeed.core.storage.DirectoryChanges;
import java.time.Clock;
import java.time.Duration;

/** Removes changes from the change log once every api-server has long read them. */
public final class ForgetOldChanges {
    /** Far beyond the api-servers' look-back, so an api-server paused for a while still finds its changes. */
    static final Duration KEPT = Duration.ofHours(1);

    private final DirectoryChanges changes;
    private final Clock clock;

    public ForgetOldChanges(DirectoryChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    /** How many went. */
    public int forget() {
        return changes.deleteBefore(clock.millis() - KEPT.toMillis());
    }
}
