package io.statfeed.interactor.teams;

import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.teams.Invite;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.ForbiddenException;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/**
 * A signed-in person accepts an invite and becomes a member of its account. The invite is for an
 * address, so only the person who signs in with that address can accept it: a forwarded or
 * leaked link lets nobody else in.
 */
public final class AcceptInvite {
    /** The account just joined; the caller moves the person's session into it. */
    public record Joined(long accountId, String accountName, Role role) {
    }

    private final TeamStore team;
    private final Clock clock;

    public AcceptInvite(TeamStore team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    /**
     * @throws NotFoundException for a token that is no invite's
     * @throws InviteClosedException for an invite that was used, withdrawn or has expired
     * @throws ForbiddenException when the invite is for another address than the visitor's
     * @throws ConflictException when the visitor is in the account already
     */
    public Joined accept(Visitor visitor, String token) {
        long now = clock.millis();
        Invite invite = Teams.openInvite(team, token, now);
        String email = team.emailOf(visitor.userId()).orElseThrow(() -> new NotFoundException("no user " + visitor.userId()));
        if (!invite.email().equals(email)) {
            throw new ForbiddenException("this invite is for " + invite.email() + ", and you are signed in as " + email
                    + ": log out, then log in or sign up as " + invite.email() + " to accept it");
        }
        switch (team.accept(invite.id(), visitor.userId(), now)) {
            case JOINED -> { }
            case ALREADY_A_MEMBER -> throw new ConflictException("you are a member of this account already");
            case NOT_PENDING -> { // accepted, revoked or expired since it was read
                Teams.requirePending(team.findInviteByTokenHash(Secrets.sha256Hex(token))
                        .orElseThrow(() -> new NotFoundException(Teams.NO_SUCH_INVITE)), now);
                throw new InviteClosedException("this invite can no longer be accepted");
            }
        }
        return new Joined(invite.accountId(), Teams.accountName(team.members(invite.accountId())), invite.role());
    }
}
