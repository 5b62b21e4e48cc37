package io.statfeed.interactor.settings;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.directory.ApiServersHonour;
import io.statfeed.interactor.teams.Teams;
import java.time.Clock;
import java.util.Locale;

/**
 * An owner replaces the account's ezkey or ukey, because the old one leaked: the old one matches
 * nothing from now on. Answers once every running api-server refuses the old key (or the wait ran out).
 */
public final class ReplaceKey {
    private final AccountStore accounts;
    private final TeamStore team;
    private final ApiServersHonour honour;
    private final Clock clock;

    public ReplaceKey(AccountStore accounts, TeamStore team, ApiServersHonour honour, Clock clock) {
        this.accounts = accounts;
        this.team = team;
        this.honour = honour;
        this.clock = clock;
    }

    /** Which key a form or the API names: {@code ezkey} or {@code ukey}. */
    public static AccountStore.Key key(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "ezkey" -> AccountStore.Key.EZKEY;
            case "ukey" -> AccountStore.Key.UKEY;
            default -> throw new InvalidInputException("no such key '" + text + "': ezkey or ukey");
        };
    }

    public ApiServersHonour.Outcome replace(Visitor visitor, AccountStore.Key key) {
        Teams.requireOwner(team, visitor, "replace its keys");
        int bytes = key == AccountStore.Key.EZKEY ? Secrets.EZKEY_BYTES : Secrets.UKEY_BYTES;
        accounts.replaceKey(visitor.accountId(), key, Secrets.newKey(bytes), clock.millis());
        return honour.latestChangeOf(visitor.accountId());
    }
}
