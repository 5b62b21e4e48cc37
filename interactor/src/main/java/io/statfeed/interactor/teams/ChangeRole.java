package io.statfeed.interactor.teams;

import io.statfeed.core.model.teams.Member;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;

/** An owner makes a member an owner, or an owner a member; the account keeps at least one owner. */
public final class ChangeRole {
    private final TeamStore team;

    public ChangeRole(TeamStore team) {
        this.team = team;
    }

    /** The member with their new role. */
    public Member change(Visitor visitor, long userId, String role) {
        Teams.requireOwner(team, visitor, "change roles");
        Role chosen = Teams.role(role);
        Member member = team.members(visitor.accountId()).stream().filter(m -> m.userId() == userId).findFirst()
                .orElseThrow(() -> new NotFoundException("no member with id " + userId));
        switch (team.changeRole(visitor.accountId(), userId, chosen)) {
            case DONE -> { }
            case NOT_A_MEMBER -> throw new NotFoundException("no member with id " + userId);
            case LAST_OWNER -> throw new ConflictException(member.email()
                    + " is the last owner of this account: make another member an owner first");
        }
        return new Member(member.userId(), member.email(), chosen, member.joinedAtMillis());
    }
}
