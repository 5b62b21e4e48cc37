package io.statfeed.interactor.export;

import io.statfeed.core.model.Account;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.storage.StatStore;
import java.util.List;

/** An export script lists the live stats of its account by name, a page at a time. */
public final class ListStats {
    /**
     * StatHat's page size, as its export documentation gives it ("at most 10,000 stats at a time",
     * the next page at {@code offset=10000}): a script written for StatHat asks for exactly that.
     */
    public static final int PAGE_SIZE = 10_000;

    private final AccessTokens tokens;
    private final StatStore stats;

    public ListStats(AccessTokens tokens, StatStore stats) {
        this.tokens = tokens;
        this.stats = stats;
    }

    public List<ExportedStat> list(String token, int offset) {
        Account account = tokens.accountOf(token);
        if (offset < 0) {
            throw new InvalidInputException("offset must be 0 or more, got " + offset);
        }
        return stats.listLive(account.id(), offset, PAGE_SIZE).stream().map(ExportedStat::of).toList();
    }
}
