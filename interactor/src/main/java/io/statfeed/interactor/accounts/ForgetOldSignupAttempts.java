package io.statfeed.interactor.accounts;

import io.statfeed.core.storage.SignupAttemptStore;
import java.time.Clock;

/** Removes the sign-up attempts older than the limit's window, which no limit counts any more. */
public final class ForgetOldSignupAttempts {
    private final SignupAttemptStore attempts;
    private final Clock clock;

    public ForgetOldSignupAttempts(SignupAttemptStore attempts, Clock clock) {
        this.attempts = attempts;
        this.clock = clock;
    }

    /** How many went. */
    public int forget() {
        return attempts.deleteOlderThan(clock.millis() - SignupLimit.WINDOW.toMillis());
    }
}
