package io.statfeed.interactor.settings;

import io.statfeed.core.storage.AccountStore;
import io.statfeed.interactor.Visitor;

/**
 * A person lets (or stops letting) their email stand in for the account's ezkey, so that clients
 * set up for StatHat post here unchanged. Off by default: anyone who knows the email can then post.
 */
public final class UseEmailAsEzkey {
    private final AccountStore accounts;

    public UseEmailAsEzkey(AccountStore accounts) {
        this.accounts = accounts;
    }

    public void set(Visitor visitor, boolean enabled) {
        accounts.setEmailEzkey(visitor.accountId(), enabled);
    }
}
