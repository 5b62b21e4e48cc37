package io.statfeed.interactor.reports;

import io.statfeed.core.storage.StarStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/**
 * Stars a stat of the person's account for their reports, or takes the star off. A stat of
 * another account (or in the trash) is not found, as everywhere else.
 */
public final class StarStat {
    private final StarStore stars;
    private final StatStore stats;
    private final Clock clock;

    public StarStat(StarStore stars, StatStore stats, Clock clock) {
        this.stars = stars;
        this.stats = stats;
        this.clock = clock;
    }

    /** Flips the star; true when the stat is starred now. */
    public boolean toggle(Visitor visitor, long statId) {
        requireOwnStat(visitor, statId);
        return set(visitor, statId, !stars.isStarred(visitor.userId(), statId));
    }

    /** Sets the star as a form asked: the same post twice leaves it as asked, not flipped back. */
    public boolean set(Visitor visitor, long statId, boolean starred) {
        requireOwnStat(visitor, statId);
        if (starred) {
            stars.star(visitor.userId(), statId, clock.millis());
        } else {
            stars.unstar(visitor.userId(), statId);
        }
        return starred;
    }

    private void requireOwnStat(Visitor visitor, long statId) {
        if (stats.findLiveById(visitor.accountId(), statId).isEmpty()) {
            throw new NotFoundException("no stat with id " + statId);
        }
    }
}
