package io.statfeed.interactor.teams;

import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.teams.Membership;
import io.statfeed.core.storage.SessionStore;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/** A person in several accounts moves their session to another of them; every page then shows that account. */
public final class SwitchAccount {
    private final TeamStore team;
    private final SessionStore sessions;
    private final Clock clock;

    public SwitchAccount(TeamStore team, SessionStore sessions, Clock clock) {
        this.team = team;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * @param sessionToken the token of the session to move
     * @return the name of the account the session is in now
     * @throws NotFoundException for an account the person does not belong to
     */
    public String switchTo(Visitor visitor, String sessionToken, long accountId) {
        // The membership is checked in the same statement that moves the session.
        if (!sessions.moveToAccount(Secrets.sha256Hex(sessionToken), visitor.userId(), accountId, clock.millis())) {
            throw new NotFoundException("no account with id " + accountId + " among yours");
        }
        return team.accountsOf(visitor.userId()).stream().filter(m -> m.accountId() == accountId).findFirst()
                .map(Membership::ownerEmail).map(Teams::accountName).orElse("the account");
    }
}
