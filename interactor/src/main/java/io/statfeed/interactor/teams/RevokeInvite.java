package io.statfeed.interactor.teams;

import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/** An owner withdraws an invite: its link no longer lets anyone in. */
public final class RevokeInvite {
    private final TeamStore team;
    private final Clock clock;

    public RevokeInvite(TeamStore team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    /** Revoking twice is no error; an invite of another account is not found. */
    public void revoke(Visitor visitor, long inviteId) {
        Teams.requireOwner(team, visitor, "withdraw invites");
        if (!team.revokeInvite(visitor.accountId(), inviteId, clock.millis())) {
            throw new NotFoundException("no invite with id " + inviteId);
        }
    }
}
