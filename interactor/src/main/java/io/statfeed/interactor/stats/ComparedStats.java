package io.statfeed.interactor.stats;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.interactor.Visitor;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The stats an overlay names, each one the visitor may see, and the window they share. */
final class ComparedStats {
    /** No fixed limit of three as in StatHat, but one URL must not ask for unbounded work. */
    static final int MAX_STATS = 20;

    record Chosen(List<Stat> stats, Window window) {
    }

    private ComparedStats() {
    }

    static Chosen choose(StatAccess access, Optional<Visitor> visitor, List<String> ids, String frame, long now) {
        Set<String> distinct = new LinkedHashSet<>(ids);
        if (distinct.isEmpty()) {
            throw new InvalidInputException("choose at least one stat to compare (ids=ID,ID,...)");
        }
        if (distinct.size() > MAX_STATS) {
            throw new InvalidInputException("at most " + MAX_STATS + " stats can be compared at once, got "
                    + distinct.size());
        }
        List<Stat> stats = distinct.stream().map(id -> access.visible(visitor, id).stat()).toList();
        // "all" reaches back to the oldest stat of the overlay.
        Stat oldest = stats.stream().min(Comparator.comparingLong(Stat::createdAtMillis)).orElseThrow();
        return new Chosen(stats, Frames.window(frame, oldest, now));
    }
}
