package io.statfeed.interactor.session;

import io.statfeed.core.storage.LoginFailureStore;
import io.statfeed.core.storage.SessionStore;
import java.time.Clock;

/**
 * Housekeeping, for a scheduled job: removes expired sessions and log-in failures that no
 * throttling window looks at any more. Expired sessions are refused anyway; this only frees space.
 */
public final class ForgetExpiredSessions {
    /** How many rows went. */
    public record Forgotten(int sessions, int loginFailures) {
    }

    private final SessionStore sessions;
    private final LoginFailureStore failures;
    private final Clock clock;

    public ForgetExpiredSessions(SessionStore sessions, LoginFailureStore failures, Clock clock) {
        this.sessions = sessions;
        this.failures = failures;
        this.clock = clock;
    }

    public Forgotten forget() {
        long now = clock.millis();
        return new Forgotten(sessions.deleteExpired(now),
                failures.deleteOlderThan(now - LogIn.FAILURE_WINDOW.toMillis()));
    }
}
