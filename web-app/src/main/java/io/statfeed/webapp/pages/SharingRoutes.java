package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.dashboards.AddStatToDashboard;
import io.statfeed.interactor.sharing.CreateShareLink;
import io.statfeed.interactor.sharing.MakeStatPublic;
import io.statfeed.interactor.sharing.RevokeShareLink;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.session.SessionCookies;
import java.util.Locale;

/** The forms on a stat's page: public or private, share links, and adding it to a dashboard. */
public final class SharingRoutes {
    private final PageSupport pages;
    private final SessionCookies cookies;
    private final MakeStatPublic makeStatPublic;
    private final CreateShareLink createShareLink;
    private final RevokeShareLink revokeShareLink;
    private final AddStatToDashboard addStatToDashboard;

    public SharingRoutes(PageSupport pages, SessionCookies cookies, MakeStatPublic makeStatPublic,
                         CreateShareLink createShareLink, RevokeShareLink revokeShareLink,
                         AddStatToDashboard addStatToDashboard) {
        this.pages = pages;
        this.cookies = cookies;
        this.makeStatPublic = makeStatPublic;
        this.createShareLink = createShareLink;
        this.revokeShareLink = revokeShareLink;
        this.addStatToDashboard = addStatToDashboard;
    }

    public void addTo(Javalin app) {
        app.post("/stats/{id}/public", this::setPublic);
        app.post("/stats/{id}/share", this::share);
        app.post("/stats/{id}/share/revoke", this::revoke);
        app.post("/stats/{id}/dashboards", this::addToDashboard);
    }

    private void setPublic(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        long statId = statId(ctx);
        boolean isPublic = switch (Requests.form(ctx, "public").orElse("").toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new InvalidInputException("public must be on or off");
        };
        makeStatPublic.makePublic(visitor, statId, isPublic);
        cookies.notice(ctx, isPublic ? "The stat is public: anyone with its address can see and embed it."
                : "The stat is private again. Embeds by its id stop working; a share link still works.");
        Responses.seeOther(ctx, "/stats/" + statId);
    }

    private void share(Context ctx) {
        long statId = statId(ctx);
        createShareLink.create(pages.require(ctx).visitor(), statId);
        cookies.notice(ctx, "Share link created: anyone with it can see this stat and embed its graph.");
        Responses.seeOther(ctx, "/stats/" + statId);
    }

    private void revoke(Context ctx) {
        long statId = statId(ctx);
        revokeShareLink.revoke(pages.require(ctx).visitor(), statId);
        cookies.notice(ctx, "Share link revoked: it and the embeds using it no longer work.");
        Responses.seeOther(ctx, "/stats/" + statId);
    }

    private void addToDashboard(Context ctx) {
        long statId = statId(ctx);
        long dashboardId = Requests.formId(ctx, "dashboard", "dashboard");
        addStatToDashboard.add(pages.require(ctx).visitor(), dashboardId, statId);
        cookies.notice(ctx, "Added to the dashboard.");
        Responses.seeOther(ctx, "/stats/" + statId);
    }

    private static long statId(Context ctx) {
        return Requests.pathId(ctx, "id", "stat");
    }
}
