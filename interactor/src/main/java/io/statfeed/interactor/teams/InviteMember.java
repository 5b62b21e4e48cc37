package io.statfeed.interactor.teams;

import io.statfeed.channels.DeliveryException;
import io.statfeed.channels.mail.MailSender;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.teams.Member;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.accounts.EmailAddresses;
import java.time.Clock;
import java.util.List;

/**
 * An owner invites someone by email: a mail with a link that lets whoever signs in with that
 * address join the account with the chosen role, for {@link Teams#INVITE_LIFETIME}. A new invite
 * to the same address replaces the one before, so inviting again is how an invite is re-sent.
 */
public final class InviteMember {
    /** Pending invites per account: enough for a team, and a bound on what one account can mail out. */
    public static final int MAX_PENDING_INVITES = 50;

    /** An invite that went out (never its token, which only the mail holds). */
    public record SentInvite(long inviteId, String email, Role role, long expiresAtMillis) {
    }

    private final TeamStore team;
    private final InviteMail mail;
    private final MailSender sender;
    private final Clock clock;

    public InviteMember(TeamStore team, InviteMail mail, MailSender sender, Clock clock) {
        this.team = team;
        this.mail = mail;
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * @param webBase the web-app's address people open the link at, such as {@code https://stats.example.com}
     * @throws io.statfeed.interactor.ForbiddenException for a visitor who is no owner of the account
     * @throws ConflictException when someone with that email is in the account already
     */
    public SentInvite invite(Visitor visitor, String email, String role, String webBase) {
        Teams.requireOwner(team, visitor, "invite people");
        String address = EmailAddresses.normalised(email);
        Role chosen = Teams.role(role);
        if (team.hasMemberWithEmail(visitor.accountId(), address)) {
            throw new ConflictException(address + " is a member of this account already");
        }
        long now = clock.millis();
        team.revokePendingInvitesTo(visitor.accountId(), address, now);
        if (team.countPendingInvites(visitor.accountId(), now) >= MAX_PENDING_INVITES) {
            throw new InvalidInputException("an account may have at most " + MAX_PENDING_INVITES
                    + " pending invites; revoke one first");
        }
        String token = Secrets.newKey(Teams.INVITE_TOKEN_BYTES);
        TeamStore.NewInvite invite = new TeamStore.NewInvite(Ids.next(), visitor.accountId(), address,
                Secrets.sha256Hex(token), chosen, visitor.userId(), now, now + Teams.INVITE_LIFETIME.toMillis());
        team.createInvite(invite);
        send(invite, letter(visitor, invite, token, webBase));
        return new SentInvite(invite.id(), address, chosen, invite.expiresAtMillis());
    }

    private InviteLetter letter(Visitor visitor, TeamStore.NewInvite invite, String token, String webBase) {
        List<Member> members = team.members(visitor.accountId());
        String inviter = members.stream().filter(m -> m.userId() == visitor.userId()).findFirst()
                .map(Member::email).orElse("");
        return new InviteLetter(invite.email(), inviter, Teams.accountName(members), invite.role(), webBase, token,
                invite.expiresAtMillis(), "invite." + invite.id());
    }

    /** A link nobody received must not stay open: the invite is withdrawn, and the owner can simply invite again. */
    private void send(TeamStore.NewInvite invite, InviteLetter letter) {
        try {
            sender.send(mail.render(letter));
        } catch (DeliveryException e) {
            team.revokeInvite(invite.accountId(), invite.id(), clock.millis());
            throw new InviteNotSentException("the invite to " + invite.email() + " was not sent: " + e.getMessage()
                    + "; try again", e);
        }
    }
}
