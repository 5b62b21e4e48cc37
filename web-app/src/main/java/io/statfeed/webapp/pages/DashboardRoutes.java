package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.feeds.FollowObject;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.interactor.dashboards.AddStatToDashboard;
import io.statfeed.interactor.dashboards.CreateDashboard;
import io.statfeed.interactor.dashboards.DeleteDashboard;
import io.statfeed.interactor.dashboards.ListDashboards;
import io.statfeed.interactor.dashboards.MoveStatOnDashboard;
import io.statfeed.interactor.dashboards.OpenDashboard;
import io.statfeed.interactor.dashboards.RemoveStatFromDashboard;
import io.statfeed.interactor.dashboards.RenameDashboard;
import io.statfeed.interactor.dashboards.ReorderDashboard;
import io.statfeed.interactor.stats.SearchStats;
import io.statfeed.presenters.dashboards.DashboardPresenter;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.session.SessionCookies;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Dashboards: the list, one dashboard, and the forms that change them (each answers with a redirect). */
public final class DashboardRoutes {
    /** The use cases behind the routes, gathered so that the constructor stays readable. */
    public record UseCases(ListDashboards list, CreateDashboard create, OpenDashboard open, RenameDashboard rename,
                           DeleteDashboard delete, AddStatToDashboard add, RemoveStatFromDashboard remove,
                           MoveStatOnDashboard move, ReorderDashboard reorder, SearchStats searchStats,
                           FollowObject follow) {
    }

    private final PageSupport pages;
    private final SessionCookies cookies;
    private final UseCases useCases;
    private final DashboardPresenter presenter;

    public DashboardRoutes(PageSupport pages, SessionCookies cookies, UseCases useCases, DashboardPresenter presenter) {
        this.pages = pages;
        this.cookies = cookies;
        this.useCases = useCases;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.get("/dashboards", this::list);
        app.get("/dashboards.json", this::list);
        app.post("/dashboards", this::create);
        app.get("/dashboards/{id}", this::page);
        app.post("/dashboards/{id}/rename", this::rename);
        app.post("/dashboards/{id}/delete", this::delete);
        app.post("/dashboards/{id}/stats", this::add);
        app.post("/dashboards/{id}/stats/{statId}/remove", this::remove);
        app.post("/dashboards/{id}/stats/{statId}/move", this::move);
        app.post("/dashboards/{id}/order", this::reorder);
    }

    private void list(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        List<Dashboard> dashboards = useCases.list().list(visitor);
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, presenter.listJson(dashboards, pages.links(ctx)));
        } else {
            Responses.html(ctx, presenter.listHtml(dashboards, pages.chrome(ctx, "dashboards")));
        }
    }

    private void create(Context ctx) {
        Dashboard created = useCases.create().create(pages.require(ctx).visitor(), Requests.form(ctx, "name").orElse(""));
        cookies.notice(ctx, "Dashboard created. Add stats to it below.");
        Responses.seeOther(ctx, "/dashboards/" + created.id());
    }

    private void page(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        OpenDashboard.DashboardPage page = useCases.open().open(visitor, dashboardId(ctx),
                Requests.query(ctx, "tf").orElse(""));
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, presenter.pageJson(page, pages.links(ctx)));
        } else {
            Responses.html(ctx, presenter.pageHtml(page, useCases.searchStats().search(visitor, "", 0).stats(),
                    useCases.follow().isFollowing(visitor, FeedKey.dashboard(page.dashboard().id())),
                    pages.chrome(ctx, "dashboards")));
        }
    }

    private void rename(Context ctx) {
        long id = dashboardId(ctx);
        useCases.rename().rename(pages.require(ctx).visitor(), id, Requests.form(ctx, "name").orElse(""));
        cookies.notice(ctx, "Dashboard renamed.");
        Responses.seeOther(ctx, "/dashboards/" + id);
    }

    private void delete(Context ctx) {
        useCases.delete().delete(pages.require(ctx).visitor(), dashboardId(ctx));
        cookies.notice(ctx, "Dashboard deleted. Its stats are untouched.");
        Responses.seeOther(ctx, "/dashboards");
    }

    private void add(Context ctx) {
        long id = dashboardId(ctx);
        useCases.add().add(pages.require(ctx).visitor(), id, Requests.formId(ctx, "stat_id", "stat"));
        cookies.notice(ctx, "Added to the dashboard.");
        Responses.seeOther(ctx, "/dashboards/" + id);
    }

    private void remove(Context ctx) {
        long id = dashboardId(ctx);
        useCases.remove().remove(pages.require(ctx).visitor(), id, Requests.pathId(ctx, "statId", "stat"));
        Responses.seeOther(ctx, "/dashboards/" + id);
    }

    private void move(Context ctx) {
        long id = dashboardId(ctx);
        MoveStatOnDashboard.Direction direction = switch (Requests.form(ctx, "dir").orElse("").toLowerCase(Locale.ROOT)) {
            case "earlier" -> MoveStatOnDashboard.Direction.EARLIER;
            case "later" -> MoveStatOnDashboard.Direction.LATER;
            default -> throw new InvalidInputException("dir must be earlier or later");
        };
        useCases.move().move(pages.require(ctx).visitor(), id, Requests.pathId(ctx, "statId", "stat"), direction);
        Responses.seeOther(ctx, "/dashboards/" + id);
    }

    /** The whole new order at once ({@code ids=3,1,2}), for scripts and drag and drop. */
    private void reorder(Context ctx) {
        long id = dashboardId(ctx);
        List<Long> order = Arrays.stream(Requests.requiredForm(ctx, "ids", "the stat ids in their new order").split(","))
                .map(String::strip).map(DashboardRoutes::statId).toList();
        useCases.reorder().reorder(pages.require(ctx).visitor(), id, order);
        Responses.seeOther(ctx, "/dashboards/" + id);
    }

    private static long statId(String text) {
        return Requests.id(text).orElseThrow(() -> new InvalidInputException(
                "ids must be stat ids separated by commas, got " + Requests.shown(text)));
    }

    private static long dashboardId(Context ctx) {
        return Requests.pathId(ctx, "id", "dashboard");
    }
}
