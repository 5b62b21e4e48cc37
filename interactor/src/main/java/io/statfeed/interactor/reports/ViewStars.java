package io.statfeed.interactor.reports;

import io.statfeed.core.storage.StarStore;
import io.statfeed.interactor.Visitor;
import java.util.Collection;
import java.util.Set;

/** Which stats the person has starred, for the star buttons of the stat page and the list. */
public final class ViewStars {
    private final StarStore stars;

    public ViewStars(StarStore stars) {
        this.stars = stars;
    }

    public boolean isStarred(Visitor visitor, long statId) {
        return stars.isStarred(visitor.userId(), statId);
    }

    public Set<Long> starredAmong(Visitor visitor, Collection<Long> statIds) {
        return stars.starredAmong(visitor.userId(), statIds);
    }
}
