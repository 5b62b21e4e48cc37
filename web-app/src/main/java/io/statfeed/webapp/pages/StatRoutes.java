package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.Dashboard;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.feeds.FollowObject;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.interactor.alerts.StatAlerts;
import io.statfeed.interactor.dashboards.ListDashboards;
import io.statfeed.interactor.reports.ViewStars;
import io.statfeed.interactor.stats.DownloadStatData;
import io.statfeed.interactor.stats.DrawStatGraph;
import io.statfeed.interactor.stats.ViewStat;
import io.statfeed.presenters.csv.StatCsv;
import io.statfeed.presenters.stats.StatPagePresenter;
import io.statfeed.webapp.http.GraphParams;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import java.util.List;
import java.util.Optional;

/** A stat's page (and its JSON twin), its graph images and its CSV download. */
public final class StatRoutes {
    private final PageSupport pages;
    private final ViewStat viewStat;
    private final DrawStatGraph drawStatGraph;
    private final DownloadStatData downloadStatData;
    private final ListDashboards listDashboards;
    private final StatAlerts statAlerts;
    private final FollowObject follow;
    private final StatPagePresenter presenter;
    private final ViewStars viewStars;

    public StatRoutes(PageSupport pages, ViewStat viewStat, DrawStatGraph drawStatGraph,
                      DownloadStatData downloadStatData, ListDashboards listDashboards, ViewStars viewStars,
                      StatAlerts statAlerts, FollowObject follow, StatPagePresenter presenter) {
        this.viewStars = viewStars;
        this.statAlerts = statAlerts;
        this.pages = pages;
        this.listDashboards = listDashboards;
        this.viewStat = viewStat;
        this.drawStatGraph = drawStatGraph;
        this.downloadStatData = downloadStatData;
        this.follow = follow;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.get("/stats/{id}", this::page);
        app.get("/stats/{id}/graph.png", ctx -> graph(ctx, ImageFormat.PNG));
        app.get("/stats/{id}/graph.svg", ctx -> graph(ctx, ImageFormat.SVG));
        app.get("/stats/{id}/data.csv", this::csv);
    }

    private void page(Context ctx) {
        Optional<Visitor> visitor = pages.visitor(ctx);
        ViewStat.StatPage page;
        try {
            page = viewStat.view(visitor, Negotiation.pathId(ctx, "id"), frame(ctx));
        } catch (NotFoundException e) {
            // A browser with nobody signed in may hold a bookmark to its own private stat, opened after
            // logging out: logging in leads back here. Any id answers alike, so nothing leaks; scripts get 404.
            if (visitor.isEmpty() && Negotiation.wantsHtml(ctx)) {
                pages.require(ctx);
            }
            throw e;
        }
        StatAlerts.Alerts alerts = page.owned()
                ? statAlerts.of(visitor.orElseThrow().accountId(), page.stat(), page.window().start(), page.window().end())
                : StatAlerts.Alerts.NONE;
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, presenter.json(page, pages.links(ctx), alerts));
            return;
        }
        List<Dashboard> dashboards = page.owned() ? listDashboards.list(visitor.orElseThrow()) : List.of();
        boolean starred = page.owned() && viewStars.isStarred(visitor.orElseThrow(), page.stat().id());
        boolean following = visitor.map(v -> follow.isFollowing(v, FeedKey.stat(page.stat().id()))).orElse(false);
        Responses.html(ctx, presenter.html(page, pages.chrome(ctx, "stats"), pages.links(ctx), dashboards, starred,
                alerts, following));
    }

    private void graph(Context ctx, ImageFormat format) {
        var image = drawStatGraph.draw(pages.visitor(ctx), Requests.path(ctx, "id"),
                GraphParams.spec(ctx, format, GraphStyle.FILL));
        Responses.image(ctx, image, false);
    }

    private void csv(Context ctx) {
        DownloadStatData.StatData data = downloadStatData.download(pages.visitor(ctx), Requests.path(ctx, "id"),
                frame(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"" + StatCsv.fileName(data) + "\"");
        ctx.status(200).contentType(Responses.CSV).result(StatCsv.csv(data));
    }

    private static String frame(Context ctx) {
        return Requests.query(ctx, "tf").orElse("");
    }
}
