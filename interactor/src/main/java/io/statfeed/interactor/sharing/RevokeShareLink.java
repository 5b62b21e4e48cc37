package io.statfeed.interactor.sharing;

import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.Visitor;

/** A person revokes the share link of one of their stats; a stat without one is no error. */
public final class RevokeShareLink {
    private final StatStore stats;

    public RevokeShareLink(StatStore stats) {
        this.stats = stats;
    }

    public void revoke(Visitor visitor, long statId) {
        if (!stats.clearShareToken(visitor.accountId(), statId)) {
            throw OwnStats.notFound(statId);
        }
    }
}
