package io.statfeed.interactor.sharing;

import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.Visitor;

/**
 * A person makes one of their stats public (anyone may view and embed it by its id, and the export
 * API lists it as public) or private again. Share links work either way.
 */
public final class MakeStatPublic {
    private final StatStore stats;

    public MakeStatPublic(StatStore stats) {
        this.stats = stats;
    }

    public void makePublic(Visitor visitor, long statId, boolean isPublic) {
        if (!stats.setPublic(visitor.accountId(), statId, isPublic)) {
            throw OwnStats.notFound(statId);
        }
    }
}
