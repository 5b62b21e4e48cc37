package io.statfeed.interactor.stats;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.StatNames;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.Visitor;
import java.util.List;

/** A person lists their live stats by name, optionally only those whose name contains some text (any case). */
public final class SearchStats {
    public static final int PAGE_SIZE = 100;
    /** No stat name is longer, so no longer query can match. */
    public static final int MAX_QUERY_LENGTH = StatNames.MAX_LENGTH;

    /** A stat in the list. */
    public record StatSummary(long id, String name, boolean counter, boolean isPublic, long createdAtMillis) {
        static StatSummary of(Stat stat) {
            return new StatSummary(stat.id(), stat.name(), stat.counter(), stat.isPublic(), stat.createdAtMillis());
        }
    }

    /** One page of matches; {@code query} is the trimmed text searched for ("" for all stats). */
    public record StatList(String query, int offset, List<StatSummary> stats, boolean more) {
        public StatList {
            stats = List.copyOf(stats);
        }
    }

    private final StatStore stats;

    public SearchStats(StatStore stats) {
        this.stats = stats;
    }

    /** @param query the text names must contain, or null or blank for every stat */
    public StatList search(Visitor visitor, String query, int offset) {
        String text = query == null ? "" : query.strip();
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInputException("search text is " + text.length() + " characters long; at most "
                    + MAX_QUERY_LENGTH + " are allowed");
        }
        if (offset < 0) {
            throw new InvalidInputException("offset must be 0 or more, got " + offset);
        }
        // One more than a page tells whether another page follows.
        List<Stat> found = stats.searchLive(visitor.accountId(), text, offset, PAGE_SIZE + 1);
        return new StatList(text, offset, found.stream().limit(PAGE_SIZE).map(StatSummary::of).toList(),
                found.size() > PAGE_SIZE);
    }
}
