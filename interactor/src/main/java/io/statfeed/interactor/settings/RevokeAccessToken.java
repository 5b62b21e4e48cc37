package io.statfeed.interactor.settings;

import io.statfeed.core.storage.AccountStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/** A person revokes one of their access tokens: scripts using it read nothing from then on. It stays listed. */
public final class RevokeAccessToken {
    private final AccountStore accounts;
    private final Clock clock;

    public RevokeAccessToken(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Revoking a revoked token again is no error; a token of another account is not found. */
    public void revoke(Visitor visitor, long tokenId) {
        if (!accounts.revokeAccessTokenById(visitor.accountId(), tokenId, clock.millis())) {
            throw new NotFoundException("no access token with id " + tokenId);
        }
    }
}
