package io.statfeed.interactor.export;

import io.statfeed.core.model.Account;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.StatStore;
import java.time.Clock;

/** An export script deletes a stat of its account; it goes to the trash with its data, and leaves every feed. */
public final class DeleteStat {
    /** The stat that went to the trash. */
    public record DeletedStat(long id) {
    }

    private final AccessTokens tokens;
    private final StatStore stats;
    private final ActivityStore activities;
    private final Clock clock;

    public DeleteStat(AccessTokens tokens, StatStore stats, ActivityStore activities, Clock clock) {
        this.tokens = tokens;
        this.stats = stats;
        this.activities = activities;
        this.clock = clock;
    }

    public DeletedStat delete(String token, String id) {
        Account account = tokens.accountOf(token);
        long statId = StatIds.parse(id);
        if (!stats.softDelete(account.id(), statId, clock.millis())) {
            throw StatIds.notFound(id);
        }
        activities.deleteAboutStat(statId); // feeds already hide it: this frees what they held
        return new DeletedStat(statId);
    }
}
