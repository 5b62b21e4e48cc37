package io.statfeed.interactor.teams;

import io.statfeed.core.model.teams.Invite;
import io.statfeed.core.model.teams.Member;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.List;

/**
 * A person looks at the team of the account they work in: its members and roles, the invites
 * waiting to be accepted, what they themselves may do, and the other accounts they belong to.
 */
public final class ViewTeam {
    /** One of the person's accounts, for the switcher. */
    public record AccountChoice(long accountId, String name, Role role, boolean current) {
    }

    public record Team(String accountName, Role yourRole, long yourUserId, List<Member> members,
                       List<Invite> pendingInvites, List<AccountChoice> yourAccounts) {
        public Team {
            members = List.copyOf(members);
            pendingInvites = List.copyOf(pendingInvites);
            yourAccounts = List.copyOf(yourAccounts);
        }

        public boolean youOwn() {
            return yourRole == Role.OWNER;
        }
    }

    private final TeamStore team;
    private final Clock clock;

    public ViewTeam(TeamStore team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    public Team view(Visitor visitor) {
        List<Member> members = members(visitor.accountId());
        Role yours = members.stream().filter(m -> m.userId() == visitor.userId()).findFirst().map(Member::role)
                .orElse(Role.MEMBER);
        List<AccountChoice> accounts = team.accountsOf(visitor.userId()).stream()
                .map(m -> new AccountChoice(m.accountId(), Teams.accountName(m.ownerEmail()), m.role(),
                        m.accountId() == visitor.accountId()))
                .toList();
        return new Team(Teams.accountName(members), yours, visitor.userId(), members,
                team.pendingInvites(visitor.accountId(), clock.millis()), accounts);
    }

    /** The members of an account, oldest first, as the API lists them for an account's token. */
    public List<Member> members(long accountId) {
        return team.members(accountId);
    }
}
