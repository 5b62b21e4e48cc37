package io.statfeed.interactor.sharing;

import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.Visitor;
import java.util.Optional;

/** A person sees how one of their stats is shared: public or not, and its current share link if any. */
public final class ViewSharing {
    /** How a stat is shared; {@code shareToken} is the secret of its current share link. */
    public record Sharing(long statId, String name, boolean isPublic, Optional<String> shareToken) {
    }

    private final StatStore stats;

    public ViewSharing(StatStore stats) {
        this.stats = stats;
    }

    public Sharing view(Visitor visitor, long statId) {
        Stat stat = OwnStats.live(stats, visitor, statId);
        return new Sharing(stat.id(), stat.name(), stat.isPublic(), stats.shareToken(visitor.accountId(), statId));
    }
}
