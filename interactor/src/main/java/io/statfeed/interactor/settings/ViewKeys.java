package io.statfeed.interactor.settings;

import io.statfeed.core.model.AccessToken;
import io.statfeed.core.model.Account;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.util.List;

/**
 * A person looks up the keys of their account: the ezkey and ukey, each live stat's own key (a
 * page at a time, by name), and the access tokens (never their secrets, which were shown once).
 */
public final class ViewKeys {
    /** Stat keys shown per page; accounts with more ask again from the next offset. */
    public static final int STAT_PAGE_SIZE = 500;

    /** The key that posts to one stat without exposing the account's keys. */
    public record StatKey(long statId, String name, boolean counter, String key) {
    }

    /** The keys of an account. {@code moreStats} says whether stats follow beyond this page. */
    public record Keys(String ezkey, String ukey, boolean emailAsEzkey, List<StatKey> stats, int statOffset,
                       boolean moreStats, List<AccessToken> accessTokens) {
        public Keys {
            stats = List.copyOf(stats);
            accessTokens = List.copyOf(accessTokens);
        }

        @Override
        public String toString() {
            return "Keys[" + stats.size() + " stats, " + accessTokens.size() + " access tokens]"; // no secrets in logs
        }
    }

    private final AccountStore accounts;
    private final StatStore stats;

    public ViewKeys(AccountStore accounts, StatStore stats) {
        this.accounts = accounts;
        this.stats = stats;
    }

    /** The first page of stat keys. */
    public Keys view(Visitor visitor) {
        return view(visitor, 0);
    }

    public Keys view(Visitor visitor, int statOffset) {
        if (statOffset < 0) {
            throw new InvalidInputException("offset must be 0 or more, got " + statOffset);
        }
        Account account = accounts.findById(visitor.accountId())
                .orElseThrow(() -> new NotFoundException("no account with id " + visitor.accountId()));
        // One more than a page tells whether another page follows.
        List<Stat> page = stats.listLive(account.id(), statOffset, STAT_PAGE_SIZE + 1);
        List<StatKey> statKeys = page.stream().limit(STAT_PAGE_SIZE)
                .map(stat -> new StatKey(stat.id(), stat.name(), stat.counter(), stat.key())).toList();
        return new Keys(account.ezkey(), account.ukey(), account.emailEzkey(), statKeys, statOffset,
                page.size() > STAT_PAGE_SIZE, accounts.accessTokens(account.id()));
    }
}
