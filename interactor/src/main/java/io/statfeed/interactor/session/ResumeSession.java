package io.statfeed.interactor.session;

import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.Session;
import io.statfeed.core.storage.SessionStore;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.Optional;

/**
 * A returning browser presents its session cookie: who is it? Each use moves the session's expiry
 * to {@link Sessions#LIFETIME} from now, written at most once per {@link Sessions#TOUCH_INTERVAL}.
 */
public final class ResumeSession {
    private final SessionStore sessions;
    private final Clock clock;

    public ResumeSession(SessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The signed-in visitor, or empty for a missing, unknown, ended or expired session token. */
    public Optional<SignedIn> resume(String token) {
        if (!Sessions.plausible(token)) {
            return Optional.empty();
        }
        long now = clock.millis();
        return sessions.findLive(Secrets.sha256Hex(token), now).map(live -> signedIn(live, now));
    }

    private SignedIn signedIn(SessionStore.LiveSession live, long now) {
        Session session = live.session();
        long expiresAt = session.expiresAtMillis();
        if (now - session.lastSeenAtMillis() >= Sessions.TOUCH_INTERVAL.toMillis()) {
            long slid = now + Sessions.LIFETIME.toMillis();
            if (sessions.touch(session.idHash(), now, slid)) {
                expiresAt = slid;
            }
        }
        return new SignedIn(new Visitor(session.userId(), session.accountId()), live.email(), session.csrfToken(),
                expiresAt);
    }
}
