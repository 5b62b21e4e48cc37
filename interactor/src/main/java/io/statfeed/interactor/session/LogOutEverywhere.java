package io.statfeed.interactor.session;

import io.statfeed.core.storage.SessionStore;
import io.statfeed.interactor.Visitor;

/** A person ends all of their sessions, on every browser (say, after losing a laptop). */
public final class LogOutEverywhere {
    /** How many sessions ended, this browser's included. */
    public record LoggedOut(int sessions) {
    }

    private final SessionStore sessions;

    public LogOutEverywhere(SessionStore sessions) {
        this.sessions = sessions;
    }

    public LoggedOut logOutEverywhere(Visitor visitor) {
        return new LoggedOut(sessions.deleteAllOfUser(visitor.userId()));
    }
}
