package io.statfeed.core.testing;

import io.statfeed.core.model.Ids;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.Database;

/** Accounts made straight in storage, with keys of their own, for tests below the use cases. */
public final class TestAccounts {
    private TestAccounts() {
    }

    public static AccountStore.NewSignup signUp(Database database) {
        long id = Ids.next();
        AccountStore.NewSignup signup = new AccountStore.NewSignup(Ids.next(), "dev" + id + "@example.com", "x",
                Ids.next(), "ez-" + id, "uk-" + id, Ids.next(), "default", "token-" + id, System.currentTimeMillis());
        new AccountStore(database).create(signup);
        return signup;
    }
}
