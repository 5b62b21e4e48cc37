package io.statfeed.interactor.settings;

import io.statfeed.core.model.AccessToken;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.interactor.DisplayNames;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.Optional;

/** A person creates a named access token for the export API; its secret is shown this once. */
public final class CreateAccessToken {
    /** As long as the column allows. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Unrevoked tokens per account: plenty for every script, and a bound on what one account can create. */
    public static final int MAX_LIVE_TOKENS = 100;

    /** The new token and its secret, which nothing can show again. */
    public record CreatedAccessToken(AccessToken token, String secret) {
        @Override
        public String toString() {
            return "CreatedAccessToken[" + token + "]"; // the secret stays out of logs
        }
    }

    private final AccountStore accounts;
    private final Clock clock;

    public CreateAccessToken(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    public CreatedAccessToken create(Visitor visitor, String name) {
        String checked = DisplayNames.checked("token name", name, MAX_NAME_LENGTH);
        if (accounts.countLiveAccessTokens(visitor.accountId()) >= MAX_LIVE_TOKENS) {
            throw new InvalidInputException("an account may have at most " + MAX_LIVE_TOKENS
                    + " access tokens; revoke one first");
        }
        AccountStore.NewAccessToken created = accounts.createAccessToken(visitor.accountId(), Optional.of(visitor.userId()), checked, clock.millis());
        return new CreatedAccessToken(created.token(), created.secret());
    }
}
