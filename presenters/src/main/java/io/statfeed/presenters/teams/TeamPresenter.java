package io.statfeed.presenters.teams;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.core.model.teams.Invite;
import io.statfeed.core.model.teams.Member;
import io.statfeed.core.model.teams.Role;
import io.statfeed.interactor.teams.ViewInvite.InviteDetails;
import io.statfeed.interactor.teams.ViewTeam.Team;
import io.statfeed.presenters.Formats;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The team: its section of the settings page (members, invites, the account switcher), the page an
 * invite link opens ({@code invite.html}), and the members as JSON.
 */
public final class TeamPresenter {
    private final Templates templates;

    public TeamPresenter(Templates templates) {
        this.templates = templates;
    }

    public record MemberRow(String userId, String email, String role, String joined, boolean you,
                            String otherRole) {
    }

    public record InviteRow(String id, String email, String role, String expires) {
    }

    public record AccountRow(String id, String name, String role, boolean current) {
    }

    /** What the settings page's Team section shows; {@code owner} says whether its forms are shown. */
    public record TeamView(String accountName, String yourRole, boolean owner, List<MemberRow> members,
                           List<InviteRow> invites, List<AccountRow> accounts) {
    }

    /** How the person opening an invite link stands towards it. */
    public enum Visit { SIGNED_OUT, INVITED_PERSON, SOMEONE_ELSE }

    public record InvitePageView(String email, String role, String accountName, String inviter, String expires,
                                 boolean signedOut, boolean canAccept, boolean someoneElse, String signedInAs,
                                 String acceptPath, String loginUrl, String signupUrl) {
    }

    public static TeamView view(Team team) {
        List<MemberRow> members = team.members().stream().map(m -> new MemberRow(Long.toString(m.userId()),
                m.email(), m.role().storedName(), Formats.time(TimeUnit.MILLISECONDS.toSeconds(m.joinedAtMillis())),
                m.userId() == team.yourUserId(), m.role() == Role.OWNER ? "member" : "owner"))
                .toList();
        List<InviteRow> invites = team.pendingInvites().stream().map(TeamPresenter::row).toList();
        List<AccountRow> accounts = team.yourAccounts().stream().map(a -> new AccountRow(Long.toString(a.accountId()),
                a.name(), a.role().storedName(), a.current())).toList();
        return new TeamView(team.accountName(), team.yourRole().storedName(), team.youOwn(), members, invites, accounts);
    }

    public String invitePage(InviteDetails invite, String token, Visit visit, String signedInAs, Chrome chrome) {
        String path = "/invites/" + Links.encode(token);
        InvitePageView view = new InvitePageView(invite.email(), invite.role().storedName(), invite.accountName(),
                invite.inviterEmail(), Formats.time(TimeUnit.MILLISECONDS.toSeconds(invite.expiresAtMillis())),
                visit == Visit.SIGNED_OUT, visit == Visit.INVITED_PERSON, visit == Visit.SOMEONE_ELSE, signedInAs,
                path + "/accept", "/login?next=" + Links.encode(path),
                "/signup?next=" + Links.encode(path) + "&email=" + Links.encode(invite.email()));
        return templates.render("invite", Map.of("chrome", chrome, "invite", view));
    }

    public String membersJson(List<Member> members) {
        return Json.write(new MembersJson(members.stream().map(m -> new MemberJson(Long.toString(m.userId()),
                m.email(), m.role().storedName(), TimeUnit.MILLISECONDS.toSeconds(m.joinedAtMillis()))).toList()));
    }

    private static InviteRow row(Invite invite) {
        return new InviteRow(Long.toString(invite.id()), invite.email(), invite.role().storedName(),
                Formats.time(TimeUnit.MILLISECONDS.toSeconds(invite.expiresAtMillis())));
    }

    private record MembersJson(List<MemberJson> members) {
    }

    private record MemberJson(@JsonProperty("user_id") String userId, String email, String role, long joined) {
    }
}
