package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.teams.Member;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.session.SignedIn;
import io.statfeed.interactor.teams.AcceptInvite;
import io.statfeed.interactor.teams.ChangeRole;
import io.statfeed.interactor.teams.InviteMember;
import io.statfeed.interactor.teams.LeaveAccount;
import io.statfeed.interactor.teams.RemoveMember;
import io.statfeed.interactor.teams.RevokeInvite;
import io.statfeed.interactor.teams.SwitchAccount;
import io.statfeed.interactor.teams.Teams;
import io.statfeed.interactor.teams.ViewInvite;
import io.statfeed.presenters.teams.TeamPresenter;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.session.SessionCookies;
import java.util.Optional;

/**
 * The team forms of the settings page (invite, revoke, change roles, remove, leave), the account
 * switcher, and the page an invite link opens. Signed out, that page offers to log in or sign up
 * and comes back after; signed in as the invited address, it accepts, and the session moves into
 * the account joined.
 */
public final class TeamRoutes {
    private static final String TEAM_SECTION = "/settings#team";
    private static final String HOME = "/stats";

    /** The team use cases these routes call. */
    public record UseCases(InviteMember invite, RevokeInvite revokeInvite, ChangeRole changeRole,
                           RemoveMember remove, LeaveAccount leave, SwitchAccount switchAccount,
                           ViewInvite viewInvite, AcceptInvite accept) {
    }

    private final PageSupport pages;
    private final SessionCookies cookies;
    private final UseCases teams;
    private final TeamPresenter presenter;

    public TeamRoutes(PageSupport pages, SessionCookies cookies, UseCases teams, TeamPresenter presenter) {
        this.pages = pages;
        this.cookies = cookies;
        this.teams = teams;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.post("/settings/team/invites", this::invite);
        app.post("/settings/team/invites/{id}/revoke", this::revokeInvite);
        app.post("/settings/team/members/{id}/role", this::changeRole);
        app.post("/settings/team/members/{id}/remove", this::remove);
        app.post("/settings/team/leave", this::leave);
        app.post("/settings/accounts/{id}/switch", this::switchAccount);
        app.get("/invites/{token}", this::invitePage);
        app.post("/invites/{token}/accept", this::accept);
    }

    private void invite(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        InviteMember.SentInvite sent = teams.invite().invite(visitor, Requests.form(ctx, "email").orElse(null),
                Requests.form(ctx, "role").orElse(null), pages.links(ctx).base());
        cookies.notice(ctx, "Invite sent to " + sent.email() + " (" + sent.role().storedName() + "); the link works for "
                + Teams.INVITE_LIFETIME.toDays() + " days.");
        Responses.seeOther(ctx, TEAM_SECTION);
    }

    private void revokeInvite(Context ctx) {
        teams.revokeInvite().revoke(pages.require(ctx).visitor(), Requests.pathId(ctx, "id", "invite"));
        cookies.notice(ctx, "Invite revoked: its link no longer works.");
        Responses.seeOther(ctx, TEAM_SECTION);
    }

    private void changeRole(Context ctx) {
        Member member = teams.changeRole().change(pages.require(ctx).visitor(), Requests.pathId(ctx, "id", "member"),
                Requests.form(ctx, "role").orElse(null));
        cookies.notice(ctx, member.email() + " is " + member.role().storedName() + " now.");
        Responses.seeOther(ctx, TEAM_SECTION);
    }

    private void remove(Context ctx) {
        Member removed = teams.remove().remove(pages.require(ctx).visitor(), Requests.pathId(ctx, "id", "member"));
        cookies.notice(ctx, removed.email() + " was removed from this account.");
        Responses.seeOther(ctx, TEAM_SECTION);
    }

    private void leave(Context ctx) {
        LeaveAccount.Left left = teams.leave().leave(pages.require(ctx).visitor(), sessionToken(ctx));
        cookies.notice(ctx, "You left " + left.accountName() + ". You are in " + left.nowInAccountName() + " now.");
        Responses.seeOther(ctx, HOME);
    }

    private void switchAccount(Context ctx) {
        String name = teams.switchAccount().switchTo(pages.require(ctx).visitor(), sessionToken(ctx),
                Requests.pathId(ctx, "id", "account"));
        cookies.notice(ctx, "You are in " + name + " now.");
        Responses.seeOther(ctx, HOME);
    }

    private void invitePage(Context ctx) {
        String token = Requests.path(ctx, "token");
        ViewInvite.InviteDetails invite = teams.viewInvite().view(token);
        Optional<SignedIn> signedIn = pages.signedIn(ctx);
        TeamPresenter.Visit visit = signedIn.isEmpty() ? TeamPresenter.Visit.SIGNED_OUT
                : signedIn.get().email().equals(invite.email()) ? TeamPresenter.Visit.INVITED_PERSON
                : TeamPresenter.Visit.SOMEONE_ELSE;
        ctx.header("Cache-Control", "no-store");
        Responses.html(ctx, presenter.invitePage(invite, token, visit, signedIn.map(SignedIn::email).orElse(null),
                pages.chrome(ctx, "invite")));
    }

    private void accept(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        AcceptInvite.Joined joined = teams.accept().accept(visitor, Requests.path(ctx, "token"));
        teams.switchAccount().switchTo(visitor, sessionToken(ctx), joined.accountId());
        cookies.notice(ctx, "Welcome to " + joined.accountName() + ": you are a " + joined.role().storedName()
                + " here. Switch accounts under Keys & settings.");
        Responses.seeOther(ctx, HOME);
    }

    /** The cookie's token: {@link PageSupport#require} has checked that it names a live session. */
    private static String sessionToken(Context ctx) {
        String token = ctx.cookie(SessionCookies.SESSION_COOKIE);
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("log in first: this needs a session");
        }
        return token;
    }
}
