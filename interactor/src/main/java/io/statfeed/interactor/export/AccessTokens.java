package io.statfeed.interactor.export;

import io.statfeed.core.model.Account;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.Visitor;

/** Turns the access token of an export or JSON API request into the account it acts for. */
public final class AccessTokens {
    /** Generated tokens are 32 characters; anything far longer cannot be one and is not even hashed. */
    static final int MAX_LENGTH = 256;

    private final AccountStore accounts;

    public AccessTokens(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** @throws UnauthorizedException for a missing, unknown or revoked token, all alike */
    public Account accountOf(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
            throw unknown();
        }
        return accounts.findByAccessToken(token).orElseThrow(AccessTokens::unknown);
    }

    /** The account and the person a JSON API call acts as (see {@link AccountStore#findCallerByAccessToken}). */
    public Caller callerOf(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
            throw unknown();
        }
        return accounts.findCallerByAccessToken(token)
                .map(c -> new Caller(c.account(), new Visitor(c.userId(), c.account().id())))
                .orElseThrow(AccessTokens::unknown);
    }

    /** The account a call reads and the person it acts as there. */
    public record Caller(Account account, Visitor visitor) {
    }

    private static UnauthorizedException unknown() {
        return new UnauthorizedException("access token is unknown or revoked");
    }
}
