package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.reports.ViewReportSettings;
import io.statfeed.interactor.settings.CreateAccessToken;
import io.statfeed.interactor.settings.RevokeAccessToken;
import io.statfeed.interactor.settings.ReplaceKey;
import io.statfeed.interactor.settings.UseEmailAsEzkey;
import io.statfeed.interactor.directory.ApiServersHonour;
import io.statfeed.interactor.settings.ViewKeys;
import io.statfeed.interactor.teams.ViewTeam;
import io.statfeed.presenters.settings.SettingsPresenter;
import io.statfeed.presenters.teams.TeamPresenter;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.session.SessionCookies;
import java.util.Locale;

/**
 * Keys, access tokens, the email-as-ezkey opt-in, the report settings (posted to {@link ReportRoutes})
 * and the team (posted to {@link TeamRoutes}).
 */
public final class SettingsRoutes {
    private final PageSupport pages;
    private final SessionCookies cookies;
    private final ViewKeys viewKeys;
    private final CreateAccessToken createAccessToken;
    private final RevokeAccessToken revokeAccessToken;
    private final UseEmailAsEzkey useEmailAsEzkey;
    private final ReplaceKey replaceKey;
    private final SettingsPresenter presenter;
    private final ViewReportSettings viewReports;
    private final ViewTeam viewTeam;

    public SettingsRoutes(PageSupport pages, SessionCookies cookies, ViewKeys viewKeys,
                          CreateAccessToken createAccessToken, RevokeAccessToken revokeAccessToken,
                          UseEmailAsEzkey useEmailAsEzkey, ReplaceKey replaceKey, ViewReportSettings viewReports,
                          ViewTeam viewTeam, SettingsPresenter presenter) {
        this.viewTeam = viewTeam;
        this.viewReports = viewReports;
        this.pages = pages;
        this.cookies = cookies;
        this.viewKeys = viewKeys;
        this.createAccessToken = createAccessToken;
        this.revokeAccessToken = revokeAccessToken;
        this.useEmailAsEzkey = useEmailAsEzkey;
        this.replaceKey = replaceKey;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.get("/settings", this::page);
        app.get("/settings.json", this::page);
        app.post("/settings/tokens", this::createToken);
        app.post("/settings/tokens/{id}/revoke", this::revokeToken);
        app.post("/settings/email-ezkey", this::emailAsEzkey);
        app.post("/settings/keys/{key}/replace", this::replaceKey);
    }

    private void page(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        ViewKeys.Keys keys = viewKeys.view(visitor);
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, presenter.json(keys, pages.apiBase(ctx)));
        } else {
            render(ctx, visitor, keys, null, null);
        }
    }

    /** Answers with the page itself rather than a redirect: the new secret is shown this once and kept nowhere. */
    private void createToken(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        CreateAccessToken.CreatedAccessToken created = createAccessToken.create(visitor,
                Requests.form(ctx, "name").orElse(""));
        ctx.header("Cache-Control", "no-store");
        render(ctx, visitor, viewKeys.view(visitor), created.secret(), created.token().name());
    }

    private void revokeToken(Context ctx) {
        revokeAccessToken.revoke(pages.require(ctx).visitor(), Requests.pathId(ctx, "id", "access token"));
        cookies.notice(ctx, "Access token revoked: scripts using it now get 401.");
        Responses.seeOther(ctx, "/settings");
    }

    private void emailAsEzkey(Context ctx) {
        boolean enabled = switch (Requests.form(ctx, "enabled").orElse("").toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new InvalidInputException("enabled must be on or off");
        };
        ApiServersHonour.Outcome honoured = useEmailAsEzkey.set(pages.require(ctx).visitor(), enabled);
        noticeHonoured(ctx, enabled ? "Your email now works as an ezkey." : "Your email no longer works as an ezkey.",
                honoured);
        Responses.seeOther(ctx, "/settings");
    }

    private void replaceKey(Context ctx) {
        var key = ReplaceKey.key(ctx.pathParam("key"));
        ApiServersHonour.Outcome honoured = replaceKey.replace(pages.require(ctx).visitor(), key);
        noticeHonoured(ctx, "Your " + key.name().toLowerCase(Locale.ROOT) + " is new; the old one is refused from now on.",
                honoured);
        Responses.seeOther(ctx, "/settings");
    }

    /** The notice of a change the api-servers must honour, saying so if some did not confirm it in time. */
    private void noticeHonoured(Context ctx, String done, ApiServersHonour.Outcome honoured) {
        cookies.notice(ctx, honoured.everywhere() ? done : done + " " + honoured.unconfirmed().size()
                + " api-server(s) did not confirm it within " + ApiServersHonour.LIMIT.toSeconds()
                + " s: each is down, or cut off from the database and honours it once it is back.");
    }

    private void render(Context ctx, Visitor visitor, ViewKeys.Keys keys, String newToken, String newTokenName) {
        Responses.html(ctx, presenter.html(keys, viewReports.view(visitor), TeamPresenter.view(viewTeam.view(visitor)),
                pages.apiBase(ctx), pages.links(ctx).base(), pages.chrome(ctx, "settings"), newToken, newTokenName));
    }
}
