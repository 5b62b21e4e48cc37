package io.statfeed.interactor.sharing;

import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;

/** The visitor's own live stats; any other id reads as not found. */
final class OwnStats {
    private OwnStats() {
    }

    static Stat live(StatStore stats, Visitor visitor, long statId) {
        return stats.findLiveById(visitor.accountId(), statId).orElseThrow(() -> notFound(statId));
    }

    static NotFoundException notFound(long statId) {
        return new NotFoundException("no stat with id " + statId);
    }
}
