package io.statfeed.interactor.export;

import io.statfeed.core.model.Account;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.directory.ApiServersHonour;
import java.time.Clock;

/** An export script deletes a stat of its account; it goes to the trash with its data, and leaves every feed. */
public final class DeleteStat {
    /** The stat that went to the trash, and whether every running api-server stopped taking data for it. */
    public record DeletedStat(long id, ApiServersHonour.Outcome honoured) {
    }

    private final AccessTokens tokens;
    private final StatStore stats;
    private final ActivityStore activities;
    private final ApiServersHonour honour;
    private final Clock clock;

    public DeleteStat(AccessTokens tokens, StatStore stats, ActivityStore activities, ApiServersHonour honour,
                      Clock clock) {
        this.tokens = tokens;
        this.stats = stats;
        this.activities = activities;
        this.honour = honour;
        this.clock = clock;
    }

    public DeletedStat delete(String token, String id) {
        Account account = tokens.accountOf(token);
        long statId = StatIds.parse(id);
        if (!stats.softDelete(account.id(), statId, clock.millis())) {
            throw StatIds.notFound(id);
        }
        activities.deleteAboutStat(statId); // feeds already hide it: this frees what they held
        return new DeletedStat(statId, honour.latestChangeOf(account.id()));
    }
}
