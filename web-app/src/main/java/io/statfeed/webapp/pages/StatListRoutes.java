package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.interactor.reports.ViewStars;
import io.statfeed.interactor.session.SignedIn;
import io.statfeed.interactor.stats.SearchStats;
import io.statfeed.interactor.settings.ViewKeys;
import io.statfeed.presenters.settings.CodeExamples;
import io.statfeed.presenters.stats.StatListPresenter;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;


/** The signed-in visitor's stats, searchable, and its JSON twin. */
public final class StatListRoutes {
    private final PageSupport pages;
    private final SearchStats searchStats;
    private final StatListPresenter presenter;
    private final ViewKeys viewKeys;
    private final ViewStars viewStars;

    public StatListRoutes(PageSupport pages, SearchStats searchStats, ViewKeys viewKeys, ViewStars viewStars,
                          StatListPresenter presenter) {
        this.viewStars = viewStars;
        this.pages = pages;
        this.searchStats = searchStats;
        this.viewKeys = viewKeys;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.get("/stats", this::list);
        app.get("/stats.json", this::list);
    }

    private void list(Context ctx) {
        SignedIn visitor = pages.require(ctx);
        SearchStats.StatList list = searchStats.search(visitor.visitor(), Requests.query(ctx, "q").orElse(""),
                Requests.offset(ctx));
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, presenter.json(list, pages.links(ctx)));
        } else {
            // A newcomer with no stats yet sees how to send one, with their own key filled in.
            String firstPost = list.stats().isEmpty() && list.query().isEmpty() && list.offset() == 0
                    ? CodeExamples.curl(pages.apiBase(ctx), viewKeys.view(visitor.visitor()).ezkey()) : "";
            var starred = viewStars.starredAmong(visitor.visitor(), list.stats().stream().map(SearchStats.StatSummary::id).toList());
            Responses.html(ctx, presenter.html(list, pages.chrome(ctx, "stats"), firstPost, starred));
        }
    }
}
