package io.statfeed.interactor.settings;

import io.statfeed.core.storage.AccountStore;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.directory.ApiServersHonour;
import java.time.Clock;

/**
 * A person lets (or stops letting) their email stand in for the account's ezkey, so that clients
 * set up for StatHat post here unchanged. Off by default: anyone who knows the email can then post.
 * Answers once every running api-server honours the choice (or the wait ran out).
 */
public final class UseEmailAsEzkey {
    private final AccountStore accounts;
    private final ApiServersHonour honour;
    private final Clock clock;

    public UseEmailAsEzkey(AccountStore accounts, ApiServersHonour honour, Clock clock) {
        this.accounts = accounts;
        this.honour = honour;
        this.clock = clock;
    }

    public ApiServersHonour.Outcome set(Visitor visitor, boolean enabled) {
        accounts.setEmailEzkey(visitor.accountId(), enabled, clock.millis());
        return honour.latestChangeOf(visitor.accountId());
    }
}
