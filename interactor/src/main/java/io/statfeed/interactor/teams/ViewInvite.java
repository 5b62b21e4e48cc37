package io.statfeed.interactor.teams;

import io.statfeed.core.model.teams.Invite;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.TeamStore;
import java.time.Clock;

/** Someone opens an invite link: which account it lets them into, for whom, and with what role. */
public final class ViewInvite {
    /** What the invite page shows. */
    public record InviteDetails(String email, Role role, String accountName, String inviterEmail,
                                long expiresAtMillis) {
    }

    private final TeamStore team;
    private final Clock clock;

    public ViewInvite(TeamStore team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    /**
     * @throws io.statfeed.interactor.NotFoundException for a token that is no invite's
     * @throws InviteClosedException for an invite that was used, withdrawn or has expired
     */
    public InviteDetails view(String token) {
        Invite invite = Teams.openInvite(team, token, clock.millis());
        return new InviteDetails(invite.email(), invite.role(), Teams.accountName(team.members(invite.accountId())),
                team.emailOf(invite.invitedBy()).orElse(""), invite.expiresAtMillis());
    }
}
