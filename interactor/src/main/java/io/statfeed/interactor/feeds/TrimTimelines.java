package io.statfeed.interactor.feeds;

import io.statfeed.core.storage.TimelineStore;
import java.util.List;

/**
 * Caps every timeline at its configured length. What is trimmed stays in the followed feeds, and
 * the reader reads older pages from there, so trimming loses no history: it bounds the table.
 */
public final class TrimTimelines {
    private static final int USERS_PER_BATCH = 1000;

    private final TimelineStore timelines;
    private final int length;

    public TrimTimelines(TimelineStore timelines, int length) {
        this.timelines = timelines;
        this.length = length;
    }

    /** How many timelines were trimmed. */
    public int run() {
        int trimmed = 0;
        long after = 0;
        while (true) {
            List<Long> users = timelines.usersAbove(after, USERS_PER_BATCH);
            for (long user : users) {
                trimmed += timelines.trim(user, length) ? 1 : 0;
            }
            if (users.size() < USERS_PER_BATCH) {
                return trimmed;
            }
            after = users.get(users.size() - 1);
        }
    }
}
