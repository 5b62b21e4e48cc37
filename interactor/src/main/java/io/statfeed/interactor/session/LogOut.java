package io.statfeed.interactor.session;

import io.statfeed.core.model.Secrets;
import io.statfeed.core.storage.SessionStore;

/** A person logs out: the session of this browser ends, wherever it is checked next. */
public final class LogOut {
    private final SessionStore sessions;

    public LogOut(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** Ends the session of the token; an unknown or already ended one is fine (logging out twice is no error). */
    public void logOut(String token) {
        if (Sessions.plausible(token)) {
            sessions.delete(Secrets.sha256Hex(token));
        }
    }
}
