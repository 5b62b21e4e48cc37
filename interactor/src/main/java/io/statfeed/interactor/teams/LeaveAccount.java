package io.statfeed.interactor.teams;

import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.teams.Membership;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.util.List;

/**
 * A person leaves the account they work in. Their session moves on to another account of
 * theirs (the oldest); their other sessions in the account end. The last owner cannot leave, and
 * nobody can leave the only account they have: they could no longer log in.
 */
public final class LeaveAccount {
    /** The account left, and the one the session is in now. */
    public record Left(String accountName, long nowInAccountId, String nowInAccountName) {
    }

    private final TeamStore team;

    public LeaveAccount(TeamStore team) {
        this.team = team;
    }

    /** @param sessionToken the token of the session the person leaves from */
    public Left leave(Visitor visitor, String sessionToken) {
        List<Membership> mine = team.accountsOf(visitor.userId());
        Membership leaving = mine.stream().filter(m -> m.accountId() == visitor.accountId()).findFirst()
                .orElseThrow(() -> new NotFoundException("you are not a member of account " + visitor.accountId()));
        Membership next = mine.stream().filter(m -> m.accountId() != visitor.accountId()).findFirst()
                .orElseThrow(() -> new ConflictException(
                        "this is the only account you belong to, so you cannot leave it"));
        switch (team.leave(visitor.accountId(), visitor.userId(), Secrets.sha256Hex(sessionToken), next.accountId())) {
            case DONE -> { }
            case NOT_A_MEMBER -> throw new NotFoundException("you are not a member of account " + visitor.accountId());
            case LAST_OWNER -> throw new ConflictException(
                    "you are the last owner of this account: make another member an owner before you leave");
        }
        return new Left(Teams.accountName(leaving.ownerEmail()), next.accountId(), Teams.accountName(next.ownerEmail()));
    }
}
