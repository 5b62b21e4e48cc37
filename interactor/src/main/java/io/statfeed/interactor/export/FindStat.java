package io.statfeed.interactor.export;

import io.statfeed.core.model.Account;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.StatNames;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.NotFoundException;

/** An export script looks a stat of its account up by name. */
public final class FindStat {
    private final AccessTokens tokens;
    private final StatStore stats;

    public FindStat(AccessTokens tokens, StatStore stats) {
        this.tokens = tokens;
        this.stats = stats;
    }

    public ExportedStat find(String token, String name) {
        Account account = tokens.accountOf(token);
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name is missing; ask for ?name=STAT_NAME");
        }
        String statName = StatNames.checked(name);
        return stats.findLive(account.id(), statName).map(ExportedStat::of)
                .orElseThrow(() -> new NotFoundException("no stat named '" + statName + "'"));
    }
}
