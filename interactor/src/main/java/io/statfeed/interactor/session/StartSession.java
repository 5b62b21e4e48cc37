package io.statfeed.interactor.session;

import io.statfeed.core.model.User;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.SessionStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.accounts.SignUp;
import java.time.Clock;

/** A person who just signed up is signed in at once, without typing the password again. */
public final class StartSession {
    private final AccountStore accounts;
    private final SessionStore sessions;
    private final Clock clock;

    public StartSession(AccountStore accounts, SessionStore sessions, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Only for what {@link SignUp#signUp} just returned: it starts a session without a password. */
    public NewSession startAfter(SignUp.SignedUp signedUp) {
        User user = accounts.findUserByEmail(signedUp.email())
                .filter(found -> found.accountId() == signedUp.accountId())
                .orElseThrow(() -> new NotFoundException("no user " + signedUp.email() + " in account "
                        + signedUp.accountId()));
        return Sessions.start(sessions, user.id(), user.accountId(), clock.millis());
    }
}
