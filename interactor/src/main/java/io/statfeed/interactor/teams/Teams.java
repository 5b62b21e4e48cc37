package io.statfeed.interactor.teams;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.teams.Invite;
import io.statfeed.core.model.teams.Member;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.ForbiddenException;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** What the team use cases share: who may change the team, how roles are read, and how an invite link is opened. */
public final class Teams {
    /** How long an invite link can be accepted. */
    public static final Duration INVITE_LIFETIME = Duration.ofDays(7);
    /** 256 bits: an invite link is a bearer credential into an account. */
    static final int INVITE_TOKEN_BYTES = 32;
    /** Tokens are 43 URL-safe characters; other text is not even looked up. */
    private static final Pattern PLAUSIBLE_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String NO_SUCH_INVITE = "no such invite: check that the link is complete, or ask for a new one";

    private Teams() {
    }

    /** How an account is called where people see several: after its earliest owner. */
    public static String accountName(String ownerEmail) {
        return ownerEmail == null || ownerEmail.isEmpty() ? "an account without an owner" : ownerEmail + "'s account";
    }

    static String accountName(List<Member> members) {
        return accountName(members.stream().filter(m -> m.role() == Role.OWNER).findFirst().map(Member::email)
                .orElse(""));
    }

    /** @throws ForbiddenException unless the visitor owns the account they work in */
    public static void requireOwner(TeamStore team, Visitor visitor, String toDoWhat) {
        if (team.roleOf(visitor.accountId(), visitor.userId()).orElse(null) != Role.OWNER) {
            throw new ForbiddenException("only an owner of this account can " + toDoWhat);
        }
    }

    /** A role as a form or the API sends it. */
    static Role role(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("role is missing: member or owner");
        }
        return Role.fromStoredName(text.strip()).orElseThrow(() -> new InvalidInputException(
                "role must be member or owner, got " + shown(text)));
    }

    /**
     * The pending invite of a link's token.
     *
     * @throws NotFoundException for a token that is no invite's
     * @throws InviteClosedException for an invite accepted, revoked or expired
     */
    static Invite openInvite(TeamStore team, String token, long nowMillis) {
        if (token == null || !PLAUSIBLE_TOKEN.matcher(token).matches()) {
            throw new NotFoundException(NO_SUCH_INVITE);
        }
        Invite invite = team.findInviteByTokenHash(Secrets.sha256Hex(token))
                .orElseThrow(() -> new NotFoundException(NO_SUCH_INVITE));
        requirePending(invite, nowMillis);
        return invite;
    }

    static void requirePending(Invite invite, long nowMillis) {
        switch (invite.state(nowMillis)) {
            case PENDING -> { }
            case ACCEPTED -> throw new InviteClosedException("this invite has been used already; log in to see the account");
            case REVOKED -> throw new InviteClosedException("this invite was withdrawn; ask an owner of the account for a new one");
            case EXPIRED -> throw new InviteClosedException("this invite has expired (invites last "
                    + INVITE_LIFETIME.toDays() + " days); ask an owner of the account for a new one");
        }
    }

    private static String shown(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
