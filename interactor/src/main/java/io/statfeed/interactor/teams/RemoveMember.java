package io.statfeed.interactor.teams;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.teams.Member;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;

/**
 * An owner takes a member off the account: from their next request on they no longer see its
 * stats, dashboards or alerts, as their sessions in it end. The last owner cannot be removed.
 */
public final class RemoveMember {
    private final TeamStore team;

    public RemoveMember(TeamStore team) {
        this.team = team;
    }

    /** The member removed. A person of another account (or none) is not found. */
    public Member remove(Visitor visitor, long userId) {
        Teams.requireOwner(team, visitor, "remove members");
        if (userId == visitor.userId()) {
            throw new InvalidInputException("to take yourself off this account, leave it instead");
        }
        Member member = team.members(visitor.accountId()).stream().filter(m -> m.userId() == userId).findFirst()
                .orElseThrow(() -> new NotFoundException("no member with id " + userId));
        switch (team.removeMember(visitor.accountId(), userId)) {
            case DONE -> { }
            case NOT_A_MEMBER -> throw new NotFoundException("no member with id " + userId);
            case LAST_OWNER -> throw new ConflictException(member.email()
                    + " is the last owner of this account and cannot be removed");
        }
        return member;
    }
}
